import { describe, expect, it } from 'vitest';
import { detectReportFormat, XLSX_MEDIA_TYPE } from '../../src/reports/detect-format';

describe('detectReportFormat', () => {
  const text = Buffer.from('district,indicator,value,date\n');
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]);
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]);

  it.each([
    ['a .csv name', text, { filename: 'June.CSV', contentType: 'application/vnd.ms-excel' }, 'csv'],
    ['text/csv', text, { contentType: 'text/csv; charset=utf-8' }, 'csv'],
    ['a zip named .xlsx', zip, { filename: 'june.xlsx' }, 'xlsx'],
    ['a zip sent as text/csv', zip, { contentType: 'text/csv' }, 'xlsx'],
    ['an xlsx content type', zip, { contentType: XLSX_MEDIA_TYPE }, 'xlsx'],
  ])('%s → %s', (_name, bytes, hint, format) => {
    expect(detectReportFormat(bytes, hint)).toBe(format);
  });

  it.each([
    ['a PDF', text, { filename: 'june.pdf' }, '.pdf files are not accepted'],
    [
      'an old .xls',
      ole,
      { filename: 'june.xls' },
      'old .xls workbooks are not supported; save as .xlsx',
    ],
    ['text named .xlsx', text, { filename: 'june.xlsx' }, 'the .xlsx file is not a valid workbook'],
    ['binary named .csv', Buffer.from([1, 0, 2]), { filename: 'a.csv' }, 'binary content'],
    ['no name or type', text, {}, 'unknown content type'],
  ])('%s is refused', (_name, bytes, hint, why) => {
    const problem = detectReportFormat(bytes, hint);
    expect(typeof problem === 'string' ? problem : `${problem.field}: ${problem.message}`).toBe(
      `file: not a CSV or XLSX file (${why})`,
    );
  });
});
