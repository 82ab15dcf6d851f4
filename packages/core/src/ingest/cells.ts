import { isRealDate } from '../time';
import { nameKey } from './names';

/**
 * One cell of a report sheet as the file readers give it: text, a number, a boolean, nothing,
 * or a typed cell of a workbook: a date cell (its calendar date), a number shown as a percentage
 * (the stored fraction: 0.785 for "78.5%"), or an error (`#N/A`).
 */
export type SheetCell =
  null | string | number | boolean | { date: string } | { percent: number } | { error: string };

/** One sheet of a workbook, or the one table of a CSV: `rows[0]` is spreadsheet row 1. */
export interface SheetGrid {
  name: string;
  rows: SheetCell[][];
}

export const isBlankCell = (cell: SheetCell | undefined): boolean =>
  cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The text a cell shows, for messages and for matching names. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'object') {
    if ('date' in cell) return cell.date;
    if ('percent' in cell) return `${round(cell.percent * 100)}%`;
    return cell.error;
  }
  return String(cell).trim();
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** A reading of a cell: the value, or what is wrong with it (the message, without the place). */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

const SPACES = /[ \u00a0\u2009\u202f']/g;

/**
 * A number as offices write it: `78,5`, `1 234,5` (normal, no-break or thin spaces, or `'`
 * between thousands), `1,234.5`, `1.234,5`, `12%` (the percentage as written: 12), `−3` (the
 * minus sign), or a numeric or percentage cell (a 78.5% cell is 78.5). A lone comma is always
 * the decimal separator (`1,234` is 1.234), as in Russian and Kazakh.
 */
export function readNumber(cell: SheetCell | undefined, typedFile: boolean): Read<number> {
  if (isBlankCell(cell)) return bad('is empty');
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? ok(cell) : bad('must be a finite number');
  if (typeof cell === 'boolean') return bad(`${String(cell).toUpperCase()} is not a number`);
  if (typeof cell === 'object' && cell !== null) {
    if ('percent' in cell) return ok(round(cell.percent * 100));
    if ('date' in cell) return bad('a date is not a number');
    return bad(`the cell holds the error ${cell.error}`);
  }
  const text = String(cell).trim();
  const parsed = parseNumberText(text);
  if (parsed === null) {
    return bad(`"${text}" is not a number${typedFile ? ' (type it as a number)' : ''}`);
  }
  return ok(parsed);
}

/** The number in a text, or null; see `readNumber`. */
export function parseNumberText(raw: string): number | null {
  let text = raw.trim().replace(/\u2212/g, '-');
  if (text.endsWith('%')) text = text.slice(0, -1).trim();
  text = text.replace(SPACES, '');
  if (!/^[+-]?(\d+([.,]\d+)*)$/.test(text)) return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one is the decimal separator, the other groups thousands.
    const [thousands, decimal] = lastComma > lastDot ? [/\./g, ','] : [/,/g, '.'];
    normal = text.replace(thousands, '').replace(decimal, '.');
    if ((normal.match(/\./g) ?? []).length > 1) return null;
  } else if (lastComma >= 0) {
    if ((text.match(/,/g) ?? []).length > 1) return null;
    normal = text.replace(',', '.');
  } else {
    if ((text.match(/\./g) ?? []).length > 1) return null;
    normal = text;
  }
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** Excel's serial day number of 1970-01-01 (1900 date system). */
const EXCEL_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

/** The calendar date of an Excel serial day number (1900 system), or null when out of range. */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_SERIAL) * DAY_MS))
    .toISOString()
    .slice(0, 10);
}

/** Month names, as keys (`nameKey`), to month numbers: Russian (both cases, short), Kazakh, English. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names: string[][] = [
    ['январь', 'января', 'янв', 'қаңтар', 'january', 'jan'],
    ['февраль', 'февраля', 'фев', 'февр', 'ақпан', 'february', 'feb'],
    ['март', 'марта', 'мар', 'наурыз', 'march', 'mar'],
    ['апрель', 'апреля', 'апр', 'сәуір', 'april', 'apr'],
    ['май', 'мая', 'мамыр', 'may'],
    ['июнь', 'июня', 'июн', 'маусым', 'june', 'jun'],
    ['июль', 'июля', 'июл', 'шілде', 'july', 'jul'],
    ['август', 'августа', 'авг', 'тамыз', 'august', 'aug'],
    ['сентябрь', 'сентября', 'сен', 'сент', 'қыркүйек', 'september', 'sep', 'sept'],
    ['октябрь', 'октября', 'окт', 'қазан', 'october', 'oct'],
    ['ноябрь', 'ноября', 'ноя', 'нояб', 'қараша', 'november', 'nov'],
    ['декабрь', 'декабря', 'дек', 'желтоқсан', 'december', 'dec'],
  ];
  const map = new Map<string, number>();
  names.forEach((list, i) => list.forEach((n) => map.set(nameKey(n), i + 1)));
  return map;
})();

/** A month of a year; `year` is null when the text did not say. */
export interface MonthRef {
  year: number | null;
  month: number;
}

