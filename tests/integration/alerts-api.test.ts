import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Alert, AlertDetail, ErrorReply, Silence } from '@region-score/contracts';
import type { Harness } from '../helpers/harness';
import {
  HOUR,
  MINUTE,
  alertEvents,
  alertId,
  getAlerts,
  notifyJobs,
  report,
  startAlertsHarness,
} from '../helpers/alerts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('alerts API: acknowledge and silence', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an acknowledgement while the region is locked by an evaluation answers 503 with Retry-After', async () => {
    h = await startAlertsHarness();
    const id = alertId('behind_plan', 'north', 'roads');
    await report(h, [['north', 80, '2026-01-18']]);
    const harness = h;
    let res: Awaited<ReturnType<typeof harness.app.inject>> | undefined;
    await harness.platform.alertLocks.withLock(
      'alertland',
      async () => {
        res = await harness.app.inject({
          method: 'POST',
          url: `/api/v1/alerts/${id}/ack`,
          headers: bearer(harness.adminToken),
          payload: { comment: 'busy' },
        });
      },
      { ttlMs: 30_000 },
    );
    expect(res?.statusCode, res?.body).toBe(503);
    expect(res?.headers['retry-after']).toBe('1');
    expect(res?.json<ErrorReply>()).toMatchObject({ code: 'UNAVAILABLE' });
    expect(res?.json<ErrorReply>().message).toMatch(/^alerts: .*locked/);
  });

  it('an acknowledgement records who, when and why, and silences the rest of the episode', async () => {
    h = await startAlertsHarness();
    const { token } = await h.platform.apiKeys.create(
      { role: 'analyst', id: 'ana' },
      h.clock.now(),
    );
    const id = alertId('behind_plan', 'north', 'roads');
    await report(h, [['north', 80, '2026-01-18']]);
    expect(await notifyJobs(h)).toHaveLength(1);

    h.clock.advance(MINUTE);
    const ackAt = h.clock.now().toISOString();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: bearer(token),
      payload: { comment: 'road crew on site' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Alert>()).toMatchObject({
      id,
      state: 'firing',
      ack: { by: 'ana', at: ackAt, comment: 'road crew on site' },
    });
    // The live screens hear about it.
    expect((await alertEvents(h)).at(-1)).toMatchObject({ id, ack: { by: 'ana' } });

    // A second acknowledgement keeps the first.
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: bearer(h.adminToken),
      payload: { comment: 'me too' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorReply>().message).toMatch(/^id: .*already acknowledged by "ana"/);

    // It gets worse, then resolves: both transitions are recorded, neither is announced.
    h.clock.advance(MINUTE);
    await report(h, [['north', 60, '2026-01-19']]);
    h.clock.advance(MINUTE);
    await report(h, [['north', 99, '2026-01-20']]);
    const detail = await h.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}` });
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<AlertDetail>();
    expect(body.state).toBe('resolved');
    expect(body.ack).toEqual({ by: 'ana', at: ackAt, comment: 'road crew on site' });
    expect(body.transitions.map((t) => [t.from, t.to, t.severity])).toEqual([
      ['inactive', 'firing', 'warning'],
      ['firing', 'firing', 'critical'],
      ['firing', 'resolved', 'critical'],
    ]);
    expect(await notifyJobs(h)).toHaveLength(1);

    // A resolved alert has nothing to acknowledge.
    const late = await h.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: bearer(token),
      payload: { comment: 'late' },
    });
    expect(late.statusCode).toBe(409);
  });

  it('a silence matching a district suppresses its notifications, not the others', async () => {
    h = await startAlertsHarness();
    const analyst = await h.key('analyst');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      headers: bearer(analyst),
      payload: {
        matchers: { district: 'south' },
        endsAt: new Date(h.clock.now().getTime() + 2 * HOUR).toISOString(),
        comment: 'planned road works',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const silence = created.json<Silence>();
    expect(silence).toMatchObject({
      matchers: { district: 'south' },
      startsAt: h.clock.now().toISOString(),
      comment: 'planned road works',
    });
    expect(silence.createdBy).not.toBe('');

    const listed = await h.app.inject({ method: 'GET', url: '/api/v1/silences' });
    expect(listed.json<{ silences: Silence[] }>().silences).toEqual([silence]);

    await report(h, [
      ['north', 70, '2026-01-19'],
      ['south', 70, '2026-01-19'],
    ]);
    const firing = await getAlerts(h, '?state=firing&severity=critical');
    expect(firing.map((a) => [a.district, a.silencedBy]).sort()).toEqual([
      ['north', null],
      ['south', silence.id],
    ]);
    const jobs = await notifyJobs(h);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.items.map((i) => i.alert.district)).toEqual(['north']);

    // Once the silence is deleted, the next change of south's alert is announced again.
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/silences/${silence.id}`,
      headers: bearer(analyst),
    });
    expect(del.statusCode).toBe(204);
    h.clock.advance(MINUTE);
    await report(h, [['south', 100, '2026-01-20']]);
    const last = (await notifyJobs(h)).at(-1);
    expect(last?.items.map((i) => [i.alert.district, i.transition.to])).toEqual([
      ['south', 'resolved'],
    ]);
  });
});

