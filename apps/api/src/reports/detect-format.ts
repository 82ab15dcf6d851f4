/** Largest report file accepted (raw body or multipart file). */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

export const CSV_MEDIA_TYPES: readonly string[] = ['text/csv', 'application/csv'];
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportFormat = 'csv' | 'xlsx';

/** Why an upload is not a report file at all (the `file` field of a 400). */
export interface NotAReport {
  field: 'file';
  message: string;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * Decides CSV or XLSX from what the client said (file name, content type) and what the bytes
 * are. An XLSX is a zip, so the zip signature wins over a misleading name; Windows browsers send
 * `.csv` files as `application/vnd.ms-excel`, so the file name wins over the content type.
 */
export function detectReportFormat(
  bytes: Uint8Array,
  hint: { filename?: string | undefined; contentType?: string | undefined },
): ReportFormat | NotAReport {
  const notReport = (why: string): NotAReport => ({
    field: 'file',
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