/**
 * A month as a column header or a period cell says it: `Июнь`, `июнь 2026`, `маусым`, `Jun 2026`,
 * `06.2026`, `2026-06`, or a date cell (its month). Null when the cell is no month.
 */
export function readMonth(cell: SheetCell | undefined): MonthRef | null {
  if (isBlankCell(cell) || typeof cell === 'boolean' || typeof cell === 'number') return null;
  if (typeof cell === 'object' && cell !== null) {
    if (!('date' in cell)) return null;
    return { year: Number(cell.date.slice(0, 4)), month: Number(cell.date.slice(5, 7)) };
  }
  const text = String(cell).trim().toLowerCase();
  let m = /^(\d{1,2})[./](\d{4})$/.exec(text);
  if (m) return monthOf(Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (m) return monthOf(Number(m[1]), Number(m[2]));
  m = /^(\p{L}+)\.?(?:\s+(\d{4})(?:\s*(?:г\.?|года|год|ж\.?|жыл|жылы))?)?$/u.exec(text);
  if (!m) return null;
  const month = MONTHS.get(nameKey(m[1] ?? ''));
  if (month === undefined) return null;
  return { year: m[2] ? Number(m[2]) : null, month };
}

function monthOf(year: number, month: number): MonthRef | null {
  return month >= 1 && month <= 12 && year >= 1900 && year <= 2200 ? { year, month } : null;
}

/** The last calendar day of a month, `YYYY-MM-DD`. */
export function endOfMonth(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The date a monthly value refers to: the last day of the month, or `today` for the month in
 * progress (a value reported before the month ends is as of the day it is reported).
 */
export function monthValueDate(ref: { year: number; month: number }, today: string): string {
  const end = endOfMonth(ref.year, ref.month);
  return end > today && end.slice(0, 7) === today.slice(0, 7) ? today : end;
}

/**
 * A date as offices write it: a date cell, an Excel serial number (a date typed into a cell
 * formatted as a number), `YYYY-MM-DD`, `DD.MM.YYYY` (or `D.M.YYYY`), or a month (`июнь 2026`,
 * `06.2026`: the month's value date, see `monthValueDate`). `today` is the region's local date.
 */
export function readDate(cell: SheetCell | undefined, today: string): Read<string> {
  if (isBlankCell(cell)) return bad('is empty');
  if (typeof cell === 'boolean') return bad(`${String(cell).toUpperCase()} is not a date`);
  if (typeof cell === 'number') {
    const date = excelSerialDate(cell);
    return date === null ? bad(`${cell} is not a date`) : ok(date);
  }
  if (typeof cell === 'object' && cell !== null) {
    if ('date' in cell) return ok(cell.date);
    if ('percent' in cell) return bad(`${cellText(cell)} is not a date`);
    return bad(`the cell holds the error ${cell.error}`);
  }
  const text = String(cell).trim();
  let iso: string | undefined;
  const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (plain) iso = `${plain[1]}-${plain[2]}-${plain[3]}`;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*(?:г\.?|ж\.?))?$/.exec(text);
  if (dotted) {
    const [, d = '', m = '', y = ''] = dotted;
    iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  }
  if (iso === undefined) {
    const month = readMonth(text);
    if (month && month.year !== null) {
      return ok(monthValueDate({ year: month.year, month: month.month }, today));
    }
    return bad(`"${text}" is not a date (use DD.MM.YYYY or YYYY-MM-DD)`);
  }
  if (!isRealDate(iso)) return bad(`"${text}" is not a real calendar date`);
  return ok(iso);
}

/** A four-digit year from 2000 to 2100 inside a text ("Отчёт за 2026 год", "akkol_2026.xlsx"). */
export function yearIn(text: string): number | null {
  const years = [...text.matchAll(/(?:^|\D)(20\d\d|2100)(?!\d)/g)].map((m) => Number(m[1]));
  const distinct = [...new Set(years)];
  return distinct.length === 1 ? (distinct[0] as number) : null;
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
