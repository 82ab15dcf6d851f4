import {
  IngestProblemCode,
  type Indicator,
  type Region,
  type ReportForm,
} from '@region-score/contracts';
import type { RegionCatalog } from '../catalog';
import { localDate } from '../time';
import {
  cellText,
  columnLetter,
  isBlankCell,
  monthValueDate,
  readDate,
  readMonth,
  readNumber,
  yearIn,
  type MonthRef,
  type SheetCell,
  type SheetGrid,
} from './cells';
import {
  describeDistrict,
  describeIndicator,
  nameProblem,
  type DistrictRef,
  type NameIndex,
} from './names';
import {
  compact,
  findHeader,
  isReference,
  isTotalRow,
  readMeta,
  roleOf,
  type Header,
  type Meta,
  type Role,
} from './sheet-layout';

/*
 * The sheets district offices fill in, read into values. Four layouts are recognised by their
 * header row, in Russian, Kazakh or English:
 *
 * - long:       one row per value: district | indicator | value | date (| id)
 * - wide:       one row per indicator, one column per district; the date above the table
 * - transposed: one row per district, one column per indicator; the date above the table
 * - monthly:    one row per indicator, one column per month; the district named once above the
 *               table (or in the sheet's title, the file name, or the request)
 *
 * Rows above the header may hold "key: value" lines (Район: …, Дата: …, Период: …, Год: …).
 * Columns of units, targets, plans and comments are reference columns and are ignored.
 */

/** Where the reading of one value comes from. */
export interface ReportItem {
  sheet: string;
  /** Spreadsheet row (header = the row it is on, 1-based). */
  row: number;
  column: string;
  district: string;
  indicator: string;
  value: number;
  date: string;
  id?: string;
}

/** A problem with a report file: where it is (any part may be unknown) and what is wrong. */
export interface ReportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** `district`, `indicator`, `value`, `date`, `id`, `header` or `file`. */
  field: string;
  code: IngestProblemCode;
  message: string;
  district?: string;
  indicator?: string;
  date?: string;
}

export interface SheetReading {
  name: string;
  form: ReportForm | null;
  values: number;
  skipped?: string;
}

export interface ReportReading {
  sheets: SheetReading[];
  items: ReportItem[];
  problems: ReportProblem[];
}

export interface ReportContext {
  catalog: RegionCatalog;
  names: NameIndex;
  /** Districts the caller may report for (null: all): decides between districts sharing a name. */
  scope: ReadonlySet<string> | null;
  /** The district the request named, for monthly sheets that do not name theirs. */
  district?: DistrictRef;
  fileName?: string;
  /** When the file arrived: "today" in each region's zone (monthly values, dates of months). */
  at: Date;
  /** Most values read from one file. */
  maxValues: number;
}

/** Reads every sheet of a report; see the module comment for the layouts. */
export function readReport(sheets: readonly SheetGrid[], ctx: ReportContext): ReportReading {
  const out: ReportReading = { sheets: [], items: [], problems: [] };
  const seen = new Map<string, string>();
  const single = sheets.length === 1;
  for (const grid of sheets) {
    const reader = new SheetReader(grid, ctx, out, seen, single);
    out.sheets.push(reader.read());
    if (out.items.length > ctx.maxValues) break;
  }
  if (out.items.length > ctx.maxValues) {
    return {
      sheets: out.sheets,
      items: [],
      problems: [fileProblem(`more than ${ctx.maxValues} values (split the file)`)],
    };
  }
  if (!out.sheets.some((s) => s.form !== null) && out.problems.length === 0) {
    const why = out.sheets.map((s) => (single ? s.skipped : `"${s.name}": ${s.skipped}`));
    out.problems.push({
      sheet: null,
      row: null,
      column: null,
      field: single ? 'header' : 'file',
      code: single ? IngestProblemCode.missingColumn : IngestProblemCode.badFile,
      message: single
        ? (why[0] ?? 'no table found')
        : `no sheet holds a report table (${why.join('; ')})`,
    });
  }
  return out;
}

