import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import type { ObservationInput } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { LiveClient } from '../helpers/live-client';
import { waitFor } from '../helpers/wait';

const FRAME_MS = 100;

describe('live socket.io stream', () => {
  let h: Harness;
  let url: string;
  let port: number;
  const clients: LiveClient[] = [];
  const connect = (
    sub: { region: string } | { national: true } = { region: 'testland' },
    token?: string,
  ) => {
    const c = new LiveClient(url, sub, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    h = await startHarness({ env: { FRAME_MS: String(FRAME_MS), HEARTBEAT_MS: '200' } });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    port = (h.app.server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => h.close());

  it('subscribing gives a snapshot; a posted value arrives as a scores frame with the new score', async () => {
    const client = connect();
    const snapshot = await waitFor(() => client.snapshots[0], { what: 'snapshot' });
    expect(snapshot.entries.map((e) => e.id).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(snapshot.channel).toBe('region:testland');

    const res = await h.post([
      { district: 'gamma', indicator: 'roads', value: 84, date: '2026-06-30' },
    ]);
    expect(res.statusCode).toBe(202);
    const frame = await waitFor(
      () => client.frames.find((f) => f.changes.some((e) => e.id === 'gamma')),
      {
        what: 'frame with gamma',
      },
    );
    const stored = await h.platform.scores.get('testland', 'gamma');
    expect(frame.changes.find((e) => e.id === 'gamma')?.score).toBe(stored?.score);
    expect(frame.seq).toBe(snapshot.seq + 1);
  });

  it('sends heartbeats with the dashboard build id', async () => {
    const client = connect();
    const beat = await new Promise<{ at: string; build: string }>((resolve) =>
      client.socket.once('heartbeat', resolve),
    );
    expect(beat.build).toBe('dev');
    expect(Date.parse(beat.at)).not.toBeNaN();
  });

  it('a burst of 2,000 values yields a bounded number of frames and the final state is correct', async () => {
    const client = connect();
    await waitFor(() => client.snapshots[0], { what: 'snapshot' });
    const districts = ['alpha', 'beta', 'gamma'];
    const started = Date.now();
    const batches: ObservationInput[][] = [];
    for (let b = 0; b < 20; b++) {
      batches.push(
        Array.from({ length: 100 }, (_, i) => ({
          district: districts[(b + i) % 3] as string,
          indicator: 'roads',
          // Moves of under 25 points: the quality gate holds none of them.
          value: 60 + ((b * 100 + i) % 20),
          date: `2026-06-${String(1 + (i % 28)).padStart(2, '0')}`,
        })),
      );
    }
    await Promise.all(batches.map((b) => h.post(b)));
    await waitFor(
      async () => {
        const c = await h.queues.queue('ingest').getJobCounts('waiting', 'active', 'delayed');
        return Object.values(c).every((n) => n === 0) ? true : undefined;
      },
      { what: 'queue drained' },
    );
    const expected = await h.platform.rankings.region(h.catalog.region('testland')!, h.clock.now());
    await waitFor(
      () => {
        const got = client.ranking().map((e) => [e.id, e.score, e.rank]);
        const want = expected.entries.map((e) => [e.id, e.score, e.rank]);
        return JSON.stringify(got) === JSON.stringify(want) ? true : undefined;
      },
      { what: 'client state equals the stored ranking' },
    );
    const elapsed = Date.now() - started;
    // At most one frame per window (plus the immediate first one).
    expect(client.frames.length).toBeLessThanOrEqual(Math.ceil(elapsed / FRAME_MS) + 2);
    expect(client.frames.length).toBeGreaterThan(0);
  });

  it('a client that missed frames catches up from its last seq without a snapshot', async () => {
    const client = connect();
    await waitFor(() => client.snapshots[0], { what: 'snapshot' });
    client.socket.disconnect();
    await h.post([{ district: 'alpha', indicator: 'roads', value: 61, date: '2026-07-01' }]);
    await waitFor(async () =>
      (await h.platform.scores.get('testland', 'alpha'))?.indicators[0]?.value === 61
        ? true
        : undefined,
    );
    await new Promise((r) => setTimeout(r, FRAME_MS * 2));
    client.socket.connect();
    await waitFor(() => client.frames.find((f) => f.changes.some((e) => e.id === 'alpha')), {
      what: 'missed frame',
    });
    expect(client.snapshots).toHaveLength(1);
  });

  it('after an API restart a reconnecting client gets a fresh snapshot', async () => {
    const client = connect();
    await waitFor(() => client.snapshots[0], { what: 'first snapshot' });
    await h.restartApi();
    await h.app.listen({ port, host: '127.0.0.1' });
    await h.post([{ district: 'beta', indicator: 'roads', value: 77, date: '2026-07-01' }]);
    const second = await waitFor(() => client.snapshots[1], {
      what: 'snapshot after restart',
      timeoutMs: 20_000,
    });
    expect(second.entries).toHaveLength(3);
    const beta = await waitFor(async () => {
      const s = await h.platform.scores.get('testland', 'beta');
      return s?.indicators.find((i) => i.indicator === 'roads')?.value === 77 ? s : undefined;
    });
    await waitFor(() => (client.entries.get('beta')?.score === beta.score ? true : undefined), {
      what: 'beta updated after restart',
    });
  });

  it('the national channel ranks regions', async () => {
    const client = connect({ national: true });
    const snapshot = await waitFor(() => client.snapshots[0], { what: 'national snapshot' });
    expect(snapshot.entries.map((e) => e.id).sort()).toEqual(['otherland', 'testland']);
    expect(snapshot.entries.every((e) => e.kind === 'region')).toBe(true);
  });

  it('an unknown region is refused in the subscribe ack', async () => {
    const socket = io(url, { transports: ['websocket'] });
    const ack = await new Promise<{ ok: boolean; error?: string }>((resolve) =>
      socket.emit('subscribe', { region: 'mars' }, resolve),
    );
    socket.disconnect();
    expect(ack).toEqual({ ok: false, error: 'region: unknown region "mars"' });
  });

  it('a bad token gets a clear connect error', async () => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: { token: 'wrong' },
      reconnection: false,
    });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(err.message).toBe('UNAUTHORIZED: authorization: unknown or revoked API key');
  });
});
