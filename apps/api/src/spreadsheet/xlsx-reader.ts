import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { SheetCell, SheetGrid } from '@region-score/core';
import { READ_LIMITS, UnreadableFile, type ReadLimits } from './limits';
import { inflateEntry, zipEntries, type ZipEntry } from './zip';

/*
 * A streaming XLSX reader with limits, built on fflate (inflate) and saxes (XML): the parts of
 * the workbook are inflated in chunks straight into a SAX parser, so no part is ever held whole,
 * and every limit of `READ_LIMITS` is checked as the data comes: the declared sizes of the parts
 * and the declared dimension of each sheet before reading, the inflated bytes, rows, columns,
 * cells and shared strings while reading. Cells are read as the file stores them: numbers, text,
 * booleans, errors, and date and percentage cells recognised by their number format.
 */

/** A sheet of the workbook that was not read, and why. */
export interface SkippedSheet {
  name: string;
  reason: string;
}

export interface Workbook {
  sheets: SheetGrid[];
  skipped: SkippedSheet[];
}

/** Thrown inside a SAX handler to stop reading a part that has given what we need. */
class Stop extends Error {}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Streams one zip entry through a SAX parser. */
function parsePart(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  what: string,
  budget: { left: number },
  handlers: {
    open?: (tag: SaxesTagPlain) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(tag));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', (err) => {
    throw new UnreadableFile(
      `not a CSV or XLSX file (${what} is not well-formed XML: ${err.message.split('\n')[0]})`,
    );
  });
  const decoder = new TextDecoder('utf-8');
  try {
    const used = inflateEntry(bytes, entry, Math.min(limit, budget.left), what, (chunk) => {
      parser.write(decoder.decode(chunk, { stream: true }));
    });
    budget.left -= used;
    parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    if (err instanceof Stop) return;
    throw err;
  }
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  const direct = tag.attributes[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(tag.attributes)) if (localName(k) === name) return v;
  return undefined;
};

/** `B12` → [row 12, column 1 (0-based)], or null. */
function cellRef(ref: string | undefined): [number, number] | null {
  const m = ref ? /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase()) : null;
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col - 1];
}

/** Built-in number formats that show dates (and times), and percentages. */
const DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
const PERCENT_FORMATS = new Set([9, 10]);

type NumberKind = 'number' | 'date' | 'percent';

/** What a custom number format shows: a date when it has day or year parts, a percentage with `%`. */
function formatKind(code: string): NumberKind {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (bare.includes('%')) return 'percent';
  if (/[dy]/.test(bare) || /(^|[^h:])m{3,}/.test(bare)) return 'date';
  return 'number';
}

