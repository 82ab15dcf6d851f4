import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictDetail, IndicatorHistoryReply, RegionRanking } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

// 2026-07-02 00:00 in Asia/Almaty (UTC+5): 182 of 365 days of the year have elapsed.
const AT = '2026-07-01T19:00:00Z';
const F = 182 / 365;
const r2 = (x: number) => Math.round(x * 100) / 100;

describe('ingest pipeline: HTTP → BullMQ → worker → Redis', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ at: AT });
  });
  afterAll(() => h.close());

  const get = async <T>(url: string) => {
    const res = await h.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const scoreOf = (district: string) => h.platform.scores.get('testland', district);
  const waitForVersion = (district: string, version: number) =>
    waitFor(
      async () => {
        const s = await scoreOf(district);
        return s && s.version >= version ? s : undefined;
      },
      { what: `${district} at version ${version}` },
    );

  it('a posted value changes the district score and rank as computed by hand', async () => {
    const res = await h.post([
      { district: 'alpha', indicator: 'roads', value: 78, date: '2026-06-30' },
      { district: 'alpha', indicator: 'jobs', value: 600, date: '2026-06-15' },
      { district: 'alpha', indicator: 'unemployment', value: 5.5, date: '2026-06-30' },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 3 });

    const score = await waitForVersion('alpha', 3);
    const roads = (78 / (70 + 10 * F)) * 100;
    const jobs = (600 / (1200 * F)) * 100;
    const unemployment = ((6 - 1 * F) / 5.5) * 100;
    expect(score.score).toBeCloseTo((2 * roads + jobs + unemployment) / 4, 1);
    expect(score.indicators.find((i) => i.indicator === 'roads')?.planToDate).toBeCloseTo(
      70 + 10 * F,
      6,
    );
    expect(score.status).toBe('on_track');
    expect(score.methodology).toBe('1.1.0');

    // beta and gamma never reported: past the grace period their required indicators count as 0.
    await h.app.inject({ method: 'GET', url: '/healthz' });
    const ranking = await waitFor(async () => {
      const r = await get<RegionRanking>('/api/v1/regions/testland/rankings');
      return r.entries[0]?.id === 'alpha' ? r : undefined;
    });
    expect(ranking.entries.map((e) => [e.id, e.rank])).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ]);
    expect(ranking.entries[0]?.score).toBeCloseTo(r2(score.score), 2);

    // Gamma reports strongly and overtakes alpha (84: within the quality gate's 25-point move
    // from its baseline of 60).
    await h.post([
      { district: 'gamma', indicator: 'roads', value: 84, date: '2026-07-01' },
      { district: 'gamma', indicator: 'jobs', value: 2900, date: '2026-06-20' },
      { district: 'gamma', indicator: 'unemployment', value: 4.5, date: '2026-07-01' },
    ]);
    await waitForVersion('gamma', 3);
    const after = await get<RegionRanking>('/api/v1/regions/testland/rankings');
    expect(after.entries.map((e) => e.id)).toEqual(['gamma', 'alpha', 'beta']);
    const gRoads = Math.min(120, (84 / (60 + 30 * F)) * 100);
    const gJobs = Math.min(120, (2900 / (3000 * F)) * 100);
    const gUnemp = Math.min(120, ((7 - 2 * F) / 4.5) * 100);
    expect(after.entries[0]?.score).toBeCloseTo((2 * gRoads + gJobs + gUnemp) / 4, 1);
  });

  it('explains a district score and keeps the audit history', async () => {
    const detail = await get<DistrictDetail>('/api/v1/districts/alpha');
    expect(detail.rank).toBe(2);
    expect(detail.score?.indicators).toHaveLength(3);
    const total = detail.score?.indicators.reduce((a, i) => a + i.contribution, 0) ?? 0;
    expect(total).toBeCloseTo(detail.score?.score ?? -1, 1);
    // What pulled the score down comes first.
    const impacts = detail.explanation.map((e) => e.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => a - b));
    expect(detail.explanation).toHaveLength(3);
    const history = await get<IndicatorHistoryReply>(
      '/api/v1/districts/alpha/indicators/roads/history',
    );
    expect(history.entries).toEqual([
      expect.objectContaining({
        date: '2026-06-30',
        value: 78,
        reportedBy: 'admin',
        correction: false,
        current: true,
      }),
    ]);
  });

  it('a correction for the same date replaces the value; both stay in the history', async () => {
    const before = (await scoreOf('alpha'))?.version ?? 0;
    expect(
      (await h.post([{ district: 'alpha', indicator: 'roads', value: 72, date: '2026-06-30' }]))
        .statusCode,
    ).toBe(202);
    const score = await waitForVersion('alpha', before + 1);
    expect(score.indicators.find((i) => i.indicator === 'roads')?.value).toBe(72);
    const history = await get<IndicatorHistoryReply>(
      '/api/v1/districts/alpha/indicators/roads/history',
    );
    expect(history.entries.map((e) => [e.value, e.correction, e.current])).toEqual([
      [78, false, false],
      [72, true, true],
    ]);
  });

  it('an older date never overrides the latest value of a level indicator', async () => {
    const before = (await scoreOf('alpha'))?.version ?? 0;
    await h.post([{ district: 'alpha', indicator: 'roads', value: 95, date: '2026-05-01' }]);
    const score = await waitForVersion('alpha', before + 1);
    const roads = score.indicators.find((i) => i.indicator === 'roads');
    expect(roads?.value).toBe(72);
    expect(roads?.valueDate).toBe('2026-06-30');
  });

  it('replays an Idempotency-Key request without enqueueing it again', async () => {
    const body = [{ district: 'beta', indicator: 'roads', value: 75, date: '2026-06-30' }];
    const headers = { 'idempotency-key': 'report-2026-06-beta' };
    const first = await h.post(body, { headers });
    const second = await h.post(body, { headers });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    await waitForVersion('beta', 1);
    const history = await get<IndicatorHistoryReply>(
      '/api/v1/districts/beta/indicators/roads/history',
    );
    expect(history.entries).toHaveLength(1);
  });

  it('exposes Prometheus metrics: accepted observations, queue depths, request durations', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const accepted = /^region_score_observations_accepted_total (\d+)$/m.exec(res.body);
    expect(Number(accepted?.[1])).toBeGreaterThanOrEqual(8);
    expect(res.body).toMatch(/^region_score_queue_jobs\{queue="ingest",state="failed"\} 0$/m);
    expect(res.body).toContain('region_score_http_request_duration_seconds_bucket');
    expect(res.body).toContain('region_score_live_connections 0');
  });

  it('a repeated client id is applied once', async () => {
    const obs = {
      district: 'beta',
      indicator: 'jobs',
      value: 10,
      date: '2026-06-01',
      id: 'beta-jobs-june',
    };
    await h.post([obs]);
    await h.post([{ ...obs, value: 11 }]);
    await waitForVersion('beta', 2);
    await new Promise((r) => setTimeout(r, 200));
    const history = await get<IndicatorHistoryReply>(
      '/api/v1/districts/beta/indicators/jobs/history',
    );
    expect(history.entries.map((e) => [e.value, e.clientId])).toEqual([[10, 'beta-jobs-june']]);
  });
});

