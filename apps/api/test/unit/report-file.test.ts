import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  describeProblem,
  detectReportFormat,
  parseReportFile,
  XLSX_MEDIA_TYPE,
  type ParsedReport,
} from '../../src/ingest/report-file';

const csv = (text: string) => parseReportFile(Buffer.from(text, 'utf8'), 'csv');
const messages = (r: ParsedReport) => (r.ok ? [] : r.problems.map(describeProblem));

async function xlsx(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Report');
  for (const row of rows) ws.addRow(row);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV reports', () => {
  it('reads rows by header name, in any order and case, ignoring other columns', async () => {
    const r = await csv(
      ' Date ,VALUE,Indicator,comment,district,id\n2026-06-30,78.5,roads,ok,alpha,r-1\n' +
        '2026-06-15,600,jobs,,Beta,\n\n\n',
    );
    expect(r).toEqual({
      ok: true,
      format: 'csv',
      observations: [
        { district: 'alpha', indicator: 'roads', value: 78.5, date: '2026-06-30', id: 'r-1' },
        { district: 'beta', indicator: 'jobs', value: 600, date: '2026-06-15' },
      ],
      rows: [2, 3],
    });
  });

  it('reads Russian headers, ";" separators, decimal commas, spaced thousands and DD.MM.YYYY', async () => {
    const r = await csv(
      '\uFEFFРайон;Показатель;Значение;Дата\nalpha;roads;78,5;30.06.2026\n' +
        'alpha;jobs;1 200;1.6.2026\nalpha;jobs;2\u00a0500,25;02.06.2026\n;;;\n',
    );
    expect(r.ok && r.observations).toEqual([
      { district: 'alpha', indicator: 'roads', value: 78.5, date: '2026-06-30' },
      { district: 'alpha', indicator: 'jobs', value: 1200, date: '2026-06-01' },
      { district: 'alpha', indicator: 'jobs', value: 2500.25, date: '2026-06-02' },
    ]);
  });

  it('reads a quoted decimal comma in a comma-separated file', async () => {
    const r = await csv('district,indicator,value,date\nalpha,roads,"78,5",2026-06-30\n');
    expect(r.ok && r.observations[0]?.value).toBe(78.5);
  });

  it('decodes Windows-1251, as Russian-locale Excel saves CSV', async () => {
    const header = Buffer.from([
      // "район;показатель;значение;дата" in Windows-1251
      0xf0, 0xe0, 0xe9, 0xee, 0xed, 0x3b, 0xef, 0xee, 0xea, 0xe0, 0xe7, 0xe0, 0xf2, 0xe5, 0xeb,
      0xfc, 0x3b, 0xe7, 0xed, 0xe0, 0xf7, 0xe5, 0xed, 0xe8, 0xe5, 0x3b, 0xe4, 0xe0, 0xf2, 0xe0,
    ]);
    const bytes = Buffer.concat([header, Buffer.from('\r\nalpha;roads;70;2026-06-30\r\n')]);
    const r = await parseReportFile(bytes, 'csv');
    expect(r.ok && r.observations).toEqual([
      { district: 'alpha', indicator: 'roads', value: 70, date: '2026-06-30' },
    ]);
  });

  it('names the spreadsheet row and the column of every problem', async () => {
    const r = await csv(
      'district,indicator,value,date\n' +
        'alpha,roads,1,2026-06-01\n'.repeat(5) +
        'alpha,roads,abc,2026-06-30\n' +
        ',roads,1,2026/06/30\n' +
        'alpha,roads,1.234.5,31.02.2026\n',
    );
    expect(messages(r)).toEqual([
      'row 7, value: "abc" is not a number',
      'row 8, district: is empty',
      'row 8, date: "2026/06/30" is not a date (use YYYY-MM-DD or DD.MM.YYYY)',
      'row 9, value: "1.234.5" is not a number',
      'row 9, date: "31.02.2026" is not a real calendar date',
    ]);
  });

  it.each([
    ['12 34', false],
    ['1 234', true],
    ['-0,5', true],
    ['1,234.5', false],
    ['78%', false],
    ['1e3', false],
  ])('value %j accepted: %s', async (value, ok) => {
    const r = await csv(`district;indicator;value;date\nalpha;roads;${value};2026-06-30\n`);
    expect(r.ok).toBe(ok);
  });

  it('refuses a header without a required column, a repeated column, or no header at all', async () => {
    expect(messages(await csv('district,value,date\nalpha,1,2026-06-30\n'))).toEqual([
      'header: missing column "indicator"',
    ]);
    expect(messages(await csv('district,район,indicator,value,date\n'))).toEqual([
      'header: column "district" appears twice',
    ]);
    expect(messages(await csv('\n\n'))).toEqual(['file: the file is empty']);
    expect(messages(await parseReportFile(Buffer.alloc(0), 'csv'))).toEqual([
      'file: the file is empty',
    ]);
    expect(messages(await csv('district,indicator,value,date\n\n'))).toEqual([
      'file: no data rows under the header',
    ]);
  });

  it('refuses more rows than allowed, and an unclosed quote', async () => {
    const rows = 'alpha,roads,1,2026-06-01\n'.repeat(4);
    const r = await parseReportFile(Buffer.from(`district,indicator,value,date\n${rows}`), 'csv', {
      maxRows: 3,
    });
    expect(messages(r)).toEqual(['file: more than 3 rows']);
    expect(
      messages(await csv('district,indicator,value,date\nalpha,"roads,1,2026-06-01\n')),
    ).toEqual(['row 2, file: a quoted field is not closed']);
  });

  it('stops after 20 problems', async () => {
    const r = await csv(
      `district,indicator,value,date\n${'alpha,roads,x,2026-06-01\n'.repeat(50)}`,
    );
    expect(messages(r)).toHaveLength(20);
  });
});

