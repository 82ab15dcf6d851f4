import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DistrictDetail,
  NationalRanking,
  Region,
  RegionRanking,
  ScoreHistoryReply,
} from '@region-score/contracts';
import { onTrackNeeds, scoreDistrict, type DatedValue } from '@region-score/core';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

/**
 * Time travel: a ranking, a district and the daily closing scores as they stood at the end of a
 * past day, recomputed from the stored history as it was known then. Values accepted later and
 * later corrections of that day's values are left out. Expected scores come straight from the
 * scoring function fed the values an observer saw that evening.
 */
describe('time travel: rankings, districts and daily history as of a past day', () => {
  let h: Harness;
  let region: Region;
  // End of 29 June 2026 in Asia/Almaty (UTC+5).
  const closeOf29 = new Date('2026-06-29T18:59:59.999Z');

  const get = async <T>(url: string) => {
    const res = await h.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const roadsOf = async (district: string) =>
    (await h.platform.scores.get('testland', district))?.indicators.find(
      (i) => i.indicator === 'roads',
    )?.value;
  const expected = (values: Record<string, DatedValue[]>, at: Date) =>
    Object.fromEntries(
      region.districts.map((d) => [
        d.id,
        scoreDistrict({
          region,
          district: d.id,
          values: { roads: values[d.id] ?? [] },
          at,
          version: 0,
        }).score,
      ]),
    );

  beforeAll(async () => {
    // 10:00 on 29 June in Almaty.
    h = await startHarness({ at: '2026-06-29T05:00:00Z' });
    region = h.catalog.region('testland') as Region;
    const first = await h.post([
      { district: 'alpha', indicator: 'roads', value: 79, date: '2026-06-29' },
      { district: 'beta', indicator: 'roads', value: 72, date: '2026-06-29' },
      { district: 'gamma', indicator: 'roads', value: 75, date: '2026-06-29' },
    ]);
    expect(first.statusCode).toBe(202);
    await waitFor(async () => ((await roadsOf('gamma')) === 75 ? true : undefined), {
      what: 'first values scored',
    });
    // The next morning: alpha's value of the 29th is corrected down, beta reports a new one.
    h.clock.set('2026-06-30T05:00:00Z');
    const next = await h.post([
      { district: 'alpha', indicator: 'roads', value: 71, date: '2026-06-29' },
      { district: 'beta', indicator: 'roads', value: 80, date: '2026-06-30' },
    ]);
    expect(next.statusCode).toBe(202);
    await waitFor(
      async () =>
        (await roadsOf('alpha')) === 71 && (await roadsOf('beta')) === 80 ? true : undefined,
      { what: 'correction scored' },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('the ranking as of the 29th is what the wall showed that evening, the correction left out', async () => {
    const { status, body } = await get<RegionRanking>(
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    expect(status).toBe(200);
    const want = expected(
      {
        alpha: [{ date: '2026-06-29', value: 79 }],
        beta: [{ date: '2026-06-29', value: 72 }],
        gamma: [{ date: '2026-06-29', value: 75 }],
      },
      closeOf29,
    );
    expect(body.generatedAt).toBe(closeOf29.toISOString());
    expect(Object.fromEntries(body.entries.map((e) => [e.id, e.score]))).toEqual(want);
    expect(body.entries.map((e) => e.id)).toEqual(
      Object.entries(want)
        .sort((a, b) => b[1] - a[1])
        .map(([id]) => id),
    );
    // Each district's data version is the number of its values accepted by then.
    expect(body.entries.map((e) => e.version)).toEqual([1, 1, 1]);
    expect(body.methodology).toMatch(/^\d+\.\d+\.\d+$/);
    // The live ranking reflects the correction, the past one does not.
    const live = await get<RegionRanking>('/api/v1/regions/testland/rankings');
    const liveAlpha = live.body.entries.find((e) => e.id === 'alpha')?.score;
    expect(liveAlpha).not.toBe(want.alpha);
  });

  it('rank changes of a past day are against the close of the day before', async () => {
    const { body: before } = await get<RegionRanking>(
      '/api/v1/regions/testland/rankings?asOf=2026-06-28',
    );
    const { body } = await get<RegionRanking>('/api/v1/regions/testland/rankings?asOf=2026-06-29');
    const rankBefore = Object.fromEntries(before.entries.map((e) => [e.id, e.rank]));
    for (const e of body.entries) expect(e.rankChange).toBe((rankBefore[e.id] ?? 0) - e.rank);
  });

  it('as of today the ranking holds every value accepted so far, the correction included', async () => {
    const { body } = await get<RegionRanking>('/api/v1/regions/testland/rankings?asOf=2026-06-30');
    const want = expected(
      {
        alpha: [{ date: '2026-06-29', value: 71 }],
        beta: [
          { date: '2026-06-29', value: 72 },
          { date: '2026-06-30', value: 80 },
        ],
        gamma: [{ date: '2026-06-29', value: 75 }],
      },
      h.clock.now(),
    );
    expect(Object.fromEntries(body.entries.map((e) => [e.id, e.score]))).toEqual(want);
    expect(body.entries.find((e) => e.id === 'alpha')?.version).toBe(2);
  });

  it('a district as of a past day shows the values, score and rank of that evening', async () => {
    const { status, body } = await get<DistrictDetail>('/api/v1/districts/alpha?asOf=2026-06-29');
    expect(status).toBe(200);
    const roads = body.score?.indicators.find((i) => i.indicator === 'roads');
    expect(roads?.value).toBe(79);
    expect(body.score?.computedAt).toBe(closeOf29.toISOString());
    const { body: ranking } = await get<RegionRanking>(
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    const entry = ranking.entries.find((e) => e.id === 'alpha');
    expect(body.score?.score).toBe(entry?.score);
    expect(body.rank).toBe(entry?.rank);
    expect(body.explanation.map((e) => e.indicator)).toContain('roads');
    expect(body.history.at(-1)).toEqual({ at: closeOf29.toISOString(), score: entry?.score });
    // What each lagging indicator needed that evening to be on track.
    expect(body.needs).toEqual(body.score ? onTrackNeeds(region, body.score) : []);
  });

  it('the daily history gives each closed day its closing score, and today live', async () => {
    const { status, body } = await get<ScoreHistoryReply>(
      '/api/v1/regions/testland/history?days=3',
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.today).toBe('2026-06-30');
    expect(body.dates).toEqual(['2026-06-27', '2026-06-28', '2026-06-29']);
    expect(body.thresholds).toEqual({ onTrack: 90, atRisk: 75 });
    const { body: past } = await get<RegionRanking>(
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    const { body: live } = await get<RegionRanking>('/api/v1/regions/testland/rankings');
    expect(body.districts.map((d) => d.id)).toEqual(live.entries.map((e) => e.id));
    for (const row of body.districts) {
      expect(row.closing).toHaveLength(3);
      expect(row.closing[2]).toBe(past.entries.find((e) => e.id === row.id)?.score);
      expect(row.live).toBe(live.entries.find((e) => e.id === row.id)?.score);
    }
    expect(body.aggregate).toMatchObject({ id: 'testland', live: live.score });
    expect(body.aggregate.closing[2]).toBe(past.score);
  });

  it('the national ranking as of a past day ranks the regions by their aggregates then', async () => {
    const { status, body } = await get<NationalRanking>(
      '/api/v1/rankings/national?asOf=2026-06-29',
    );
    expect(status).toBe(200);
    const { body: testland } = await get<RegionRanking>(
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    const row = body.entries.find((e) => e.id === 'testland');
    expect(row?.score).toBe(testland.score);
    expect(body.entries.map((e) => e.id).sort()).toEqual(['otherland', 'testland']);
    const bad = await get<{ message: string }>('/api/v1/rankings/national?asOf=2026-06-31');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/asOf/);
  });

  it('a value accepted after an earlier read is part of the next one', async () => {
    const before = await get<RegionRanking>('/api/v1/regions/testland/rankings?asOf=2026-06-30');
    const gammaBefore = before.body.entries.find((e) => e.id === 'gamma');
    const res = await h.post([
      { district: 'gamma', indicator: 'roads', value: 88, date: '2026-06-30' },
    ]);
    expect(res.statusCode).toBe(202);
    await waitFor(async () => ((await roadsOf('gamma')) === 88 ? true : undefined), {
      what: 'gamma scored',
    });
    const after = await get<RegionRanking>('/api/v1/regions/testland/rankings?asOf=2026-06-30');
    const gammaAfter = after.body.entries.find((e) => e.id === 'gamma');
    expect(gammaAfter?.version).toBe((gammaBefore?.version ?? 0) + 1);
    expect(gammaAfter?.score).toBeGreaterThan(gammaBefore?.score ?? Infinity);
    // The past day is unchanged.
    const past = await get<RegionRanking>('/api/v1/regions/testland/rankings?asOf=2026-06-29');
    expect(past.body.entries.find((e) => e.id === 'gamma')?.version).toBe(1);
  });

  it('refuses a malformed or future day, a bad span and an unknown region, naming the field', async () => {
    for (const url of [
      '/api/v1/regions/testland/rankings?asOf=2026-13-01',
      '/api/v1/regions/testland/rankings?asOf=yesterday',
      '/api/v1/regions/testland/rankings?asOf=2026-07-01',
      '/api/v1/districts/alpha?asOf=2026-02-30',
    ]) {
      const { status, body } = await get<{ message: string }>(url);
      expect(status, url).toBe(400);
      expect(body.message, url).toMatch(/asOf/);
    }
    for (const url of [
      '/api/v1/regions/testland/history?days=0',
      '/api/v1/regions/testland/history?days=1000',
      '/api/v1/regions/testland/history?days=abc',
    ]) {
      const { status, body } = await get<{ message: string }>(url);
      expect(status, url).toBe(400);
      expect(body.message, url).toMatch(/days/);
    }
    expect((await get('/api/v1/regions/nowhere/history')).status).toBe(404);
    expect((await get('/api/v1/regions/nowhere/rankings?asOf=2026-06-29')).status).toBe(404);
  });
});
