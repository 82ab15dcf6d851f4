import type { SheetGrid } from '@region-score/core';
import { readCsv } from './csv-reader';
import { READ_LIMITS, UnreadableFile, type ReadLimits } from './limits';
import { readXlsx, type SkippedSheet } from './xlsx-reader';

/** What the reading thread is asked to read. */
export interface ReadRequest {
  bytes: Uint8Array;
  format: 'csv' | 'xlsx';
  charset?: string | undefined;
  /** The name a CSV's one sheet gets (the file name). */
  name: string;
  limits?: Partial<ReadLimits>;
}

export type ReadResult =
  | { ok: true; sheets: SheetGrid[]; skipped: SkippedSheet[] }
  | { ok: false; message: string; kind: UnreadableFile['kind'] };

/**
 * Reads a report file into sheets of cells, within the limits. Never throws for a bad file: the
 * answer says why it could not be read. Runs in the reading thread (see `ReaderPool`).
 */
export function readReportFile(request: ReadRequest): ReadResult {
  const limits: ReadLimits = { ...READ_LIMITS, ...request.limits };
  try {
    if (request.format === 'csv') {
      return {
        ok: true,
        sheets: [readCsv(request.bytes, request.charset, request.name, limits)],
        skipped: [],
      };
    }
    const book = readXlsx(request.bytes, limits);
    return { ok: true, sheets: book.sheets, skipped: book.skipped };
  } catch (err) {
    if (err instanceof UnreadableFile) return { ok: false, message: err.message, kind: err.kind };
    if (err instanceof RangeError) {
      return { ok: false, message: 'the file is too large to read', kind: 'too_large' };
    }
    return {
      ok: false,
      message: `not a CSV or XLSX file (cannot read the workbook: ${err instanceof Error ? err.message : String(err)})`,
      kind: 'bad_file',
    };
  }
}
