import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alert,
  AuditReply,
  QuarantineReply,
  UploadReply,
  UploadsReply,
} from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { emptyRows, millionRows, stringBomb } from '../helpers/hostile-xlsx';
import { currentValues, uploadDone, uploadFile } from '../helpers/reports';
import { waitFor } from '../helpers/wait';

/**
 * The reporting workflow end to end against a real Redis and worker: uploads kept as records,
 * re-uploads recognised, corrections, partial mode, refused files writing nothing, templates that
 * round-trip, the quality gate's quarantine with release and discard, and the audit trail.
 */

const AT = '2026-07-01T19:00:00Z';
const LONG = 'Район;Показатель;Значение;Дата\n';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ at: AT });
});
afterAll(() => h.close());

const get = async <T>(url: string, token = h.adminToken) => {
  const res = await h.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const post = (url: string, body: unknown, token = h.adminToken) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });
const jobCount = async () =>
  Object.values(await h.queues.queue('ingest').getJobCounts()).reduce((a, b) => a + b, 0);
const scoreOf = async (district: string) =>
  (await h.platform.scores.get('testland', district))?.score;

describe('uploads are records', () => {
  it('an upload is kept with who, file, form and counts; listed for its reporter only', async () => {
    const reporter = await h.key('reporter', ['beta']);
    const res = await uploadFile(
      h,
      `${LONG}Бета;Дороги;71;29.06.2026\nБета;Безработица;5,9;29.06.2026\n`,
      {
        name: 'бета-июнь.csv',
        token: reporter,
      },
    );
    expect(res.statusCode, res.body).toBe(202);
    const reply = res.json<UploadReply>();
    expect(reply.upload).toMatchObject({
      status: 'queued',
      file: { name: 'бета-июнь.csv', format: 'csv' },
      districts: ['beta'],
      sheets: [{ form: 'long', values: 2 }],
    });
    const done = await uploadDone(h, reply, reporter);
    expect(done.counts).toMatchObject({ read: 2, applied: 2, rejected: 0 });
    expect(done.results.map((r) => [r.row, r.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(done.by.id).not.toBe('admin');

    const mine = await get<UploadsReply>('/api/v1/reports', reporter);
    expect(mine.uploads.map((u) => u.id)).toEqual([reply.upload.id]);
    const all = await get<UploadsReply>('/api/v1/reports?district=beta');
    expect(all.uploads.map((u) => u.id)).toContain(reply.upload.id);
    const other = await h.key('reporter', ['alpha']);
    const hidden = await h.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${reply.upload.id}`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('the same content again applies nothing and says so; changed values are corrections', async () => {
    const text = `${LONG}Альфа;Дороги;74;28.06.2026\n`;
    const first = await uploadFile(h, text, { name: 'a.csv' });
    expect(first.statusCode, first.body).toBe(202);
    await uploadDone(h, first.json<UploadReply>());
    const version = (await h.platform.values.versions('testland')).alpha;

    const again = await uploadFile(h, text, { name: 'a (1).csv' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<UploadReply>()).toMatchObject({
      accepted: 0,
      jobId: null,
      upload: { status: 'duplicate', duplicateOf: first.json<UploadReply>().upload.id },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.platform.values.versions('testland')).alpha).toBe(version);

    const fixed = await uploadFile(h, `${LONG}Альфа;Дороги;75;28.06.2026\n`, {
      name: 'a-fixed.csv',
    });
    const done = await uploadDone(h, fixed.json<UploadReply>());
    expect(done.results[0]).toMatchObject({ status: 'corrected' });
    expect(done.counts).toMatchObject({ applied: 1, corrected: 1 });
    expect((await currentValues(h, 'alpha', 'roads'))['2026-06-28']).toBe(75);
  });

  it('all-or-nothing (default) refuses a file with one bad row and writes nothing but the record', async () => {
    const before = await jobCount();
    const res = await uploadFile(
      h,
      `${LONG}Гамма;Дороги;70;27.06.2026\nГамма;Дороги;abc;26.06.2026\n`,
      {
        name: 'bad.csv',
      },
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<{ message: string; upload: string }>();
    expect(body.message).toBe('row 3, value: "abc" is not a number');
    expect(await jobCount()).toBe(before);
    expect((await currentValues(h, 'gamma', 'roads'))['2026-06-27']).toBeUndefined();
    const record = await get<UploadReply['upload']>(`/api/v1/reports/${body.upload}`);
    expect(record).toMatchObject({ status: 'refused', counts: { rejected: 1 } });
  });

  it('partial mode applies the good rows and reports the rest', async () => {
    const res = await uploadFile(
      h,
      `${LONG}Гамма;Дороги;70;27.06.2026\nГамма;Дороги;abc;26.06.2026\nНет такого;Дороги;1;26.06.2026\nГамма;Рабочие места;9000;26.06.2026\n`,
      {
        name: 'partly.csv',
        query: 'mode=partial',
      },
    );
    expect(res.statusCode, res.body).toBe(202);
    const done = await uploadDone(h, res.json<UploadReply>());
    expect(done.counts).toMatchObject({ applied: 1, rejected: 3 });
    const rejected = done.results.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => r.row)).toEqual([3, 4, 5]);
    // Each rejection carries its code (and what its wording needs), for the page to word it in
    // the reporter's language.
    expect(rejected.map((r) => r.code)).toEqual(['unreadable', 'unknown_district', 'above_max']);
    expect(rejected[1]?.params).toEqual({ name: 'Нет такого' });
    expect(rejected[2]?.params).toEqual({ value: 9000, min: 0, max: 5000, unit: 'jobs' });
    expect((await currentValues(h, 'gamma', 'roads'))['2026-06-27']).toBe(70);
  });
});

describe('templates', () => {
  it('a downloaded XLSX template, filled in by a script, uploads without edits', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/template?region=testland&district=beta&form=long&lang=kk',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('testland-beta-long.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['Аудан', 'Көрсеткіш', 'Мәні', 'Күні']),
    );
    expect(wb.worksheets[1]?.name).toBe('Нұсқаулық');
    // Fill every value cell as an office would (column F), keep the prefilled dates.
    const filled: Record<string, number> = { Жолдар: 73, 'Жұмыс орындары': 120, Жұмыссыздық: 5.5 };
    sheet.eachRow((row, n) => {
      if (n < 3) return;
      row.getCell(6).value = filled[String(row.getCell(2).value)] ?? null;
    });
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await uploadFile(h, bytes, { name: 'template-filled.xlsx' });
    expect(up.statusCode, up.body).toBe(202);
    const done = await uploadDone(h, up.json<UploadReply>());
    expect(done.counts).toMatchObject({ read: 3, applied: 3 });
    const today = '2026-07-02'; // 01:00 in Almaty at AT
    expect((await currentValues(h, 'beta', 'jobs'))[today]).toBe(120);
    expect((await currentValues(h, 'beta', 'unemployment'))[today]).toBe(5.5);
  });

  it('the CSV and the monthly form come in the chosen language; a bad parameter is a 400 naming it', async () => {
    const csv = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/template?region=testland&format=csv&lang=ru',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Район;Показатель;Ед. изм.');
    const monthly = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/template?district=alpha&form=monthly&lang=en',
    });
    expect(monthly.statusCode, monthly.body).toBe(200);
    const several = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/template?region=testland&form=monthly',
    });
    expect(several.statusCode).toBe(400);
    expect(several.json().message).toContain('district:');
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/template?form=sideways',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('form');
  });
});

describe('quality gate', () => {
  it('a jump is held: not scored, alerted; release counts it (audited); discard never does', async () => {
    await uploadDone(
      h,
      (await uploadFile(h, `${LONG}Гамма;Дороги;72;20.06.2026\n`, { name: 'g1.csv' })).json(),
    );
    const before = await scoreOf('gamma');
    // 72 → 8: a typo of 80, far over the 25-point jump a percentage may make.
    const typo = await uploadFile(h, `${LONG}Гамма;Дороги;8;30.06.2026\n`, { name: 'typo.csv' });
    const done = await uploadDone(h, typo.json<UploadReply>());
    expect(done.results[0]).toMatchObject({ status: 'quarantined' });
    expect(await scoreOf('gamma')).toBe(before);
    expect((await currentValues(h, 'gamma', 'roads'))['2026-06-30']).toBeUndefined();

    const held = await get<QuarantineReply>('/api/v1/quarantine?district=gamma');
    expect(held.items).toHaveLength(1);
    const item = held.items[0] as QuarantineReply['items'][number];
    expect(item).toMatchObject({
      value: 8,
      date: '2026-06-30',
      state: 'held',
      reason: { code: 'jump' },
    });
    expect(item.source).toMatchObject({ file: 'typo.csv', row: 2 });
    // In the district's history, marked as awaiting review and not current.
    const history = async (indicator: string) =>
      (
        await get<{ entries: { value: number; review?: string; current: boolean }[] }>(
          `/api/v1/districts/gamma/indicators/${indicator}/history`,
        )
      ).entries;
    expect(await history('roads')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 72, current: true }),
        expect.objectContaining({ value: 8, review: 'held', current: false }),
      ]),
    );
    const alert = await waitFor(
      async () => {
        const { alerts } = await get<{ alerts: Alert[] }>('/api/v1/alerts?district=gamma');
        return alerts.find((a) => a.rule === 'quarantined_value' && a.state === 'firing');
      },
      { what: 'quarantined_value alert' },
    );
    expect(alert.indicator).toBe('roads');

    const analyst = await h.key('analyst');
    const reporter = await h.key('reporter', ['gamma']);
    expect(
      (await post(`/api/v1/quarantine/${item.id}/release`, { comment: 'ok' }, reporter)).statusCode,
    ).toBe(403);
    expect((await post(`/api/v1/quarantine/${item.id}/release`, {}, analyst)).statusCode).toBe(400);
    const release = await post(
      `/api/v1/quarantine/${item.id}/release`,
      { comment: 'confirmed by phone' },
      analyst,
    );
    expect(release.statusCode, release.body).toBe(202);
    await waitFor(
      async () =>
        (await currentValues(h, 'gamma', 'roads'))['2026-06-30'] === 8 ? true : undefined,
      {
        what: 'released value applied',
      },
    );
    await waitFor(async () => ((await scoreOf('gamma')) !== before ? true : undefined), {
      what: 'rescored',
    });
    expect(
      (await post(`/api/v1/quarantine/${item.id}/discard`, { comment: 'late' }, analyst))
        .statusCode,
    ).toBe(409);

    // Another jump, discarded: kept, never counted.
    const jump = await uploadFile(h, `${LONG}Гамма;Безработица;60;30.06.2026\n`, { name: 'u.csv' });
    await uploadDone(h, jump.json<UploadReply>());
    const second = (await get<QuarantineReply>('/api/v1/quarantine?district=gamma')).items[0];
    expect(second).toMatchObject({ indicator: 'unemployment', value: 60 });
    const discard = await post(
      `/api/v1/quarantine/${second?.id}/discard`,
      { comment: 'typo of 6.0' },
      analyst,
    );
    expect(discard.statusCode, discard.body).toBe(202);
    await waitFor(
      async () => {
        const { items } = await get<QuarantineReply>(
          '/api/v1/quarantine?district=gamma&state=discarded',
        );
        return items.length === 1 ? items : undefined;
      },
      { what: 'discarded' },
    );
    expect((await currentValues(h, 'gamma', 'unemployment'))['2026-06-30']).toBeUndefined();
    expect(await history('unemployment')).toEqual([
      expect.objectContaining({ value: 60, review: 'discarded', current: false }),
    ]);
    expect(await history('roads')).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 8, current: true })]),
    );

    const audit = await get<AuditReply>('/api/v1/audit?district=gamma');
    const types = audit.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['value', 'quarantine', 'release', 'discard']));
    const released = audit.events.find((e) => e.type === 'release');
    expect(released).toMatchObject({
      actor: { id: expect.any(String) },
      comment: 'confirmed by phone',
      value: 8,
    });
    const quarantined = audit.events.find(
      (e) => e.type === 'quarantine' && e.indicator === 'roads',
    );
    expect(quarantined?.source).toMatchObject({ file: 'typo.csv', row: 2 });
  });

  it('JSON posts pass the same gate', async () => {
    const res = await h.post([
      { district: 'alpha', indicator: 'unemployment', value: 55, date: '2026-06-25' },
    ]);
    expect(res.statusCode).toBe(202);
    const item = await waitFor(
      async () => {
        const { items } = await get<QuarantineReply>('/api/v1/quarantine?district=alpha');
        return items.find((i) => i.indicator === 'unemployment');
      },
      { what: 'held JSON value' },
    );
    expect(item.source).toEqual({});
  });
});

describe('audit trail', () => {
  it('records uploads and admin actions with who did them; pages with a cursor; filters', async () => {
    const silence = await post('/api/v1/silences', {
      matchers: { district: 'beta' },
      endsAt: '2026-07-09T00:00:00Z',
      comment: 'road works',
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const page1 = await get<AuditReply>('/api/v1/audit?limit=2');
    expect(page1.events).toHaveLength(2);
    expect(page1.events[0]?.type).toBe('silence.created');
    expect(page1.next).not.toBeNull();
    const page2 = await get<AuditReply>(
      `/api/v1/audit?limit=2&cursor=${encodeURIComponent(page1.next ?? '')}`,
    );
    expect(page2.events[0]?.id).not.toBe(page1.events[1]?.id);
    const uploads = await get<AuditReply>('/api/v1/audit?type=upload');
    expect(uploads.events.length).toBeGreaterThan(3);
    expect(uploads.events.every((e) => e.type === 'upload' && e.source?.upload)).toBe(true);
    const values = await get<AuditReply>('/api/v1/audit?district=beta&indicator=roads&type=value');
    // Newest first: the filled template's 73, then the first upload's 71.
    expect(values.events.map((e) => e.value)).toEqual([73, 71]);
    expect(values.events[1]?.source).toMatchObject({ file: 'бета-июнь.csv', row: 2 });
    const viewer = await h.key('viewer');
    const denied = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit?cursor=nonsense',
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('hostile workbooks', () => {
  it.each([
    ['a sheet of a million rows', millionRows],
    ['a zip bomb of shared strings', stringBomb],
    ['a million empty formatted rows', emptyRows],
  ])(
    '%s (honest and lying zip headers) is refused, writes nothing, and the API keeps answering',
    async (_name, make) => {
      for (const honest of [true, false]) {
        const before = await jobCount();
        const res = await uploadFile(h, make({ honest }), { name: 'hostile.xlsx' });
        expect([400, 413], res.body).toContain(res.statusCode);
        expect(res.json<{ message: string }>().message).toMatch(/^file: /);
        expect(await jobCount()).toBe(before);
        const health = await h.app.inject({ method: 'GET', url: '/healthz' });
        expect(health.statusCode).toBe(200);
      }
    },
    60_000,
  );
});
