import { describe, expect, it } from 'vitest';
import type { DeliverNotificationPayload } from '@region-score/contracts';
import { DeliveryError, sendNotification, type SendContext } from '../../src/notifications/senders';
import { itemOf, notificationsOf } from './notification-factories';

const config = notificationsOf([]);
const [webhook, telegram] = config.channels;
const payload: DeliverNotificationPayload = {
  channel: 'hook',
  groupKey: 'rule=stale_data',
  items: [itemOf()],
  repeat: false,
  queuedAt: '2026-07-01T10:00:00.000Z',
};

/** A fetch that answers every request with `status`, recording what it was asked. */
function fakeFetch(status: number | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (status instanceof Error) throw status;
    return new Response('{"ok":false,"description":"nope"}', { status });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const ctx = (f: typeof fetch): SendContext => ({
  deliveryId: 'n-1',
  names: { district: (id) => id, indicator: (_r, id) => id },
  publicUrl: 'https://score.example.kz',
  timeoutMs: 1000,
  now: new Date('2026-07-01T10:00:05Z'),
  fetch: f,
});

async function failure(promise: Promise<void>): Promise<DeliveryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('sendNotification', () => {
  it('posts the signed webhook with a timeout', async () => {
    const { fn, calls } = fakeFetch(200);
    if (!webhook) throw new Error('no webhook channel');
    await sendNotification(webhook, payload, ctx(fn));
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/hook');
    expect(headers['X-RegionScore-Timestamp']).toBe(
      String(Date.parse('2026-07-01T10:00:05Z') / 1000),
    );
    expect(headers['X-RegionScore-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(headers['X-RegionScore-Delivery']).toBe('n-1');
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('treats 5xx, 429 and network errors as transient, other 4xx as permanent', async () => {
    if (!webhook) throw new Error('no webhook channel');
    expect(
      (await failure(sendNotification(webhook, payload, ctx(fakeFetch(503).fn)))).permanent,
    ).toBe(false);
    expect(
      (await failure(sendNotification(webhook, payload, ctx(fakeFetch(429).fn)))).permanent,
    ).toBe(false);
    expect(
      (await failure(sendNotification(webhook, payload, ctx(fakeFetch(400).fn)))).permanent,
    ).toBe(true);
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    const err = await failure(sendNotification(webhook, payload, ctx(fakeFetch(timeout).fn)));
    expect(err.permanent).toBe(false);
    expect(err.message).toBe('webhook hook: no answer within 1000 ms');
  });

  it('never puts the Telegram bot token in an error message', async () => {
    if (!telegram) throw new Error('no telegram channel');
    const err = await failure(sendNotification(telegram, payload, ctx(fakeFetch(401).fn)));
    expect(err.permanent).toBe(true);
    expect(err.message).toContain('telegram tg: HTTP 401');
    expect(err.message).not.toContain('123:abc');
  });
});