describe('XLSX reports', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('reads date cells as the calendar date they show, in any server time zone', async () => {
    const file = await xlsx(
      [
        ['District', 'Indicator', 'Value', 'Date', 'id'],
        ['alpha', 'roads', 78.5, new Date(Date.UTC(2026, 5, 30)), 7],
        // 23:30 on 1 June: still 1 June, east or west of Greenwich.
        ['alpha', 'jobs', 1200, new Date(Date.UTC(2026, 5, 1, 23, 30)), 'j-1'],
        ['alpha', 'unemployment', '5,5', '15.06.2026', null],
        [],
        ['alpha', 'jobs', 0, 46203, null],
      ],
      (ws) => {
        ws.getCell('C6').value = { formula: '1+2', result: 3 };
        ws.getCell('D6').numFmt = '0';
      },
    );
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Almaty']) {
      process.env.TZ = tz;
      const r = await parseReportFile(file, 'xlsx');
      expect(r.ok && r.observations, tz).toEqual([
        { district: 'alpha', indicator: 'roads', value: 78.5, date: '2026-06-30', id: '7' },
        { district: 'alpha', indicator: 'jobs', value: 1200, date: '2026-06-01', id: 'j-1' },
        { district: 'alpha', indicator: 'unemployment', value: 5.5, date: '2026-06-15' },
        { district: 'alpha', indicator: 'jobs', value: 3, date: '2026-06-30' },
      ]);
      expect(r.ok && r.rows).toEqual([2, 3, 4, 6]);
    }
  });

  it('names the row and column of bad cells', async () => {
    const file = await xlsx(
      [
        ['район', 'показатель', 'значение', 'дата'],
        ['alpha', 'roads', 'много', new Date(Date.UTC(2026, 5, 30))],
        ['alpha', 'roads', 1, true],
      ],
      (ws) => {
        ws.getCell('C3').value = { error: '#DIV/0!' };
      },
    );
    expect(messages(await parseReportFile(file, 'xlsx'))).toEqual([
      'row 2, value: "много" is not a number (type it as a number)',
      'row 3, value: the cell holds the error #DIV/0!',
      'row 3, date: TRUE is not a date',
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    const fake = Buffer.from('PK\u0003\u0004 not really a zip');
    expect(messages(await parseReportFile(fake, 'xlsx'))).toEqual([
      'file: not a CSV or XLSX file (cannot read the workbook)',
    ]);
  });
});

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
    expect(typeof problem === 'string' ? problem : describeProblem(problem)).toBe(
      `file: not a CSV or XLSX file (${why})`,
    );
  });
});