describe('alerts API: reads, filters and errors', () => {
  let h: Harness;
  let viewer: string;
  let analyst: string;
  beforeAll(async () => {
    h = await startAlertsHarness();
    viewer = await h.key('viewer');
    analyst = await h.key('analyst');
    await report(h, [
      ['north', 70, '2026-01-19'],
      ['south', 85, '2026-01-19'],
      ['east', 80, '2026-01-19'],
    ]);
  });
  afterAll(() => h.close());

  const error = async (request: InjectOptions, status: number): Promise<string> => {
    const res = await h.app.inject(request);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<ErrorReply>().message;
  };

  it('filters by state, region, district and severity', async () => {
    const all = await getAlerts(h);
    // Firing first (critical before warning), then pending.
    expect(all.map((a) => [a.district, a.state, a.severity])).toEqual([
      ['north', 'firing', 'critical'],
      ['south', 'firing', 'warning'],
      ['east', 'pending', 'warning'],
    ]);
    expect((await getAlerts(h, '?state=pending')).map((a) => a.district)).toEqual(['east']);
    expect((await getAlerts(h, '?severity=critical')).map((a) => a.district)).toEqual(['north']);
    expect(
      (await getAlerts(h, '?region=alertland&district=south&state=firing')).map((a) => a.id),
    ).toEqual([alertId('behind_plan', 'south', 'roads')]);
    expect(await getAlerts(h, '?state=resolved')).toEqual([]);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/alerts',
        '/api/v1/alerts/{id}',
        '/api/v1/alerts/{id}/ack',
        '/api/v1/silences',
        '/api/v1/silences/{id}',
      ]),
    );
  });

  it('names the field of a bad query and 404s an unknown alert', async () => {
    expect(await error({ method: 'GET', url: '/api/v1/alerts?state=burning' }, 400)).toMatch(
      /^state: /,
    );
    expect(await error({ method: 'GET', url: '/api/v1/alerts?severity=meh' }, 400)).toMatch(
      /^severity: /,
    );
    expect(await error({ method: 'GET', url: '/api/v1/alerts?region=atlantis' }, 400)).toBe(
      'region: unknown region "atlantis"',
    );
    expect(await error({ method: 'GET', url: '/api/v1/alerts?colour=red' }, 400)).toBe(
      'colour: unknown field',
    );
    expect(await error({ method: 'GET', url: '/api/v1/alerts/behind_plan.nowhere.x.-' }, 404)).toBe(
      'id: no alert "behind_plan.nowhere.x.-"',
    );
  });

  it('acknowledging needs an admin or analyst key', async () => {
    const id = alertId('behind_plan', 'north', 'roads');
    const ack = (headers: Record<string, string>, payload: unknown = { comment: 'x' }) => ({
      method: 'POST' as const,
      url: `/api/v1/alerts/${id}/ack`,
      headers,
      payload: payload as object,
    });
    expect(await error(ack({}), 401)).toMatch(/^authorization: /);
    expect(await error(ack(bearer(viewer)), 403)).toMatch(/^authorization: role "viewer"/);
    expect(await error(ack(bearer(analyst), {}), 400)).toBe('comment: is required');
    expect(
      await error(
        {
          method: 'POST',
          url: '/api/v1/alerts/nope/ack',
          headers: bearer(analyst),
          payload: { comment: 'x' },
        },
        404,
      ),
    ).toBe('id: no alert "nope"');
  });

  it('validates silences and names the field', async () => {
    const now = h.clock.now().getTime();
    const post = (payload: unknown, token: string | null = analyst) => ({
      method: 'POST' as const,
      url: '/api/v1/silences',
      headers: token ? bearer(token) : {},
      payload: payload as object,
    });
    const valid = {
      matchers: { district: 'north' },
      endsAt: new Date(now + HOUR).toISOString(),
      comment: 'works',
    };
    expect(await error(post(valid, null), 401)).toMatch(/^authorization: /);
    expect(await error(post(valid, viewer), 403)).toMatch(/^authorization: /);
    expect(
      await error(post({ ...valid, startsAt: new Date(now + 2 * HOUR).toISOString() }), 400),
    ).toBe('endsAt: must be after startsAt');
    expect(await error(post({ ...valid, endsAt: new Date(now - HOUR).toISOString() }), 400)).toBe(
      'endsAt: must be after startsAt',
    );
    expect(
      await error(
        post({
          ...valid,
          startsAt: new Date(now - 2 * HOUR).toISOString(),
          endsAt: new Date(now - HOUR).toISOString(),
        }),
        400,
      ),
    ).toBe('endsAt: must be in the future');
    expect(await error(post({ ...valid, matchers: {} }), 400)).toMatch(/^matchers: /);
    expect(await error(post({ ...valid, matchers: { district: 'atlantis' } }), 400)).toBe(
      'matchers.district: unknown district "atlantis"',
    );
    expect(await error(post({ ...valid, endsAt: 'tomorrow' }), 400)).toMatch(/^endsAt: /);
    expect(await error(post({ ...valid, comment: undefined }), 400)).toBe('comment: is required');
    expect(
      await error(
        { method: 'DELETE', url: '/api/v1/silences/nope', headers: bearer(analyst) },
        404,
      ),
    ).toBe('id: no silence "nope"');
  });
});