describe('bad input is refused with a clear error and nothing is written', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ at: AT });
  });
  afterAll(() => h.close());

  const jobCount = async () => {
    const counts = await h.queues.queue('ingest').getJobCounts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  const ok = { district: 'alpha', indicator: 'roads', value: 78, date: '2026-06-30' };

  it.each([
    [
      'unknown district',
      [ok, { ...ok, district: 'nowhere' }],
      400,
      'observations[1].district: unknown district "nowhere"',
    ],
    [
      'unknown indicator',
      [{ ...ok, indicator: 'happiness' }],
      400,
      'observations[0].indicator: unknown indicator',
    ],
    [
      'indicator of another region',
      [{ ...ok, district: 'delta', indicator: 'jobs' }],
      400,
      'observations[0].indicator',
    ],
    [
      'percentage above 100',
      [{ ...ok, value: 100.5 }],
      400,
      'observations[0].value: 100.5 is above the plausible maximum 100',
    ],
    ['negative percentage', [{ ...ok, value: -1 }], 400, 'observations[0].value'],
    [
      'value over the configured range',
      [{ ...ok, indicator: 'jobs', value: 9000 }],
      400,
      'observations[0].value',
    ],
    [
      'not a real date',
      [{ ...ok, date: '2026-02-30' }],
      400,
      'observations[0].date: "2026-02-30" is not a real calendar date',
    ],
    ['badly formed date', [{ ...ok, date: '30.06.2026' }], 400, 'observations[0].date'],
    [
      'date in the future',
      [{ ...ok, date: '2026-09-01' }],
      400,
      'observations[0].date: 2026-09-01 is in the future',
    ],
    ['value as a string', [{ ...ok, value: '78' }], 400, 'observations[0].value: must be number'],
    [
      'missing value',
      [{ district: 'alpha', indicator: 'roads', date: '2026-06-30' }],
      400,
      'observations[0].value: is required',
    ],
    ['unknown field', [{ ...ok, colour: 'red' }], 400, 'observations[0].colour: unknown field'],
    ['empty batch', [], 400, 'observations'],
  ])('%s → %i', async (_name, observations, status, message) => {
    const before = await jobCount();
    const res = await h.post(observations);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(message);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await jobCount()).toBe(before);
  });

  it('rejects a batch over 5,000 items', async () => {
    const res = await h.post(Array.from({ length: 5001 }, () => ok));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('observations: must NOT have more than 5000 items');
    expect(await jobCount()).toBe(0);
  });

  it('rejects malformed JSON', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
      payload: '{"observations": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body: /);
  });

  it('a non-finite number (1e999) is refused', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
      payload:
        '{"observations":[{"district":"alpha","indicator":"jobs","value":1e999,"date":"2026-06-30"}]}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('observations[0].value');
  });

  it('no key → 401, wrong key → 401, viewer → 403', async () => {
    expect((await h.post([ok], { token: null })).statusCode).toBe(401);
    const wrong = await h.post([ok], { token: 'rs_nope_nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('authorization');
    const viewer = await h.key('viewer');
    expect((await h.post([ok], { token: viewer })).statusCode).toBe(403);
    expect(await jobCount()).toBe(0);
  });

  it('a reporter posting for a district outside its scope gets 403 naming it', async () => {
    const reporter = await h.key('reporter', ['alpha']);
    const res = await h.post([ok, { ...ok, district: 'beta' }], { token: reporter });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('observations[1].district: this key may not report for "beta"');
    expect(await jobCount()).toBe(0);
    expect((await h.post([ok], { token: reporter })).statusCode).toBe(202);
  });

  it('reads are open by default; a bad token is still refused', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(200);
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/regions',
      headers: { authorization: 'Bearer wrong' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('unknown ids on reads are 404 naming them', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/districts/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('district: unknown district "nowhere"');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/regions/mars/rankings' })).statusCode,
    ).toBe(404);
  });
});

describe('reads can be closed', () => {
  it('OPEN_READS=0 needs a key for reads', async () => {
    const h = await startHarness({ env: { OPEN_READS: '0' } });
    try {
      expect(
        (await h.app.inject({ method: 'GET', url: '/api/v1/rankings/national' })).statusCode,
      ).toBe(401);
      const viewer = await h.key('viewer');
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/rankings/national',
        headers: { authorization: `Bearer ${viewer}` },
      });
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .entries.map((e: { id: string }) => e.id)
          .sort(),
      ).toEqual(['otherland', 'testland']);
    } finally {
      await h.close();
    }
  });
});
