import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRanking } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

/** Exports of the ranking, the heat map and a district, as CSV and XLSX, in each language. */
describe('exports: ranking, heat map and district as CSV and XLSX', () => {
  let h: Harness;

  const get = (url: string) =>
    h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${h.adminToken}` } });
  const csvRows = (body: string) => {
    expect(body.startsWith('\uFEFF')).toBe(true);
    return Papa.parse<string[]>(body.slice(1).trim()).data;
  };
  const xlsxRows = async (raw: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(raw as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  beforeAll(async () => {
    h = await startHarness({ at: '2026-06-29T05:00:00Z' });
    const res = await h.post([
      { district: 'alpha', indicator: 'roads', value: 79, date: '2026-06-29' },
      { district: 'beta', indicator: 'roads', value: 72, date: '2026-06-29' },
      { district: 'gamma', indicator: 'roads', value: 75, date: '2026-06-29' },
    ]);
    expect(res.statusCode).toBe(202);
    await waitFor(
      async () => ((await h.platform.scores.all('testland')).length === 3 ? true : undefined),
      { what: 'scores' },
    );
    h.clock.set('2026-06-30T05:00:00Z');
  });
  afterAll(async () => {
    await h.close();
  });

  it('the ranking as CSV in Russian: title, localized headers, rows in ranking order', async () => {
    const res = await get('/api/v1/regions/testland/export/ranking.csv?lang=ru');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="testland-ranking/);
    const rows = csvRows(res.body);
    expect(rows[0]?.[0]).toMatch(/^Тестовая область — Рейтинг/);
    expect(rows[1]).toEqual([
      'Место',
      'Район / город',
      'Оценка',
      'Статус',
      'Покрытие, %',
      'Изменение места',
    ]);
    const ranking = (await get('/api/v1/regions/testland/rankings')).json<RegionRanking>();
    expect(rows.slice(2).map((r) => r[1])).toEqual(ranking.entries.map((e) => e.name.ru));
    expect(rows.slice(2).map((r) => Number(r[2]))).toEqual(ranking.entries.map((e) => e.score));
  });

  it('the ranking as of a past day as XLSX in Kazakh, numbers as numbers', async () => {
    const res = await get('/api/v1/regions/testland/export/ranking.xlsx?lang=kk&asOf=2026-06-29');
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(String(rows[0]?.[0])).toContain('2026-06-29');
    expect(rows[1]?.[0]).toBe('Орын');
    const past = (
      await get('/api/v1/regions/testland/rankings?asOf=2026-06-29')
    ).json<RegionRanking>();
    expect(rows.slice(2).map((r) => r[2])).toEqual(past.entries.map((e) => e.score));
  });

  it('the heat map has a column per indicator in the chosen language', async () => {
    const res = await get('/api/v1/regions/testland/export/matrix.csv?lang=en');
    const rows = csvRows(res.body);
    expect(rows[1]).toEqual(['District / city', 'Score', 'Roads', 'Jobs', 'Unemployment']);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('a district as XLSX: its indicators with status, value and what they need', async () => {
    const res = await get('/api/v1/districts/beta/export.xlsx?lang=en');
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(String(rows[0]?.[0])).toMatch(/^Beta — Score — Live data/);
    expect(rows[1]).toContain('Needed by year end');
    const roads = rows.find((r) => r[0] === 'Roads');
    expect(roads?.[3]).toBe(72);
  });

  it('refuses an unknown format, language or day, and unknown places', async () => {
    expect((await get('/api/v1/regions/testland/export/ranking.pdf')).statusCode).toBe(400);
    expect((await get('/api/v1/regions/testland/export/ranking.csv?lang=de')).statusCode).toBe(400);
    const future = await get('/api/v1/districts/alpha/export.csv?asOf=2027-01-01');
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toMatch(/asOf/);
    expect((await get('/api/v1/regions/nowhere/export/ranking.csv')).statusCode).toBe(404);
    expect((await get('/api/v1/districts/nowhere/export.csv')).statusCode).toBe(404);
  });
});
