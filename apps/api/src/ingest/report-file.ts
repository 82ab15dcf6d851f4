import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import {
  ErrorCode,
  IngestProblemCode,
  MAX_BATCH,
  type ObservationInput,
} from '@region-score/contracts';
import { isRealDate } from '@region-score/core';
import { ApiError } from '../errors';

/** Largest report file accepted (raw body or multipart file). */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

export const CSV_MEDIA_TYPES: readonly string[] = ['text/csv', 'application/csv'];
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportFormat = 'csv' | 'xlsx';

/**
 * One problem with a report file. `row` is the spreadsheet row (header = 1) or null for problems
 * of the whole file; `field` is the column (`district`, `value`, …), `header` or `file`.
 */
export interface ReportProblem {
  row: number | null;
  field: string;
  code: IngestProblemCode;
  message: string;
}

/** Where a problem is, as the reporter reads it: `row 7, value` or `header`. */
export function problemPlace(p: ReportProblem): string {
  return p.row === null ? p.field : `row ${p.row}, ${p.field}`;
}

/** `row 7, value: "abc" is not a number` or `header: missing column "indicator"`. */
export function describeProblem(p: ReportProblem): string {
  return `${problemPlace(p)}: ${p.message}`;
}

/** The 400 for a file that cannot be read: every problem listed, all in the message too. */
export function reportError(problems: readonly ReportProblem[]): ApiError {
  return new ApiError(
    400,
    ErrorCode.validation,
    problems.map(describeProblem).join('; '),
    problems.map((p) => ({ field: problemPlace(p), code: p.code, message: p.message })),
  );
}

export type ParsedReport =
  | {
      ok: true;
      format: ReportFormat;
      observations: ObservationInput[];
      /** Spreadsheet row of each observation, for error messages after parsing. */
      rows: number[];
    }
  | { ok: false; problems: ReportProblem[] };

/** Parsing stops collecting after this many problems: the first few are what a reporter fixes. */
const MAX_PROBLEMS = 20;

const fileProblem = (message: string): ParsedReport => ({
  ok: false,
  problems: [{ row: null, field: 'file', code: IngestProblemCode.badFile, message }],
});

/**
 * Decides CSV or XLSX from what the client said (file name, content type) and what the bytes
 * are. An XLSX is a zip, so the zip signature wins over a misleading name; Windows browsers send
 * `.csv` files as `application/vnd.ms-excel`, so the file name wins over the content type.
 */
export function detectReportFormat(
  bytes: Uint8Array,
  hint: { filename?: string | undefined; contentType?: string | undefined },
): ReportFormat | ReportProblem {
  const notReport = (why: string): ReportProblem => ({
    row: null,
    field: 'file',
    code: IngestProblemCode.badFile,
    message: `not a CSV or XLSX file (${why})`,
  });
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const ext = /\.([a-z0-9]+)$/i.exec(hint.filename?.trim() ?? '')?.[1]?.toLowerCase();
  const type = hint.contentType?.split(';')[0]?.trim().toLowerCase();
  if (isOle || ext === 'xls')
    return notReport('old .xls workbooks are not supported; save as .xlsx');
  if (isZip) return 'xlsx';
  if (ext === 'xlsx' || (ext === undefined && type === XLSX_MEDIA_TYPE)) {
    return notReport('the .xlsx file is not a valid workbook');
  }
  const claimsCsv =
    ext === 'csv' || (ext === undefined && type !== undefined && CSV_MEDIA_TYPES.includes(type));
  if (!claimsCsv) {
    return notReport(ext ? `.${ext} files are not accepted` : 'unknown content type');
  }
  if (bytes.includes(0) && !hasUtf16Bom(bytes)) return notReport('binary content');
  return 'csv';
}

/**
 * Reads a report into observations, or every problem found (up to a limit). Pure apart from
 * decoding: no catalog look-ups, so ids are checked later by `stampObservations`.
 */
