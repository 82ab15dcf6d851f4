import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

const AT = '2026-07-01T19:00:00Z';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/reports/${name}`, import.meta.url));

/** A workbook as a reporter's Excel saves it: real date cells, numeric value cells. */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Отчёт');
  ws.addRow(['District', 'Indicator', 'Value', 'Date']);
  for (const row of rows) ws.addRow(row);
  ws.getColumn(4).numFmt = 'dd.mm.yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file part (and an optional text field before it). */
function form(file: { field?: string; filename: string; type: string; bytes: Buffer | string }) {
  const boundary = `----rs${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nJune report\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; ` +
        `filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  h: Harness,
  body: { payload: Buffer | string; contentType: string },
  opts: { token?: string | null; headers?: Record<string, string> } = {},
) {
  const token = opts.token === undefined ? h.adminToken : opts.token;
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': body.contentType,
      ...opts.headers,
    },
    payload: body.payload,
  });
}

const csvBody = (text: string) => ({ payload: text, contentType: 'text/csv' });

describe('report files: CSV and XLSX → one ingest job → scores', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ at: AT });
  });
  afterAll(() => h.close());

  const valueOf = (district: string, indicator: string, region = 'testland') =>
    waitFor(
      async () => {
        const score = await h.platform.scores.get(region, district);
        return score?.indicators.find((i) => i.indicator === indicator)?.value ?? undefined;
      },
      { what: `${district}.${indicator} scored` },
    );
  const versionOf = async (district: string, region = 'testland') =>
    (await h.platform.scores.get(region, district))?.version ?? 0;
  const waitForVersion = (district: string, version: number, region = 'testland') =>
    waitFor(
      async () => {
        const s = await h.platform.scores.get(region, district);
        return s && s.version >= version ? s : undefined;
      },
      { what: `${district} at version ${version}` },
    );

  it('a raw text/csv upload is applied and changes the district score', async () => {
    const res = await upload(h, { payload: fixture('alpha-june.csv'), contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      accepted: 3,
      rows: 3,
      format: 'csv',
      receivedAt: new Date(AT).toISOString(),
    });
    expect(res.json().jobId).toEqual(expect.any(String));

    const score = await waitForVersion('alpha', 3);
    expect(score.score).toBeGreaterThan(0);
    expect(Object.fromEntries(score.indicators.map((i) => [i.indicator, i.value ?? null]))).toEqual(
      { roads: 78, jobs: 600, unemployment: 5.5 },
    );
  });

  it('a multipart upload of a CSV file is applied', async () => {
    const res = await upload(
      h,
      form({
        filename: 'delta-june.csv',
        // Windows browsers label .csv files as Excel files; the name decides.
        type: 'application/vnd.ms-excel',
        bytes: 'district,indicator,value,date\ndelta,roads,55,2026-06-30\n',
      }),
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, rows: 1, format: 'csv' });
    expect(await valueOf('delta', 'roads', 'otherland')).toBe(55);
  });

  it('Russian headers, ";" separators, decimal commas and DD.MM.YYYY dates work', async () => {
    const res = await upload(h, {
      payload: fixture('beta-june-ru.csv'),
      contentType: 'text/csv; charset=utf-8',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 3, rows: 3 });
    const score = await waitForVersion('beta', 3);
    expect(Object.fromEntries(score.indicators.map((i) => [i.indicator, i.value ?? null]))).toEqual(
      { roads: 78.5, jobs: 1150, unemployment: 5.25 },
    );
    expect(score.indicators.find((i) => i.indicator === 'roads')?.valueDate).toBe('2026-06-30');
  });

  it('an XLSX with date and number cells is applied, as multipart and as a raw body', async () => {
    const file = await workbook([
      ['gamma', 'roads', 84.5, new Date(Date.UTC(2026, 5, 30))],
      ['gamma', 'jobs', 2900, new Date(Date.UTC(2026, 5, 20))],
    ]);
    const res = await upload(h, form({ filename: 'gamma-june.xlsx', type: XLSX, bytes: file }));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, rows: 2, format: 'xlsx' });
    const score = await waitForVersion('gamma', 2);
    expect(score.indicators.find((i) => i.indicator === 'roads')).toMatchObject({
      value: 84.5,
      valueDate: '2026-06-30',
    });

    const raw = await upload(h, {
      payload: await workbook([['gamma', 'unemployment', 4.5, new Date(Date.UTC(2026, 6, 1))]]),
      contentType: XLSX,
    });
    expect(raw.statusCode, raw.body).toBe(202);
    expect(raw.json()).toMatchObject({ accepted: 1, format: 'xlsx' });
    expect(await valueOf('gamma', 'unemployment')).toBe(4.5);
  });

  it('replays an Idempotency-Key upload without enqueueing it again', async () => {
    const before = await versionOf('alpha');
    const headers = { 'idempotency-key': 'alpha-2026-06-correction' };
    const body = csvBody('district,indicator,value,date\nalpha,roads,79,2026-07-01\n');
    const first = await upload(h, body, { headers });
    const second = await upload(h, body, { headers });
    expect(first.statusCode, first.body).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    await waitForVersion('alpha', before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await versionOf('alpha')).toBe(before + 1);
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    const op = res.json().paths['/api/v1/reports'].post;
    expect(op.tags).toEqual(['ingest']);
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data', 'text/csv', XLSX]);
    expect(Object.keys(op.responses)).toContain('202');
  });
});

