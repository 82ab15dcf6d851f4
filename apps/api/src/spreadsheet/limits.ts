/**
 * What a report file may hold. Checked before and while reading, so a hostile workbook (a zip
 * bomb of shared strings, a sheet declaring a million rows, a million empty rows) is refused
 * early, with memory and time bounded.
 */
export const READ_LIMITS = {
  /** Largest file accepted (raw body or multipart file). */
  fileBytes: 5 * 1024 * 1024,
  /** Rows of one sheet, header and empty rows included (a file holds at most 5,000 values). */
  rows: 10_000,
  /** Row elements of one sheet, empty ones included (formatted but empty rows). */
  rowElements: 20_000,
  /** Columns of one sheet. */
  columns: 1_000,
  /** Non-empty cells of the whole file. */
  cells: 200_000,
  /** Sheets of a workbook. */
  sheets: 50,
  /** Zip entries of a workbook. */
  zipEntries: 2_000,
  /** Inflated bytes of one worksheet, of the shared strings, of any other part we read. */
  sheetBytes: 48 * 1024 * 1024,
  sharedStringsBytes: 16 * 1024 * 1024,
  partBytes: 4 * 1024 * 1024,
  /** Inflated bytes of everything read from one workbook. */
  totalBytes: 96 * 1024 * 1024,
  /** Shared strings of one workbook. */
  sharedStrings: 200_000,
  /** Characters of one cell. */
  cellChars: 32_767,
} as const;

export type ReadLimits = { -readonly [K in keyof typeof READ_LIMITS]: number };

/** A file that cannot be read: the message says why, for the `file` field of a 400. */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    /** `too_large` is answered 413, the rest 400. */
    readonly kind: 'bad_file' | 'too_large' = 'bad_file',
  ) {
    super(message);
    this.name = 'UnreadableFile';
  }
}