export async function parseReportFile(
  bytes: Uint8Array,
  format: ReportFormat,
  options: { charset?: string | undefined; maxRows?: number } = {},
): Promise<ParsedReport> {
  if (bytes.length === 0) return fileProblem('the file is empty');
  let grid: Cell[][];
  if (format === 'csv') {
    const text = decodeCsv(bytes, options.charset);
    if (text === null) return fileProblem(`unsupported charset "${options.charset}"`);
    const csv = readCsv(text);
    if (!Array.isArray(csv)) return { ok: false, problems: [csv] };
    grid = csv;
  } else {
    const sheet = await readXlsx(bytes);
    if (!Array.isArray(sheet)) return { ok: false, problems: [sheet] };
    grid = sheet;
  }
  return gridToObservations(grid, format, options.maxRows ?? MAX_BATCH);
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell as read from either format; CSV gives only strings. */
type Cell = string | number | boolean | Date | null | { error: string };

const isBlank = (cell: Cell | undefined) =>
  cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');

// ---------------------------------------------------------------------------------------------
// CSV

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * Text of a CSV: the declared charset when given; a UTF-16 BOM (Excel's "Unicode text"); else
 * UTF-8, falling back to Windows-1251, which Russian-locale Excel uses for "CSV (comma delimited)".
 * Returns null for a charset the runtime does not know.
 */
function decodeCsv(bytes: Uint8Array, charset: string | undefined): string | null {
  const decode = (label: string, fatal = false) =>
    new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
  if (charset) {
    try {
      return decode(charset);
    } catch {
      return null;
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be');
  try {
    return decode('utf-8', true);
  } catch {
    return decode('windows-1251');
  }
}

/**
 * The delimiter, from the header line: headers never hold decimal commas, so counting there is
 * reliable, while guessing from data rows is fooled by `78,5` in a `;`-separated file.
 */
function csvDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function readCsv(text: string): Cell[][] | ReportProblem {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: csvDelimiter(text),
    skipEmptyLines: false,
  });
  const bad = result.errors.find((e) => e.type === 'Quotes');
  if (bad) {
    return {
      row: bad.row === undefined ? null : bad.row + 1,
      field: 'file',
      code: IngestProblemCode.unreadable,
      message: 'a quoted field is not closed',
    };
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** The first visible worksheet as a grid of plain cells. */
async function readXlsx(bytes: Uint8Array): Promise<Cell[][] | ReportProblem> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return {
      row: null,
      field: 'file',
      code: IngestProblemCode.badFile,
      message: 'not a CSV or XLSX file (cannot read the workbook)',
    };
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) {
    return {
      row: null,
      field: 'file',
      code: IngestProblemCode.badFile,
      message: 'the workbook has no worksheet',
    };
  }
  const grid: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plainCell(cell.value);
    });
    grid[rowNumber - 1] = cells;
  });
  // eachRow skips empty rows; keep their places so row numbers match the spreadsheet.
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