/** Reads an XLSX workbook within `limits`; see the module comment. */
export function readXlsx(bytes: Uint8Array, limits: ReadLimits = { ...READ_LIMITS }): Workbook {
  const entries = zipEntries(bytes, limits.zipEntries);
  const budget = { left: limits.totalBytes };
  const part = (name: string) => entries.get(name);

  // Where the workbook is: _rels/.rels names it (xl/workbook.xml by convention).
  let workbookPath = 'xl/workbook.xml';
  const rootRels = part('_rels/.rels');
  if (rootRels) {
    parsePart(bytes, rootRels, limits.partBytes, 'the package relationships', budget, {
      open: (tag) => {
        if (localName(tag.name) !== 'Relationship') return;
        if ((attr(tag, 'Type') ?? '').endsWith('/officeDocument')) {
          workbookPath = resolvePath('', attr(tag, 'Target') ?? workbookPath);
        }
      },
    });
  }
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) {
    throw new UnreadableFile('not a CSV or XLSX file (a zip without a workbook)');
  }
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);

  const declared: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  parsePart(bytes, workbookEntry, limits.partBytes, 'the workbook', budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'workbookPr') {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const state = attr(tag, 'state');
        declared.push({
          name: attr(tag, 'name') ?? `Sheet${declared.length + 1}`,
          rid: attr(tag, 'id') ?? '',
          hidden: state === 'hidden' || state === 'veryHidden',
        });
        if (declared.length > limits.sheets) {
          throw new UnreadableFile(`the workbook has more than ${limits.sheets} sheets`);
        }
      }
    },
  });

  const targets = new Map<string, string>();
  let sharedStringsPath: string | null = null;
  let stylesPath: string | null = null;
  const rels = part(`${base}_rels/${workbookPath.slice(base.length)}.rels`);
  if (rels) {
    parsePart(bytes, rels, limits.partBytes, 'the workbook relationships', budget, {
      open: (tag) => {
        if (localName(tag.name) !== 'Relationship') return;
        const target = resolvePath(base, attr(tag, 'Target') ?? '');
        const type = attr(tag, 'Type') ?? '';
        targets.set(attr(tag, 'Id') ?? '', target);
        if (type.endsWith('/sharedStrings')) sharedStringsPath = target;
        if (type.endsWith('/styles')) stylesPath = target;
      },
    });
  }

  const styles = readStyles(bytes, stylesPath ? part(stylesPath) : undefined, limits, budget);
  const shared = readSharedStrings(
    bytes,
    sharedStringsPath ? part(sharedStringsPath) : undefined,
    limits,
    budget,
  );

  const out: Workbook = { sheets: [], skipped: [] };
  const cells = { left: limits.cells };
  for (const sheet of declared) {
    if (sheet.hidden) {
      out.skipped.push({ name: sheet.name, reason: 'hidden sheet' });
      continue;
    }
    const path = targets.get(sheet.rid);
    const entry = path ? part(path) : undefined;
    if (!entry) {
      out.skipped.push({ name: sheet.name, reason: 'not a worksheet' });
      continue;
    }
    out.sheets.push({
      name: sheet.name,
      rows: readSheet(
        bytes,
        entry,
        sheet.name,
        { styles, shared, date1904 },
        limits,
        budget,
        cells,
      ),
    });
  }
  return out;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `${base}${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function readStyles(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  limits: ReadLimits,
  budget: { left: number },
): NumberKind[] {
  const kinds: NumberKind[] = [];
  if (!entry) return kinds;
  const custom = new Map<number, NumberKind>();
  let inCellXfs = false;
  parsePart(bytes, entry, limits.partBytes, 'the styles', budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'numFmt') {
        custom.set(Number(attr(tag, 'numFmtId')), formatKind(attr(tag, 'formatCode') ?? ''));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        kinds.push(
          custom.get(id) ??
            (DATE_FORMATS.has(id) ? 'date' : PERCENT_FORMATS.has(id) ? 'percent' : 'number'),
        );
      }
    },
    close: (name) => {
      if (name === 'cellXfs') throw new Stop();
    },
  });
  return kinds;
}

function readSharedStrings(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  limits: ReadLimits,
  budget: { left: number },
): string[] {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  let chars = 0;
  parsePart(bytes, entry, limits.sharedStringsBytes, 'the shared strings', budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'si') {
        current = [];
        chars = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    close: (name) => {
      if (name === 'si') {
        strings.push((current ?? []).join(''));
        current = null;
        if (strings.length > limits.sharedStrings) {
          throw new UnreadableFile(
            `the workbook holds more than ${limits.sharedStrings} different texts`,
            'too_large',
          );
        }
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (!inText || !current) return;
      chars += text.length;
      // One cell's text is capped (Excel's own limit); the rest of it is dropped, not kept.
      if (chars <= limits.cellChars) current.push(text);
    },
  });
  return strings;
}

/** Reads one worksheet into rows of cells, refusing it beyond the limits. */
function readSheet(
  bytes: Uint8Array,
  entry: ZipEntry,
  name: string,
  book: { styles: NumberKind[]; shared: string[]; date1904: boolean },
  limits: ReadLimits,
  budget: { left: number },
  cells: { left: number },
): SheetCell[][] {
  const rows: SheetCell[][] = [];
  const where = `sheet "${name}"`;
  let rowNumber = 0;
  let rowElements = 0;
  let row: SheetCell[] | null = null;
  let col = -1;
  let cell: { type: string; style: number; col: number } | null = null;
  let text: string[] = [];
  let capture: 'v' | 't' | null = null;
  let inlineString = false;

  const finishCell = () => {
    if (!cell || !row) return;
    const raw = text.join('');
    const value = toCell(raw, cell.type, book.styles[cell.style] ?? 'number', book);
    if (value !== null) {
      if (rowNumber > limits.rows) {
        throw new UnreadableFile(
          `${where} has values below row ${limits.rows}; a report has at most ${limits.rows} rows`,
          'too_large',
        );
      }
      if (cell.col >= limits.columns) {
        throw new UnreadableFile(
          `${where} has values beyond column ${limits.columns}; a report has at most ${limits.columns} columns`,
          'too_large',
        );
      }
      if (--cells.left < 0) {
        throw new UnreadableFile(
          `the workbook has more than ${limits.cells} filled cells`,
          'too_large',
        );
      }
      row[cell.col] = value;
    }
    cell = null;
  };

  parsePart(bytes, entry, limits.sheetBytes, where, budget, {
    open: (tag) => {
      switch (localName(tag.name)) {
        case 'dimension': {
          const [, end] = (attr(tag, 'ref') ?? '').split(':');
          const last = cellRef(end);
          if (last && (last[0] > limits.rows || last[1] >= limits.columns)) {
            throw new UnreadableFile(
              `${where} declares ${last[0]} rows and ${last[1] + 1} columns; a report has at most ${limits.rows} rows and ${limits.columns} columns`,
              'too_large',
            );
          }
          break;
        }
        case 'row': {
          if (++rowElements > limits.rowElements) {
            throw new UnreadableFile(
              `${where} has more than ${limits.rowElements} rows (empty ones included)`,
              'too_large',
            );
          }
          const r = Number(attr(tag, 'r'));
          rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
          row = [];
          col = -1;
          break;
        }
        case 'c': {
          const ref = cellRef(attr(tag, 'r'));
          col = ref ? ref[1] : col + 1;
          cell = { type: attr(tag, 't') ?? 'n', style: Number(attr(tag, 's') ?? 0), col };
          text = [];
          inlineString = false;
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'is':
          inlineString = true;
          break;
        case 't':
          if (inlineString) capture = 't';
          break;
        case 'rPh':
          capture = null;
          break;
      }
    },
    close: (tagName) => {
      switch (tagName) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'c':
          finishCell();
          break;
        case 'row':
          if (row && row.length > 0) {
            while (rows.length < rowNumber - 1) rows.push([]);
            rows[rowNumber - 1] = Array.from(row, (c) => c ?? null);
          }
          row = null;
          break;
        case 'sheetData':
          throw new Stop();
      }
    },
    text: (t) => {
      if (capture === null || !cell) return;
      if (text.length < 4096) text.push(t);
    },
  });
  return rows;
}

const DAY_MS = 86_400_000;

function serialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const days = Math.floor(serial + (!date1904 && serial < 61 ? 1 : 0));
  const ms = epoch + days * DAY_MS;
  if (ms < Date.UTC(1900, 0, 1) || ms > Date.UTC(9999, 11, 31)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

function toCell(
  raw: string,
  type: string,
  kind: NumberKind,
  book: { shared: string[]; date1904: boolean },
): SheetCell {
  switch (type) {
    case 's': {
      const s = book.shared[Number(raw)];
      return s === undefined || s === '' ? null : s;
    }
    case 'inlineStr':
    case 'str':
      return raw === '' ? null : raw;
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return { error: raw };
    case 'd': {
      const date = raw.slice(0, 10);
      return /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : raw;
    }
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (kind === 'date') {
        const date = serialToDate(n, book.date1904);
        return date ? { date } : n;
      }
      if (kind === 'percent') return { percent: n };
      return n;
    }
  }
}