describe('a bad report file is refused whole, naming the row and column', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ at: AT });
  });
  afterAll(() => h.close());

  const jobCount = async () => {
    const counts = await h.queues.queue('ingest').getJobCounts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  const HEAD = 'district,indicator,value,date\n';
  const OK = 'alpha,roads,78,2026-06-30\n';

  it.each([
    [
      'a value that is not a number',
      csvBody(`${HEAD}${OK}alpha,jobs,5,2026-06-01\nalpha,roads,abc,2026-06-29\n`),
      'row 4, value: "abc" is not a number',
    ],
    [
      'an unknown district',
      csvBody(`${HEAD}${OK}akol,roads,78,2026-06-30\n`),
      'row 3, district: unknown district "akol"',
    ],
    [
      'an unknown indicator',
      csvBody(`${HEAD}alpha,happiness,1,2026-06-30\n`),
      'row 2, indicator: unknown indicator "happiness"',
    ],
    [
      'a missing column',
      csvBody('district,value,date\nalpha,78,2026-06-30\n'),
      'header: missing column "indicator"',
    ],
    [
      'an implausible value',
      csvBody(`${HEAD}${OK}alpha,jobs,9000,2026-06-15\n`),
      'row 3, value: 9000 is above the plausible maximum 5000 jobs',
    ],
    [
      'a date in the future',
      csvBody(`${HEAD}alpha,roads,78,01.09.2026\n`),
      'row 2, date: 2026-09-01 is in the future',
    ],
    [
      'a malformed date',
      csvBody(`${HEAD}alpha,roads,78,06/30/2026\n`),
      'row 2, date: "06/30/2026" is not a date',
    ],
    [
      'a PDF',
      form({ filename: 'june.pdf', type: 'application/pdf', bytes: '%PDF-1.4' }),
      'file: not a CSV or XLSX file',
    ],
    [
      'text sent as XLSX',
      { payload: `${HEAD}${OK}`, contentType: XLSX },
      'file: not a CSV or XLSX file',
    ],
    [
      'more than 5,000 values',
      csvBody(
        HEAD +
          Array.from(
            { length: 5001 },
            (_, i) =>
              `alpha,roads,78,${new Date(Date.UTC(2005, 0, 1 + i)).toISOString().slice(0, 10)}\n`,
          ).join(''),
      ),
      'file: more than 5000 values',
    ],
    ['an empty file', csvBody(''), 'file: the file is empty'],
    [
      'a form without the file field',
      form({ field: 'report', filename: 'a.csv', type: 'text/csv', bytes: HEAD }),
      'file: send the file in a form field named "file"',
    ],
  ])('%s → 400', async (_name, body, message) => {
    const before = await jobCount();
    const res = await upload(h, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(message);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await jobCount()).toBe(before);
  });

  it('a bad XLSX cell names its row and column', async () => {
    const file = await workbook([
      ['alpha', 'roads', 78, new Date(Date.UTC(2026, 5, 30))],
      ['alpha', 'roads', 'n/a', new Date(Date.UTC(2026, 5, 30))],
    ]);
    const res = await upload(h, { payload: file, contentType: XLSX });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('row 3, value: "n/a" is not a number');
    expect(await jobCount()).toBe(0);
  });

  it('a reporter uploading a row outside its district gets 403 naming the row', async () => {
    const reporter = await h.key('reporter', ['alpha']);
    const res = await upload(h, csvBody(`${HEAD}${OK}beta,roads,78,2026-06-30\n`), {
      token: reporter,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('row 3, district: this key may not report for "beta"');
    expect(await jobCount()).toBe(0);
  });

  it('no key → 401, viewer → 403', async () => {
    const body = csvBody(`${HEAD}${OK}`);
    const anonymous = await upload(h, body, { token: null });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toContain('authorization');
    expect((await upload(h, body, { token: await h.key('viewer') })).statusCode).toBe(403);
    expect(await jobCount()).toBe(0);
  });

  it('a file over 5 MB is 413, another content type 415', async () => {
    const big = `${HEAD}${'x'.repeat(5 * 1024 * 1024)}`;
    const raw = await upload(h, csvBody(big));
    expect(raw.statusCode).toBe(413);
    const multi = await upload(h, form({ filename: 'big.csv', type: 'text/csv', bytes: big }));
    expect(multi.statusCode).toBe(413);
    expect(multi.json().message).toBe('file: larger than 5 MB');
    const json = await h.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { observations: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toContain('text/csv');
    expect(await jobCount()).toBe(0);
  });

  it('a reporter within its district is accepted', async () => {
    const reporter = await h.key('reporter', ['alpha']);
    const res = await upload(h, csvBody(`${HEAD}${OK}`), { token: reporter });
    expect(res.statusCode, res.body).toBe(202);
  });
});