/** Rich text, hyperlinks and formulas reduced to what the cell shows. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return plainCell(value.text);
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined
      ? { error: 'a formula without a saved result (open and save the file in Excel)' }
      : plainCell(result);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rows → observations

type Column = 'district' | 'indicator' | 'value' | 'date' | 'id';
const REQUIRED: readonly Column[] = ['district', 'indicator', 'value', 'date'];
const HEADER_NAMES: Record<string, Column> = {
  district: 'district',
  район: 'district',
  indicator: 'indicator',
  показатель: 'indicator',
  value: 'value',
  значение: 'value',
  date: 'date',
  дата: 'date',
  id: 'id',
};

function gridToObservations(grid: Cell[][], format: ReportFormat, maxRows: number): ParsedReport {
  const header = grid[0];
  if (!header || header.every(isBlank)) return fileProblem('the file is empty');

  const problems: ReportProblem[] = [];
  const columns = new Map<Column, number>();
  header.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const column =
      HEADER_NAMES[
        cell
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase()
      ];
    if (!column) return; // other columns (comments, units) are allowed and ignored
    if (columns.has(column)) {
      problems.push({
        row: null,
        field: 'header',
        code: IngestProblemCode.badFile,
        message: `column "${column}" appears twice`,
      });
    }
    columns.set(column, i);
  });
  for (const column of REQUIRED) {
    if (!columns.has(column)) {
      problems.push({
        row: null,
        field: 'header',
        code: IngestProblemCode.missingColumn,
        message: `missing column "${column}"`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const dataRows: number[] = [];
  for (let i = 1; i < grid.length; i++) {
    if (!(grid[i] ?? []).every(isBlank)) dataRows.push(i);
  }
  if (dataRows.length === 0) return fileProblem('no data rows under the header');
  if (dataRows.length > maxRows) return fileProblem(`more than ${maxRows} rows`);

  const observations: ObservationInput[] = [];
  const rows: number[] = [];
  for (const i of dataRows) {
    const cells = grid[i] ?? [];
    const row = i + 1;
    const cellOf = (c: Column) => {
      const at = columns.get(c);
      return at === undefined ? null : (cells[at] ?? null);
    };
    const fail = (field: Column, message: string) => {
      problems.push({ row, field, code: IngestProblemCode.unreadable, message });
      return undefined;
    };
    const district = readSlug(cellOf('district'), (m) => fail('district', m));
    const indicator = readSlug(cellOf('indicator'), (m) => fail('indicator', m));
    const value = readValue(cellOf('value'), format, (m) => fail('value', m));
    const date = readDate(cellOf('date'), (m) => fail('date', m));
    const id = readId(cellOf('id'), (m) => fail('id', m));
    if (problems.length >= MAX_PROBLEMS) break;
    if (
      district === undefined ||
      indicator === undefined ||
      value === undefined ||
      date === undefined ||
      id === false
    ) {
      continue;
    }
    const observation: ObservationInput = { district, indicator, value, date };
    if (id !== undefined) observation.id = id;
    observations.push(observation);
    rows.push(row);
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, format, observations, rows };
}

type Fail = (message: string) => undefined;

const shown = (cell: Cell): string =>
  cell instanceof Date ? cell.toISOString() : typeof cell === 'object' ? '' : String(cell);

function readSlug(cell: Cell, fail: Fail): string | undefined {
  if (isBlank(cell)) return fail('is empty');
  if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) {
    return fail(`the cell holds the error ${cell.error}`);
  }
  // Ids are lowercase slugs; Excel's habit of capitalising the first letter should not matter.
  return shown(cell).trim().toLowerCase();
}

/** `1 234,5`, `1234.5`, `-3`; spaces (incl. no-break) only as thousands separators. */
const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?$/;

function readValue(cell: Cell, format: ReportFormat, fail: Fail): number | undefined {
  if (isBlank(cell)) return fail('is empty');
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? cell : fail('must be a finite number');
  }
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (!NUMBER_TEXT.test(text)) {
      const hint = format === 'csv' ? '' : ' (type it as a number)';
      return fail(`"${text}" is not a number${hint}`);
    }
    return Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  }
  if (cell instanceof Date) return fail('a date is not a number');
  if (typeof cell === 'boolean') return fail(`${String(cell).toUpperCase()} is not a number`);
  return fail(`the cell holds the error ${cell?.error ?? ''}`);
}

/** Excel's serial day number of 1970-01-01 (1900 date system). */
const EXCEL_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

function readDate(cell: Cell, fail: Fail): string | undefined {
  if (isBlank(cell)) return fail('is empty');
  // exceljs turns a date cell into the same wall-clock time at UTC, so the UTC calendar date is
  // the date the cell shows, whatever time zone the server or the author is in.
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? fail('is not a valid date') : ymd(cell);
  }
  if (typeof cell === 'number') {
    // A date typed into a cell formatted as a number: Excel's serial day number.
    if (cell < 1 || cell > 2_958_465) return fail(`${cell} is not a date`);
    return ymd(new Date(Math.round((Math.floor(cell) - EXCEL_EPOCH_SERIAL) * DAY_MS)));
  }
  if (typeof cell !== 'string') {
    return typeof cell === 'boolean'
      ? fail(`${String(cell).toUpperCase()} is not a date`)
      : fail(`the cell holds the error ${cell?.error ?? ''}`);
  }
  const text = cell.trim();
  let iso: string | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) {
    const [, d = '', m = '', y = ''] = dotted;
    iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  }
  if (iso === undefined) return fail(`"${text}" is not a date (use YYYY-MM-DD or DD.MM.YYYY)`);
  if (!isRealDate(iso)) return fail(`"${text}" is not a real calendar date`);
  return iso;
}

/** Returns false on a problem, undefined when the row has no id. */
function readId(cell: Cell, fail: Fail): string | undefined | false {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) {
    fail(`the cell holds the error ${cell.error}`);
    return false;
  }
  const id = cell instanceof Date ? ymd(cell) : String(cell).trim();
  if (id.length > 128) {
    fail('is longer than 128 characters');
    return false;
  }
  return id;
}
