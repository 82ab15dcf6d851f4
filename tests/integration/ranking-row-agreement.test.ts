import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRanking } from '@region-score/contracts';
import { SPARKLINE, localDate } from '@region-score/core';
import {
  applyFrame,
  checkSeq,
  fromSnapshot,
  rankingOrder,
  type RankingData,
} from '../../apps/dashboard/src/lib/live/frames';
import { startHarness, type Harness } from '../helpers/harness';
import { LiveClient } from '../helpers/live-client';
import { waitFor } from '../helpers/wait';

/**
 * One ranking row, four readers: the worker (which records today's ranks), the GET route, the live
 * frames (merged by a socket.io client), and the dashboard's own frame handling. Core builds the
 * row once; this test proves they all end up with the same rows, sparklines included.
 */
describe('the ranking row is the same in the worker, the GET route, live frames and the dashboard', () => {
  let h: Harness;
  let client: LiveClient;
  let screen: RankingData | null = null;

  beforeAll(async () => {
    h = await startHarness({ env: { FRAME_MS: '20' } });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    client = new LiveClient(url, { region: 'testland' });
    // The dashboard's state, fed by the same socket with the dashboard's own code.
    client.socket.on('snapshot', (s) => (screen = fromSnapshot(s)));
    client.socket.on('scores', (f) => {
      if (screen && checkSeq(screen.seq, f.seq) === 'apply') screen = applyFrame(screen, f).data;
    });
    await waitFor(() => client.snapshots[0], { what: 'snapshot' });
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });

  it('after values over several sparkline buckets, every reader holds the same rows', async () => {
    // Moves of under 25 points: the quality gate holds none of them.
    const values: [string, number][] = [
      ['alpha', 70],
      ['beta', 85],
      ['gamma', 60],
      ['alpha', 93],
      ['gamma', 82],
      ['beta', 62],
    ];
    for (const [round, [district, value]] of values.entries()) {
      // Each value in a bucket of its own, so sparklines grow point by point.
      h.clock.advance(SPARKLINE.bucketMs + 1000);
      const res = await h.post([{ district, indicator: 'roads', value, date: '2026-06-30' }]);
      expect(res.statusCode).toBe(202);
      await waitFor(() => (client.frames.length > round ? true : undefined), {
        what: `frame ${round + 1}`,
      });
    }
    await h.workers[0]?.idle();

    const byApi = (
      JSON.parse(
        (await h.app.inject({ method: 'GET', url: '/api/v1/regions/testland/rankings' })).body,
      ) as RegionRanking
    ).entries;
    await expect.poll(() => client.ranking(), { timeout: 5000 }).toEqual(byApi);
    expect(screen && rankingOrder(screen.entries)).toEqual(byApi);
    // alpha reported in two buckets: two points on every reader.
    expect(byApi.find((e) => e.id === 'alpha')?.history).toHaveLength(2);
    expect(byApi.every((e) => e.sparkBucket % SPARKLINE.bucketMs === 0)).toBe(true);

    const region = h.catalog.region('testland')!;
    const recorded = await h.redis.hgetall(
      h.keys.dailyRanks('testland', localDate(h.clock.now(), region.timezone)),
    );
    expect(Object.fromEntries(byApi.map((e) => [e.id, String(e.rank)]))).toEqual(recorded);
  });
});
