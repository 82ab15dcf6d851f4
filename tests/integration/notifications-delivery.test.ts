import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, FailedNotification } from '@region-score/contracts';
import { waitFor } from '../helpers/wait';
import {
  BOT_TOKEN,
  WEBHOOK_SECRET,
  alertOf,
  d,
  itemOf,
  startNotifyEnv,
  startReceiver,
  type NotifyEnv,
  type Receiver,
} from './notifications-support';

const MINUTE = 60_000;

/** Stores alerts in the alert store, as the alert engine would. */
async function storeAlerts(env: NotifyEnv, alerts: Alert[]): Promise<void> {
  const { platform } = env.h;
  await platform.alertLocks.withLock('north', (lock) =>
    platform.alerts.save(lock, {
      put: alerts,
      remove: [],
      transitions: [],
      dropHistory: [],
    }),
  );
}

const json = <T>(r: { body: string }): T => JSON.parse(r.body) as T;
type WebhookJson = { id: string; status: string; repeat: boolean; alerts: { id: string }[] };

describe('notification delivery: webhook, Telegram, Alertmanager, retries, dead letters', () => {
  let env: NotifyEnv;
  let r: Record<'signed' | 'flaky' | 'down' | 'tg' | 'am' | 'warn' | 'quiet' | 'rep', Receiver>;

  beforeAll(async () => {
    r = {
      signed: await startReceiver(),
      flaky: await startReceiver((n) => (n < 2 ? 503 : 200)),
      down: await startReceiver(() => 503),
      tg: await startReceiver(),
      am: await startReceiver(),
      warn: await startReceiver(),
      quiet: await startReceiver(),
      rep: await startReceiver(),
    };
    const hook = (id: string, receiver: Receiver) =>
      `    - { id: ${id}, type: webhook, url: "${receiver.url}/hook", secretEnv: WEBHOOK_SECRET, language: en }`;
    env = await startNotifyEnv(
      [
        '  retry: { attempts: 3, backoffMs: 20 }',
        '  timeoutMs: 2000',
        '  publicUrl: https://score.example.kz',
        '  channels:',
        hook('signed', r.signed),
        hook('flaky', r.flaky),
        hook('down', r.down),
        `    - { id: tg, type: telegram, chatId: -1001234, tokenEnv: TELEGRAM_BOT_TOKEN, apiBase: "${r.tg.url}" }`,
        `    - { id: am, type: alertmanager, url: "${r.am.url}" }`,
        hook('warn', r.warn),
        hook('quiet', r.quiet),
        hook('rep', r.rep),
        '  routes:',
        `    - { channel: signed, districts: [${d(1)}] }`,
        `    - { channel: flaky, districts: [${d(2)}] }`,
        `    - { channel: down, districts: [${d(3)}] }`,
        `    - { channel: tg, districts: [${d(4)}, ${d(5)}] }`,
        `    - { channel: am, districts: [${d(6)}] }`,
        `    - { channel: warn, severities: [warning], districts: [${d(7)}, ${d(8)}] }`,
        `    - { channel: quiet, districts: [${d(9)}, ${d(10)}, ${d(11)}, ${d(12)}] }`,
        `    - { channel: rep, districts: [${d(13)}], repeatIntervalMinutes: 30 }`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await env?.close();
    if (r) await Promise.all(Object.values(r).map((x) => x.close()));
  });

  it('a webhook receiver gets a JSON body signed with HMAC-SHA256 over "<timestamp>.<body>"', async () => {
    const alert = alertOf({ district: d(1) });
    await env.dispatch([itemOf(alert)]);
    const [req] = await waitFor(() =>
      r.signed.requests.length > 0 ? r.signed.requests : undefined,
    );
    expect(req?.method).toBe('POST');
    const timestamp = String(req?.headers['x-regionscore-timestamp']);
    const signature = String(req?.headers['x-regionscore-signature']);
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${req?.body}`).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(req?.headers['content-type']).toBe('application/json');
    const body = json<WebhookJson & { text: string; language: string }>(req ?? { body: '{}' });
    expect(body).toMatchObject({ version: 1, status: 'firing', repeat: false, language: 'en' });
    expect(body.id).toBe(req?.headers['x-regionscore-delivery']);
    expect(body.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(body.text).toContain('District 1');
  });

  it('a receiver that fails twice then succeeds gets exactly one successful delivery', async () => {
    await env.dispatch([itemOf(alertOf({ district: d(2) }))]);
    await waitFor(() => (r.flaky.ok().length > 0 ? true : undefined));
    await env.settle();
    expect(r.flaky.requests.map((q) => q.status)).toEqual([503, 503, 200]);
    expect(r.flaky.ok()).toHaveLength(1);
    // Every try is the same delivery, so a receiver can drop duplicates by its id.
    const ids = new Set(r.flaky.requests.map((q) => q.headers['x-regionscore-delivery']));
    expect(ids.size).toBe(1);
    const failed = await env.admin('GET', '/api/v1/notifications/failed');
    expect(
      failed.json<{ failed: FailedNotification[] }>().failed.map((f) => f.channel),
    ).not.toContain('flaky');
  });

  it('a receiver that always fails ends in the dead-letter list; a retry from it delivers once fixed', async () => {
    const alert = alertOf({ district: d(3), severity: 'critical' });
    await env.dispatch([itemOf(alert)]);
    const entry = await waitFor(async () => {
      const res = await env.admin('GET', '/api/v1/notifications/failed');
      return res.json<{ failed: FailedNotification[] }>().failed.find((f) => f.channel === 'down');
    });
    expect(r.down.requests).toHaveLength(3);
    expect(entry).toMatchObject({
      channel: 'down',
      alertIds: [alert.id],
      attempts: 3,
      retries: 0,
      repeat: false,
    });
    expect(entry.error).toContain('HTTP 503');
    expect(entry).not.toHaveProperty('payload');

    // Admin only.
    const anonymous = await env.h.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/failed',
    });
    expect([401, 403]).toContain(anonymous.statusCode);
    const viewer = await env.h.key('viewer');
    const asViewer = await env.h.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/failed/${entry.id}/retry`,
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(asViewer.statusCode).toBe(403);

    r.down.respond = () => 200;
    const retry = await env.admin('POST', `/api/v1/notifications/failed/${entry.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.json()).toMatchObject({ retried: entry.id });
    await waitFor(() => (r.down.ok().length > 0 ? true : undefined));
    await env.settle();
    expect(r.down.ok()).toHaveLength(1);
    expect(r.down.ok()[0]?.headers['x-regionscore-delivery']).toBe(entry.id);
    const after = await env.admin('GET', '/api/v1/notifications/failed');
    expect(after.json<{ failed: FailedNotification[] }>().failed.map((f) => f.id)).not.toContain(
      entry.id,
    );
    const again = await env.admin('POST', `/api/v1/notifications/failed/${entry.id}/retry`);
    expect(again.statusCode).toBe(404);
  });

  it('Telegram gets /bot<token>/sendMessage with the chat id and Russian text naming the districts', async () => {
    await env.dispatch([
      itemOf(alertOf({ district: d(4) })),
      itemOf(alertOf({ district: d(5), value: null })),
    ]);
    await waitFor(() => (r.tg.requests.length > 0 ? true : undefined));
    await env.settle();
    expect(r.tg.requests).toHaveLength(1);
    const req = r.tg.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    const body = json<{ chat_id: string; text: string }>(req ?? { body: '{}' });
    expect(body.chat_id).toBe('-1001234');
    expect(body.text).toContain('Нет свежих данных');
    expect(body.text).toContain('Район 4 — Дороги');
    expect(body.text).toContain('Район 5');
    expect(body.text).toContain('данные не поступали');
  });

  it('Alertmanager gets a v2 payload: an array with labels, annotations, startsAt, and endsAt when resolved', async () => {
    const firing = alertOf({ district: d(6), severity: 'critical', rule: 'behind_plan' });
    const resolved = alertOf({
      district: d(6),
      state: 'resolved',
      resolvedAt: '2026-07-01T18:30:00.000Z',
      updatedAt: '2026-07-01T18:30:00.000Z',
    });
    await env.dispatch([itemOf(firing), itemOf(resolved)]);
    await waitFor(() => (r.am.requests.length >= 2 ? true : undefined));
    await env.settle();
    expect(r.am.requests.every((q) => q.method === 'POST' && q.url === '/api/v2/alerts')).toBe(
      true,
    );
    const sent = r.am.requests.flatMap((q) => json<Record<string, unknown>[]>(q));
    expect(sent).toHaveLength(2);
    const byRule = (rule: string) =>
      sent.find((a) => (a.labels as Record<string, string>).rule === rule);
    expect(byRule('behind_plan')).toEqual({
      labels: {
        alertname: 'RegionScoreBehindPlan',
        severity: 'critical',
        region: 'north',
        district: d(6),
        indicator: 'roads',
        rule: 'behind_plan',
      },
      annotations: { summary: firing.summary, description: expect.stringContaining('Район 6') },
      startsAt: firing.firedAt,
      generatorURL: `https://score.example.kz/api/v1/alerts/${firing.id}`,
    });
    expect(byRule('stale_data')).toMatchObject({
      startsAt: resolved.firedAt,
      endsAt: '2026-07-01T18:30:00.000Z',
    });
  });

  it('a warning-only route does not get critical alerts', async () => {
    await env.dispatch([
      itemOf(alertOf({ district: d(7), severity: 'warning' })),
      itemOf(alertOf({ district: d(8), severity: 'critical' })),
    ]);
    await waitFor(() => (r.warn.requests.length > 0 ? true : undefined));
    await env.settle();
    const districts = r.warn.requests.flatMap((q) =>
      json<{ alerts: { district: string }[] }>(q).alerts.map((a) => a.district),
    );
    expect(districts).toEqual([d(7)]);
  });

  it('acknowledged and silenced alerts are not sent, even when acknowledged after the evaluation', async () => {
    const at = env.h.clock.now();
    const ackedInItem = alertOf({
      district: d(9),
      ack: { by: 'analyst', at: at.toISOString(), comment: 'on it' },
    });
    const silenced = alertOf({ district: d(10) });
    const ackedSince = alertOf({ district: d(11) });
    const plain = alertOf({ district: d(12) });
    await env.h.platform.silences.add(
      {
        matchers: { district: d(10) },
        startsAt: new Date(at.getTime() - MINUTE).toISOString(),
        endsAt: new Date(at.getTime() + 60 * MINUTE).toISOString(),
        createdBy: 'test',
        comment: 'maintenance',
      },
      at,
    );
    await storeAlerts(env, [ackedSince]);
    const ack = await env.h.platform.alerts.acknowledge(ackedSince.id, {
      by: 'analyst',
      comment: 'seen',
      at,
    });
    expect(ack.status).toBe('acked');

    await env.dispatch([ackedInItem, silenced, ackedSince, plain].map(itemOf));
    await waitFor(() => (r.quiet.requests.length > 0 ? true : undefined));
    await env.settle();
    expect(r.quiet.requests).toHaveLength(1);
    expect(
      json<WebhookJson>(r.quiet.requests[0] ?? { body: '{}' }).alerts.map((a) => a.id),
    ).toEqual([plain.id]);
  });

  it('re-sends an alert still firing after the repeat interval, and stops once it is acknowledged', async () => {
    const fired = new Date(env.h.clock.now().getTime() - MINUTE).toISOString();
    const alert = alertOf({ district: d(13) }, fired);
    await storeAlerts(env, [alert]);
    await env.dispatch([itemOf(alert)]);
    await waitFor(() => (r.rep.requests.length > 0 ? true : undefined));

    const repeat = async () => {
      await env.h.queues.add('repeat-notifications', { reason: 'manual' });
      await env.settle();
    };
    await repeat();
    expect(r.rep.requests).toHaveLength(1);

    env.h.clock.advance(31 * MINUTE);
    await repeat();
    await waitFor(() => (r.rep.requests.length > 1 ? true : undefined));
    expect(r.rep.requests).toHaveLength(2);
    const body = json<WebhookJson>(r.rep.requests[1] ?? { body: '{}' });
    expect(body).toMatchObject({ repeat: true, status: 'firing' });
    expect(body.alerts.map((a) => a.id)).toEqual([alert.id]);

    // Not yet due again.
    env.h.clock.advance(10 * MINUTE);
    await repeat();
    expect(r.rep.requests).toHaveLength(2);

    await env.h.platform.alerts.acknowledge(alert.id, {
      by: 'analyst',
      comment: 'on it',
      at: env.h.clock.now(),
    });
    env.h.clock.advance(60 * MINUTE);
    await repeat();
    expect(r.rep.requests).toHaveLength(2);
  });
});

describe('notification grouping', () => {
  let env: NotifyEnv;
  let r: Record<'hook' | 'tg' | 'am', Receiver>;

  beforeAll(async () => {
    r = { hook: await startReceiver(), tg: await startReceiver(), am: await startReceiver() };
    env = await startNotifyEnv(
      [
        '  channels:',
        `    - { id: hook, type: webhook, url: "${r.hook.url}", secretEnv: WEBHOOK_SECRET }`,
        `    - { id: tg, type: telegram, chatId: "@akimat", tokenEnv: TELEGRAM_BOT_TOKEN, apiBase: "${r.tg.url}" }`,
        `    - { id: am, type: alertmanager, url: "${r.am.url}" }`,
        '  routes:',
        '    - { channel: hook }',
        '    - { channel: tg }',
        '    - { channel: am }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await env?.close();
    if (r) await Promise.all(Object.values(r).map((x) => x.close()));
  });

  it('fifteen districts going stale at once make one delivery per channel', async () => {
    const items = Array.from({ length: 15 }, (_, i) => itemOf(alertOf({ district: d(i + 1) })));
    await env.dispatch(items);
    await waitFor(() =>
      r.hook.requests.length + r.tg.requests.length + r.am.requests.length >= 3 ? true : undefined,
    );
    await env.settle();
    expect([r.hook, r.tg, r.am].map((x) => x.requests.length)).toEqual([1, 1, 1]);
    expect(json<WebhookJson>(r.hook.requests[0] ?? { body: '{}' }).alerts).toHaveLength(15);
    expect(json<unknown[]>(r.am.requests[0] ?? { body: '[]' })).toHaveLength(15);
    const text = json<{ text: string }>(r.tg.requests[0] ?? { body: '{}' }).text;
    expect(text).toContain('(15)');
    for (let n = 1; n <= 15; n++) expect(text).toContain(`Район ${n} `);
  });
});
