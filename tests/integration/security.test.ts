import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('security: headers, credentials, keys, throttling, timeouts, bad input', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        OPEN_READS: 'false',
        AUTH_FAILURES_PER_IP: '25',
        REQUEST_TIMEOUT_MS: '1500',
        IDLE_TIMEOUT_MS: '800',
        LIVE_SUBSCRIPTIONS: '2',
      },
    });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => h.close());

  it('sends security headers on API, docs and pages; CORS is off by default', async () => {
    for (const path of ['/api/v1/regions', '/docs', '/healthz']) {
      const res = await h.app.inject({
        method: 'GET',
        url: path,
        headers: { ...bearer(h.adminToken), origin: 'https://evil.example' },
      });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('any malformed credential is a 401 naming the header, never a 400', async () => {
    for (const authorization of [
      `Bearer\t${h.adminToken}x`,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${h.adminToken} extra`,
      'Token abc',
    ]) {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/regions',
        headers: { authorization },
      });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json<ErrorReply>().message).toMatch(/^authorization: /);
    }
    const tab = await h.app.inject({
      method: 'GET',
      url: '/api/v1/regions',
      headers: { authorization: `Bearer\t${h.adminToken}` },
    });
    expect(tab.statusCode).toBe(200);
  });

  it('/metrics is closed like every read when OPEN_READS is off', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const viewer = await h.key('viewer');
    expect(
      (await h.app.inject({ method: 'GET', url: '/metrics', headers: bearer(viewer) })).statusCode,
    ).toBe(200);
  });

  it('the same Idempotency-Key with a different body is a 422 naming the key', async () => {
    const headers = { ...bearer(h.adminToken), 'idempotency-key': 'office-42' };
    const first = await h.post(
      [{ district: 'alpha', indicator: 'roads', value: 71, date: '2026-06-01' }],
      { headers },
    );
    expect(first.statusCode).toBe(202);
    const other = await h.post(
      [{ district: 'alpha', indicator: 'roads', value: 72, date: '2026-06-01' }],
      { headers },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorReply>().message).toMatch(
      /^idempotency-key: "office-42" was already used/,
    );
  });

  it('free text is bounded and instants must be RFC 3339', async () => {
    const silence = (patch: Record<string, unknown>) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/silences',
        headers: bearer(h.adminToken),
        payload: {
          matchers: { district: 'alpha' },
          endsAt: '2026-12-31T00:00:00Z',
          comment: 'ok',
          ...patch,
        },
      });
    expect((await silence({})).statusCode).toBe(201);
    for (const patch of [
      { comment: 'x'.repeat(2001) },
      { endsAt: '2026-12-31 00:00:00Z' },
      { endsAt: '2026-12-31T00:00:00.000000000000001Z' },
    ]) {
      const res = await silence(patch);
      expect(res.statusCode, JSON.stringify(patch).slice(0, 60)).toBe(400);
      expect(res.json<ErrorReply>().message).toMatch(/^(comment|endsAt): /);
    }
  });

  it('keys expire, rotate without downtime, and can be limited to a region', async () => {
    const at = new Date();
    const short = await h.platform.apiKeys.create(
      { role: 'viewer', expiresAt: new Date(Date.now() + 400) },
      at,
    );
    const read = (token: string, path = '/api/v1/regions/testland/rankings') =>
      h.app.inject({ method: 'GET', url: path, headers: bearer(token) });
    expect((await read(short.token)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const expired = await read(short.token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json<ErrorReply>().message).toMatch(/expired/);

    const { token: old } = await h.platform.apiKeys.create({ role: 'viewer', id: 'wall-9' }, at);
    const rotated = await h.platform.apiKeys.rotate('wall-9', 60_000, new Date());
    expect(rotated).not.toBeNull();
    expect((await read(old)).statusCode).toBe(200); // within the grace period
    expect((await read(rotated?.token ?? '')).statusCode).toBe(200);
    const listed = (await h.platform.apiKeys.list()).filter((k) => k.id === 'wall-9');
    expect(listed).toHaveLength(2);
    expect(listed.some((k) => k.lastUsedAt !== null)).toBe(true);

    const scoped = (await h.platform.apiKeys.create({ role: 'viewer', regions: ['testland'] }, at))
      .token;
    expect((await read(scoped)).statusCode).toBe(200);
    expect((await read(scoped, '/api/v1/regions/otherland/rankings')).statusCode).toBe(403);
    expect((await read(scoped, '/api/v1/districts/delta')).statusCode).toBe(403);
    expect((await read(scoped, '/api/v1/rankings/national')).statusCode).toBe(403);
  });

  it('live: malformed subscriptions get an error ack, subscriptions are bounded, a revoked key is cut off', async () => {
    const viewer = (await h.platform.apiKeys.create({ role: 'viewer', id: 'live-v' }, new Date()))
      .token;
    const socket = io(url, {
      transports: ['websocket'],
      auth: { token: viewer },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (payload: unknown) =>
      new Promise<{ ok: boolean; error?: string }>((resolve) =>
        (
          socket.emit as (
            e: string,
            p: unknown,
            cb: (r: { ok: boolean; error?: string }) => void,
          ) => void
        )('subscribe', payload, resolve),
      );
    for (const bad of [
      null,
      42,
      'x',
      { region: 5 },
      { region: 'testland', lastSeq: -1 },
      { national: 'yes' },
    ]) {
      expect(await ack(bad)).toMatchObject({ ok: false });
    }
    expect(await ack({ region: 'testland' })).toEqual({ ok: true });
    expect(await ack({ national: true })).toEqual({ ok: true });
    const third = await ack({ region: 'otherland' });
    expect(third).toMatchObject({ ok: false });
    expect(third.error).toMatch(/at most 2 channels/);

    const revoked = new Promise<string>((resolve) =>
      socket.once('revoked', (r) => resolve(r.reason)),
    );
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const at = Date.now();
    await h.platform.apiKeys.revoke('live-v');
    expect(await revoked).toMatch(/revoked/);
    await gone;
    // Look-ups are cached 10 s and checked every 5 s.
    expect(Date.now() - at).toBeLessThan(16_000);
  }, 30_000);

  it('a body that never ends does not hold the server: 100 of them are closed by the timeouts', async () => {
    const { port } = h.app.server.address() as AddressInfo;
    const sockets: TcpSocket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      const s = tcpConnect(port, '127.0.0.1');
      sockets.push(s);
      closed.push(new Promise((resolve) => s.once('close', () => resolve())));
      s.on('error', () => undefined);
      s.write(
        'POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${h.adminToken}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"obs\r\n`,
      );
    }
    const started = Date.now();
    await Promise.all(closed);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const s of sockets) s.destroy();
  });

  it('fast-check: bad write bodies always get a 4xx naming a field, write nothing, and the process lives', async () => {
    const enqueued = async () => {
      const c = await h.queues
        .queue('ingest')
        .getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
      return Object.values(c).reduce((a, n) => a + n, 0);
    };
    const silences = async () => (await h.platform.silences.list()).length;
    const before = { jobs: await enqueued(), silences: await silences() };
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ observations: fc.array(fc.anything(), { maxLength: 3 }) }),
      fc.record({
        observations: fc.array(
          fc.record({
            district: fc.oneof(fc.constantFrom('alpha', 'nowhere', ''), fc.string()),
            indicator: fc.oneof(fc.constantFrom('roads', 'jobs', 'x'), fc.string()),
            value: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
            date: fc.oneof(fc.constantFrom('2026-02-30', '2099-01-01', '1999-12-31'), fc.string()),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        junk,
        fc.constantFrom('observations', 'silences', 'ack'),
        async (body, route) => {
          const url =
            route === 'observations'
              ? '/api/v1/observations'
              : route === 'silences'
                ? '/api/v1/silences'
                : '/api/v1/alerts/behind_plan.testland.alpha.roads/ack';
          const res = await h.app.inject({
            method: 'POST',
            url,
            headers: { ...bearer(h.adminToken), 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          // A junk body that happens to be valid is fine; a 5xx never is.
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400)
            expect(res.json<ErrorReply>().message).toMatch(/^[\w.[\]-]+( |:)/);
        },
      ),
      { numRuns: 300 },
    );
    // The generated observations always hold a bad id, value or date: not one job was added.
    expect(await enqueued()).toBe(before.jobs);
    expect(await silences()).toBe(before.silences);
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 60_000);

  it('failed authentications are throttled per address: 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 2000; i++) {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/regions',
        headers: bearer(`rs_wrong_${i}`),
        remoteAddress: '10.9.8.7',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) retryAfter = res.headers['retry-after'] as string;
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(25);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1975);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    const other = await h.app.inject({
      method: 'GET',
      url: '/api/v1/regions',
      headers: bearer(h.adminToken),
      remoteAddress: '10.9.8.8',
    });
    expect(other.statusCode).toBe(200);
  }, 60_000);
});
