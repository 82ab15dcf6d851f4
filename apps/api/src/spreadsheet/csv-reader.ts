import Papa from 'papaparse';
import type { SheetGrid } from '@region-score/core';
import { READ_LIMITS, UnreadableFile, type ReadLimits } from './limits';

/**
 * Text of a CSV: the declared charset when given; a UTF-16 BOM (Excel's "Unicode text"); else
 * UTF-8, falling back to Windows-1251, which Russian-locale Excel uses for "CSV (comma delimited)".
 */
export function decodeCsv(bytes: Uint8Array, charset: string | undefined): string {
  const decode = (label: string, fatal = false) =>
    new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
  if (charset) {
    try {
      return decode(charset);
    } catch {
      throw new UnreadableFile(`unsupported charset "${charset}"`);
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
 * The delimiter, from the first line that has one: header and metadata lines never hold decimal
 * commas, so counting there is reliable, while guessing from data rows is fooled by `78,5` in a
 * `;`-separated file.
 */
function csvDelimiter(text: string): string {
  for (const line of text.split(/\r\n|\n|\r/, 30)) {
    const unquoted = line.replace(/"[^"]*"/g, '');
    let best = '';
    let bestCount = 0;
    for (const d of [';', '\t', ',']) {
      const count = unquoted.split(d).length - 1;
      if (count > bestCount) [best, bestCount] = [d, count];
    }
    if (best !== '') return best;
  }
  return ',';
}

/** Reads a CSV report into one sheet of text cells, within the row and column limits. */
export function readCsv(
  bytes: Uint8Array,
  charset: string | undefined,
  name: string,
  limits: ReadLimits = { ...READ_LIMITS },
): SheetGrid {
  const text = decodeCsv(bytes, charset).replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(text, {
    delimiter: csvDelimiter(text),
    skipEmptyLines: false,
    preview: limits.rows + 1,
  });
  const bad = result.errors.find((e) => e.type === 'Quotes');
  if (bad) {
    throw new UnreadableFile(
      `${bad.row === undefined ? '' : `row ${bad.row + 1}: `}a quoted field is not closed`,
    );
  }
  const rows = result.data;
  if (rows.length > limits.rows) {
    const rest = text.slice(result.meta.cursor);
    const filled = rows.slice(limits.rows).some((r) => r.some((c) => c.trim() !== ''));
    if (filled || /[^\s,;\t"]/.test(rest)) {
      throw new UnreadableFile(`more than ${limits.rows} rows`, 'too_large');
    }
    rows.length = limits.rows;
  }
  let cells = 0;
  for (const [i, row] of rows.entries()) {
    if (row.length > limits.columns && row.slice(limits.columns).some((c) => c.trim() !== '')) {
      throw new UnreadableFile(`row ${i + 1} has more than ${limits.columns} columns`, 'too_large');
    }
    if (row.length > limits.columns) row.length = limits.columns;
    for (const c of row) if (c !== '') cells++;
    if (cells > limits.cells) {
      throw new UnreadableFile(`the file has more than ${limits.cells} filled cells`, 'too_large');
    }
  }
  return { name, rows };
}