function fileProblem(message: string): ReportProblem {
  return {
    sheet: null,
    row: null,
    column: null,
    field: 'file',
    code: IngestProblemCode.badFile,
    message,
  };
}

const NO_HEADER =
  'no header row found: expected columns district, indicator, value, date (long form), or a ' +
  'row "indicator" followed by districts or months, or "district" followed by indicators';

class SheetReader {
  private readonly name: string;
  private values = 0;
  /** Region dates of "today", by region. */
  private readonly today = new Map<string, string>();

  constructor(
    private readonly grid: SheetGrid,
    private readonly ctx: ReportContext,
    private readonly out: ReportReading,
    private readonly seen: Map<string, string>,
    private readonly single: boolean,
  ) {
    this.name = grid.name;
  }

  read(): SheetReading {
    const rows = this.grid.rows;
    if (rows.every((r) => r.every(isBlankCell))) {
      if (this.single)
        this.problem(null, null, 'file', IngestProblemCode.badFile, 'the file is empty');
      return { name: this.name, form: null, values: 0, skipped: 'empty' };
    }
    const header = findHeader(rows, (text) => this.ctx.names.district(text).ok);
    if (!header) return { name: this.name, form: null, values: 0, skipped: NO_HEADER };
    const meta = readMeta(rows, header.row);
    const hasData = rows.slice(header.row + 1).some((r) => !r.every(isBlankCell));
    if (!hasData) {
      if (this.single) {
        this.problem(
          null,
          null,
          'file',
          IngestProblemCode.badFile,
          'no data rows under the header',
        );
      }
      return {
        name: this.name,
        form: header.form,
        values: 0,
        skipped: 'no data rows under the header',
      };
    }
    switch (header.form) {
      case 'long':
        this.readLong(header, meta);
        break;
      case 'wide':
        this.readWide(header, meta);
        break;
      case 'transposed':
        this.readTransposed(header, meta);
        break;
      case 'monthly':
        this.readMonthly(header, meta);
        break;
    }
    return { name: this.name, form: header.form, values: this.values };
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private problem(
    row: number | null,
    column: number | null,
    field: string,
    code: IngestProblemCode,
    message: string,
    about: { district?: string; indicator?: string; date?: string } = {},
  ): void {
    if (this.out.problems.length >= this.ctx.maxValues) return;
    this.out.problems.push({
      sheet: this.name,
      row,
      column: column === null ? null : columnLetter(column),
      field,
      code,
      message,
      ...about,
    });
  }

  private todayIn(region: Region): string {
    let t = this.today.get(region.id);
    if (t === undefined) {
      t = localDate(this.ctx.at, region.timezone);
      this.today.set(region.id, t);
    }
    return t;
  }

  private inScope = (ref: DistrictRef) => !this.ctx.scope || this.ctx.scope.has(ref.district.id);

  private district(text: string, row: number | null, column: number | null): DistrictRef | null {
    const match = this.ctx.names.district(text, this.inScope);
    if (match.ok) return match.item;
    this.problem(
      row,
      column,
      'district',
      match.reason === 'ambiguous'
        ? IngestProblemCode.ambiguousName
        : IngestProblemCode.unknownDistrict,
      nameProblem('district', text, match, describeDistrict),
    );
    return null;
  }

  private indicator(
    region: Region,
    text: string,
    row: number | null,
    column: number | null,
  ): Indicator | null {
    const match = this.ctx.names.indicator(region.id, text);
    if (match.ok) return match.item;
    this.problem(
      row,
      column,
      'indicator',
      match.reason === 'ambiguous'
        ? IngestProblemCode.ambiguousName
        : IngestProblemCode.unknownIndicator,
      nameProblem('indicator', text, match, describeIndicator) + ` in region "${region.id}"`,
    );
    return null;
  }

  /** The district the sheet is about, when it names one above the table, in its name or title. */
  private sheetDistrict(meta: Meta): DistrictRef | null | 'problem' {
    if (meta.district) {
      return this.district(meta.district.text, meta.district.row, null) ?? 'problem';
    }
    for (const text of [...meta.titles, this.name, this.ctx.fileName ?? '']) {
      const found = this.ctx.names.districtsIn(text);
      const scoped = found.filter(this.inScope);
      const pick = scoped.length > 0 ? scoped : found;
      if (pick.length >= 1) return pick[0] as DistrictRef;
    }
    return this.ctx.district ?? null;
  }

  /** The date of every value of a wide or transposed sheet: `Дата:` or `Период:` above it. */
  private sheetDate(meta: Meta, region: Region | null): string | null | 'problem' {
    const today = region ? this.todayIn(region) : this.ctx.at.toISOString().slice(0, 10);
    const source = meta.date ?? meta.period;
    if (!source) return null;
    if (meta.period && !meta.date) {
      const month = readMonth(meta.period.cell);
      if (month) {
        const year =
          month.year ?? meta.year ?? yearIn(meta.titles.join(' ')) ?? Number(today.slice(0, 4));
        return monthValueDate({ year, month: month.month }, today);
      }
    }
    const read = readDate(source.cell, today);
    if (read.ok) return read.value;
    this.problem(source.row, null, 'date', IngestProblemCode.invalidDate, read.message);
    return 'problem';
  }

  /** Records a value read from a cell, refusing a second value for the same district, indicator and date. */
  private add(
    row: number,
    column: number,
    district: string,
    indicator: string,
    value: number,
    date: string,
    id?: string,
  ): void {
    const key = `${district}\u0000${indicator}\u0000${date}`;
    const place = `${this.single ? '' : `sheet "${this.name}", `}row ${row}${this.columnNote(column)}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.problem(
        row,
        column,
        'value',
        IngestProblemCode.duplicate,
        `repeats ${first}: the same district, indicator and date`,
        {
          district,
          indicator,
          date,
        },
      );
      return;
    }
    this.seen.set(key, place);
    this.values++;
    const item: ReportItem = {
      sheet: this.name,
      row,
      column: columnLetter(column),
      district,
      indicator,
      value,
      date,
    };
    if (id !== undefined) item.id = id;
    this.out.items.push(item);
  }

  private columnNote(column: number): string {
    return `, column ${columnLetter(column)}`;
  }

  private header(h: Header): SheetCell[] {
    return this.grid.rows[h.row] ?? [];
  }

  private dataRows(h: Header): [number, SheetCell[]][] {
    const out: [number, SheetCell[]][] = [];
    for (let r = h.row + 1; r < this.grid.rows.length; r++) {
      const cells = this.grid.rows[r] ?? [];
      if (cells.every(isBlankCell)) continue;
      out.push([r + 1, cells]);
    }
    return out;
  }

  /** Value columns of a header: those not blank, not reference columns; a repeat is a problem. */
  private valueColumns<T>(
    h: Header,
    resolve: (text: string, column: number) => T | null,
    idOf: (item: T) => string,
  ): Map<number, T> {
    const columns = new Map<number, T>();
    const firstAt = new Map<string, number>();
    this.header(h).forEach((cell, c) => {
      if (c <= h.label || isBlankCell(cell)) return;
      const key = compact(cell);
      if (isReference(key)) return;
      const item = resolve(cellText(cell), c);
      if (item === null) return;
      const id = idOf(item);
      const first = firstAt.get(id);
      if (first !== undefined) {
        this.problem(
          h.row + 1,
          c,
          'header',
          IngestProblemCode.duplicate,
          `column ${columnLetter(c)} repeats column ${columnLetter(first)} ("${id}")`,
        );
        return;
      }
      firstAt.set(id, c);
      columns.set(c, item);
    });
    return columns;
  }

  private number(
    cell: SheetCell | undefined,
    row: number,
    column: number,
    about: object,
  ): number | null {
    const read = readNumber(cell, typeof cell !== 'string');
    if (read.ok) return read.value;
    this.problem(row, column, 'value', IngestProblemCode.unreadable, read.message, about);
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // Long: district | indicator | value | date (| id)

  private readLong(h: Header, meta: Meta): void {
    const cols = new Map<Role, number>();
    let broken = false;
    this.header(h).forEach((cell, c) => {
      const role = roleOf(cell);
      if (!role) return;
      if (cols.has(role)) {
        this.problem(
          h.row + 1,
          c,
          'header',
          IngestProblemCode.duplicate,
          `column "${role}" appears twice`,
        );
        broken = true;
      }
      cols.set(role, c);
    });
    const sheetDistrict = cols.has('district') ? null : this.sheetDistrict(meta);
    const missing: Role[] = [];
    if (!cols.has('district') && (sheetDistrict === null || sheetDistrict === 'problem'))
      missing.push('district');
    if (!cols.has('indicator')) missing.push('indicator');
    if (!cols.has('date') && !meta.date && !meta.period) missing.push('date');
    for (const role of missing) {
      this.problem(
        null,
        null,
        'header',
        IngestProblemCode.missingColumn,
        `missing column "${role}"`,
      );
    }
    if (broken || missing.length > 0) return;
    const at = (row: SheetCell[], role: Role) => {
      const c = cols.get(role);
      return c === undefined ? undefined : row[c];
    };
    let fallbackDate: string | null | 'problem' | undefined;
    for (const [row, cells] of this.dataRows(h)) {
      const vCell = at(cells, 'value');
      const dCell = at(cells, 'district');
      const iCell = at(cells, 'indicator');
      const vCol = cols.get('value') as number;
      // A template row left empty: nothing reported, nothing wrong.
      if (isBlankCell(vCell)) continue;
      let ref: DistrictRef | null;
      if (cols.has('district')) {
        if (isBlankCell(dCell)) {
          this.problem(
            row,
            cols.get('district') ?? null,
            'district',
            IngestProblemCode.unreadable,
            'is empty',
          );
          continue;
        }
        ref = this.district(cellText(dCell), row, cols.get('district') ?? null);
      } else ref = sheetDistrict as DistrictRef;
      if (isBlankCell(iCell)) {
        this.problem(
          row,
          cols.get('indicator') ?? null,
          'indicator',
          IngestProblemCode.unreadable,
          'is empty',
        );
        continue;
      }
      const indicator = ref
        ? this.indicator(ref.region, cellText(iCell), row, cols.get('indicator') ?? null)
        : null;
      if (!ref || !indicator) continue;
      const about = { district: ref.district.id, indicator: indicator.id };
      const value = this.number(vCell, row, vCol, about);
      let date: string | null = null;
      const dateCell = at(cells, 'date');
      if (cols.has('date') && !isBlankCell(dateCell)) {
        const read = readDate(dateCell, this.todayIn(ref.region));
        if (read.ok) date = read.value;
        else
          this.problem(
            row,
            cols.get('date') ?? null,
            'date',
            IngestProblemCode.invalidDate,
            read.message,
            about,
          );
      } else {
        fallbackDate ??= this.sheetDate(meta, ref.region);
        if (fallbackDate === null) {
          this.problem(
            row,
            cols.get('date') ?? null,
            'date',
            IngestProblemCode.unreadable,
            'is empty',
            about,
          );
        }
        if (typeof fallbackDate === 'string') date = fallbackDate;
      }
      const id = this.id(at(cells, 'id'), row, cols.get('id'));
      if (value === null || date === null || id === false) continue;
      this.add(row, vCol, ref.district.id, indicator.id, value, date, id);
    }
  }

  private id(
    cell: SheetCell | undefined,
    row: number,
    column: number | undefined,
  ): string | undefined | false {
    if (column === undefined || isBlankCell(cell)) return undefined;
    if (typeof cell === 'object' && cell !== null && 'error' in cell) {
      this.problem(
        row,
        column,
        'id',
        IngestProblemCode.unreadable,
        `the cell holds the error ${cell.error}`,
      );
      return false;
    }
    const id = cellText(cell);
    if (id.length > 128) {
      this.problem(
        row,
        column,
        'id',
        IngestProblemCode.unreadable,
        'is longer than 128 characters',
      );
      return false;
    }
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Wide: indicator | <district> | <district> …, the date above

  private readWide(h: Header, meta: Meta): void {
    const columns = this.valueColumns(
      h,
      (text, c) => this.district(text, h.row + 1, c),
      (ref) => ref.district.id,
    );
    if (columns.size === 0) {
      if (!this.out.problems.some((p) => p.sheet === this.name)) {
        this.problem(
          h.row + 1,
          null,
          'header',
          IngestProblemCode.missingColumn,
          'no district columns after the indicator column',
        );
      }
      return;
    }
    const firstRef = [...columns.values()][0] as DistrictRef;
    const date = this.sheetDate(meta, firstRef.region);
    if (date === null) {
      this.problem(
        h.row,
        null,
        'date',
        IngestProblemCode.missingColumn,
        'the report date is missing: put a row "Дата: 30.06.2026" (or "Период: июнь 2026") above the table',
      );
    }
    if (typeof date !== 'string') return;
    for (const [row, cells] of this.dataRows(h)) {
      const label = cells[h.label];
      if (isTotalRow(label)) continue;
      const filled = [...columns.keys()].filter((c) => !isBlankCell(cells[c]));
      if (filled.length === 0) continue; // a section heading or an indicator not reported
      if (isBlankCell(label)) {
        this.problem(row, h.label, 'indicator', IngestProblemCode.unreadable, 'is empty');
        continue;
      }
      const byRegion = new Map<string, Indicator | null>();
      for (const c of filled) {
        const ref = columns.get(c) as DistrictRef;
        let indicator = byRegion.get(ref.region.id);
        if (indicator === undefined) {
          indicator = this.indicator(ref.region, cellText(label), row, h.label);
          byRegion.set(ref.region.id, indicator);
        }
        if (!indicator) continue;
        const value = this.number(cells[c], row, c, {
          district: ref.district.id,
          indicator: indicator.id,
        });
        if (value !== null) this.add(row, c, ref.district.id, indicator.id, value, date);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Transposed: district | <indicator> | <indicator> …, the date above

  private readTransposed(h: Header, meta: Meta): void {
    const header = this.header(h);
    const indicatorColumns: number[] = [];
    const firstAt = new Map<string, number>();
    header.forEach((cell, c) => {
      if (c > h.label && !isBlankCell(cell) && !isReference(compact(cell)))
        indicatorColumns.push(c);
    });
    if (indicatorColumns.length === 0) {
      this.problem(
        h.row + 1,
        null,
        'header',
        IngestProblemCode.missingColumn,
        'no indicator columns after the district column',
      );
      return;
    }
    const resolved = new Map<string, Map<number, Indicator | null>>();
    const columnsIn = (region: Region) => {
      let map = resolved.get(region.id);
      if (!map) {
        map = new Map();
        for (const c of indicatorColumns) {
          const indicator = this.indicator(region, cellText(header[c]), h.row + 1, c);
          if (indicator) {
            const first = firstAt.get(`${region.id}/${indicator.id}`);
            if (first !== undefined) {
              this.problem(
                h.row + 1,
                c,
                'header',
                IngestProblemCode.duplicate,
                `column ${columnLetter(c)} repeats column ${columnLetter(first)} ("${indicator.id}")`,
              );
              map.set(c, null);
              continue;
            }
            firstAt.set(`${region.id}/${indicator.id}`, c);
          }
          map.set(c, indicator);
        }
        resolved.set(region.id, map);
      }
      return map;
    };
    let date: string | null | 'problem' | undefined;
    for (const [row, cells] of this.dataRows(h)) {
      const label = cells[h.label];
      if (isTotalRow(label)) continue;
      const filled = indicatorColumns.filter((c) => !isBlankCell(cells[c]));
      if (filled.length === 0) continue;
      if (isBlankCell(label)) {
        this.problem(row, h.label, 'district', IngestProblemCode.unreadable, 'is empty');
        continue;
      }
      const ref = this.district(cellText(label), row, h.label);
      if (!ref) continue;
      if (date === undefined) {
        date = this.sheetDate(meta, ref.region);
        if (date === null) {
          this.problem(
            h.row,
            null,
            'date',
            IngestProblemCode.missingColumn,
            'the report date is missing: put a row "Дата: 30.06.2026" (or "Период: июнь 2026") above the table',
          );
        }
      }
      if (typeof date !== 'string') return;
      const map = columnsIn(ref.region);
      for (const c of filled) {
        const indicator = map.get(c);
        if (!indicator) continue;
        const value = this.number(cells[c], row, c, {
          district: ref.district.id,
          indicator: indicator.id,
        });
        if (value !== null) this.add(row, c, ref.district.id, indicator.id, value, date);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Monthly: indicator | Jan | Feb | …, the district above (or in the title, file name, request)

  private readMonthly(h: Header, meta: Meta): void {
    const ref = this.sheetDistrict(meta);
    if (ref === 'problem') return;
    if (ref === null) {
      this.problem(
        null,
        null,
        'district',
        IngestProblemCode.missingColumn,
        'the district is not named: put a row "Район: <name>" above the table, or name it in the upload (?district=)',
      );
      return;
    }
    const today = this.todayIn(ref.region);
    const fallbackYear =
      meta.year ??
      yearIn(meta.titles.join(' ')) ??
      yearIn(this.name) ??
      yearIn(this.ctx.fileName ?? '') ??
      Number(today.slice(0, 4));
    const months = new Map<number, { year: number; month: number }>();
    const firstAt = new Map<string, number>();
    this.header(h).forEach((cell, c) => {
      if (c <= h.label || isBlankCell(cell)) return;
      const m: MonthRef | null = readMonth(cell);
      if (!m) return; // units, targets and other reference columns
      const ym = { year: m.year ?? fallbackYear, month: m.month };
      const key = `${ym.year}-${ym.month}`;
      const first = firstAt.get(key);
      if (first !== undefined) {
        this.problem(
          h.row + 1,
          c,
          'header',
          IngestProblemCode.duplicate,
          `column ${columnLetter(c)} repeats the month of column ${columnLetter(first)}`,
        );
        return;
      }
      firstAt.set(key, c);
      months.set(c, ym);
    });
    for (const [row, cells] of this.dataRows(h)) {
      const label = cells[h.label];
      if (isTotalRow(label)) continue;
      const filled = [...months.keys()].filter((c) => !isBlankCell(cells[c]));
      if (filled.length === 0) continue;
      if (isBlankCell(label)) {
        this.problem(row, h.label, 'indicator', IngestProblemCode.unreadable, 'is empty');
        continue;
      }
      const indicator = this.indicator(ref.region, cellText(label), row, h.label);
      if (!indicator) continue;
      for (const c of filled) {
        const value = this.number(cells[c], row, c, {
          district: ref.district.id,
          indicator: indicator.id,
        });
        if (value === null) continue;
        this.add(
          row,
          c,
          ref.district.id,
          indicator.id,
          value,
          monthValueDate(months.get(c) as { year: number; month: number }, today),
        );
      }
    }
  }
}
