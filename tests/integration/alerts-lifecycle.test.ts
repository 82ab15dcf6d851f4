import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDetail } from '@region-score/contracts';
import type { Harness } from '../helpers/harness';
import {
  DAY,
  MINUTE,
  alertEvents,
  alertId,
  getAlerts,
  notifyJobs,
  report,
  rescoreAll,
  startAlertsHarness,
} from '../helpers/alerts';

describe('alert evaluation in the worker', () => {
  let h: Harness | undefined;
  const start = async (opts?: Parameters<typeof startAlertsHarness>[0]) =>
    (h = await startAlertsHarness(opts));
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('behind plan fires below 90% of plan and resolves only at 95% (hysteresis)', async () => {
    const h = await start();
    const id = alertId('behind_plan', 'north', 'roads');
    expect(await getAlerts(h)).toEqual([]);

    await report(h, [['north', 88, '2026-01-17']]);
    const [fired] = await getAlerts(h);
    expect(fired).toMatchObject({
      id,
      rule: 'behind_plan',
      state: 'firing',
      severity: 'warning',
      region: 'alertland',
      district: 'north',
      indicator: 'roads',
      value: 88,
      threshold: 90,
      firedAt: h.clock.now().toISOString(),
      ack: null,
    });

    // 92% is above the warning line but below the resolve line: the alert holds.
    h.clock.advance(MINUTE);
    await report(h, [['north', 92, '2026-01-18']]);
    expect(await getAlerts(h)).toEqual([
      expect.objectContaining({ id, state: 'firing', value: 92 }),
    ]);

    h.clock.advance(MINUTE);
    await report(h, [['north', 96, '2026-01-19']]);
    expect(await getAlerts(h)).toEqual([
      expect.objectContaining({ id, state: 'resolved', resolvedAt: h.clock.now().toISOString() }),
    ]);

    const detail = await h.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}` });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<AlertDetail>().transitions.map((t) => [t.from, t.to])).toEqual([
      ['inactive', 'firing'],
      ['firing', 'resolved'],
    ]);

    // Firing and resolved were each announced, in their own evaluation's job.
    const jobs = await notifyJobs(h);
    expect(jobs.map((j) => j.items.map((i) => [i.alert.id, i.transition.to]))).toEqual([
      [[id, 'firing']],
      [[id, 'resolved']],
    ]);
    // Every transition went to the event stream for the live screens.
    expect((await alertEvents(h)).map((a) => [a.id, a.state])).toEqual([
      [id, 'firing'],
      [id, 'resolved'],
    ]);
  });

  it('a `for` duration keeps the alert pending until the scheduled evaluation fires it', async () => {
    const h = await start();
    const id = alertId('behind_plan', 'east', 'roads');
    // The fixture gives behind_plan in east `forMinutes: 10`.
    await report(h, [['east', 80, '2026-01-19']]);
    const activeAt = h.clock.now().toISOString();
    expect(await getAlerts(h, '?district=east')).toEqual([
      expect.objectContaining({ id, state: 'pending', activeAt, firedAt: null }),
    ]);

    h.clock.advance(5 * MINUTE);
    await rescoreAll(h);
    expect(await getAlerts(h, '?district=east')).toEqual([
      expect.objectContaining({ id, state: 'pending' }),
    ]);
    expect(await notifyJobs(h)).toEqual([]);

    h.clock.advance(5 * MINUTE);
    await rescoreAll(h);
    expect(await getAlerts(h, '?district=east')).toEqual([
      expect.objectContaining({
        id,
        state: 'firing',
        activeAt,
        firedAt: h.clock.now().toISOString(),
      }),
    ]);
    const jobs = await notifyJobs(h);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.items.map((i) => [i.alert.id, i.transition.from, i.transition.to])).toEqual([
      [id, 'pending', 'firing'],
    ]);
  });

  it('a pending alert whose condition goes before `for` ends is dropped without a word', async () => {
    const h = await start();
    const id = alertId('behind_plan', 'east', 'roads');
    await report(h, [['east', 80, '2026-01-18']]);
    expect((await getAlerts(h))[0]).toMatchObject({ id, state: 'pending' });
    h.clock.advance(MINUTE);
    await report(h, [['east', 99, '2026-01-19']]);
    expect(await getAlerts(h)).toEqual([]);
    expect(await notifyJobs(h)).toEqual([]);
    const events = await alertEvents(h);
    expect(events.map((a) => [a.id, a.state, a.firedAt])).toEqual([
      [id, 'pending', null],
      [id, 'resolved', null],
    ]);
  });

  it('stale data fires from the schedule alone: every district in one notification job', async () => {
    const h = await start();
    const districts = ['north', 'south', 'east', 'west', 'centre'];
    await report(
      h,
      districts.map((d) => [d, 100, '2026-01-19'] as [string, number, string]),
    );
    await rescoreAll(h);
    expect(await getAlerts(h)).toEqual([]);

    // frequency 30 + grace 5 days: 36 days after the last report (2026-01-19) it is stale.
    h.clock.advance(35 * DAY);
    await rescoreAll(h);

    const stale = await getAlerts(h, '?state=firing');
    expect(stale.map((a) => a.id).sort()).toEqual(
      districts.map((d) => alertId('stale_data', d, 'roads')).sort(),
    );
    expect(stale[0]).toMatchObject({ rule: 'stale_data', value: 36, threshold: 35 });

    const jobs = await notifyJobs(h);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.items.map((i) => i.alert.district).sort()).toEqual([...districts].sort());
    expect(jobs[0]?.items.every((i) => i.transition.to === 'firing')).toBe(true);

    // A new report resolves its district's alert only.
    await report(h, [['west', 100, '2026-02-24']]);
    const after = await h.platform.alerts.region('alertland');
    expect(after.filter((a) => a.state === 'resolved').map((a) => a.district)).toEqual(['west']);
  });

  it('score drop fires on a hand-made series of closing scores', async () => {
    const h = await start();
    await h.redis.hset(h.keys.dailyScores('alertland', 'south'), {
      '2026-01-15': '99',
      '2026-01-18': '97',
    });
    await report(h, [['south', 91, '2026-01-19']]);
    const alerts = await getAlerts(h, '?district=south');
    expect(alerts).toEqual([
      expect.objectContaining({
        id: alertId('score_drop', 'south', null),
        rule: 'score_drop',
        state: 'firing',
        indicator: null,
        value: 8,
        threshold: 5,
      }),
    ]);
  });

  it('rank drop fires when a district lost places since yesterday', async () => {
    const h = await start();
    await h.redis.hset(h.keys.dailyRanks('alertland', '2026-01-19'), {
      north: '1',
      south: '2',
      east: '3',
      west: '4',
      centre: '5',
    });
    await report(h, [
      ['north', 95, '2026-01-19'],
      ['south', 100, '2026-01-19'],
      ['east', 100, '2026-01-19'],
      ['west', 100, '2026-01-19'],
      ['centre', 100, '2026-01-19'],
    ]);
    const drops = await getAlerts(h, '?state=firing');
    expect(drops).toEqual([
      expect.objectContaining({
        id: alertId('rank_drop', 'north', null),
        district: 'north',
        value: 4,
        threshold: 3,
      }),
    ]);
  });

  it('several workers evaluating at once keep one alert per fingerprint', async () => {
    const h = await start({ workers: 3 });
    const districts = ['north', 'south', 'east', 'west', 'centre'];
    await Promise.all(
      districts.map((d) =>
        h.post([{ district: d, indicator: 'roads', value: 70, date: '2026-01-19' }]),
      ),
    );
    await Promise.all([rescoreAll(h), rescoreAll(h), rescoreAll(h)]);
    const alerts = await h.platform.alerts.region('alertland');
    const behind = alerts.filter((a) => a.rule === 'behind_plan');
    // east waits 10 minutes; the others fire at once, each announced exactly once.
    expect(behind.map((a) => [a.district, a.state]).sort()).toEqual(
      [
        ['centre', 'firing'],
        ['east', 'pending'],
        ['north', 'firing'],
        ['south', 'firing'],
        ['west', 'firing'],
      ].sort(),
    );
    const announced = (await notifyJobs(h)).flatMap((j) => j.items.map((i) => i.alert.id));
    expect(announced.sort()).toEqual(
      ['centre', 'north', 'south', 'west'].map((d) => alertId('behind_plan', d, 'roads')).sort(),
    );
  });
});
