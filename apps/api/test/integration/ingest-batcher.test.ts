import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { StampedObservation } from '@region-score/contracts';
import { loadConfig } from '@region-score/config';
import { createPlatform, type Platform } from '@region-score/platform';
import { IngestBatcher } from '../../src/ingest/batcher';

const obs = (i: number): StampedObservation => ({
  region: 'r',
  district: 'd',
  indicator: 'i',
  value: i,
  date: '2026-07-01',
  obsId: `b.${i}`,
  at: 0,
  by: 'test',
});

describe('IngestBatcher (group commit into BullMQ jobs, real Redis)', () => {
  let platform: Platform;
  beforeEach(async () => {
    const env = { REDIS_URL: inject('redisUrl'), KEY_PREFIX: `t${randomBytes(5).toString('hex')}` };
    platform = await createPlatform(loadConfig(env).redis);
  });
  afterEach(async () => {
    await platform.queues.queue('ingest').obliterate({ force: true });
    await platform.close();
  });

  const jobs = async () =>
    (await platform.queues.queue('ingest').getWaiting()).map(
      (j) => (j.data as { observations: StampedObservation[] }).observations.length,
    );

  it('single values arriving together share one job; each caller gets its id once it is stored', async () => {
    const batcher = new IngestBatcher(platform.queues, {
      directThreshold: 50,
      windowMs: 50,
      maxBatch: 1000,
    });
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit([obs(i)])));
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
    expect((await jobs()).reduce((a, n) => a + n, 0)).toBe(20);
    await batcher.close();
  });

  it('a large request is a job of its own, and a full batch leaves before the window ends', async () => {
    const batcher = new IngestBatcher(platform.queues, {
      directThreshold: 5,
      windowMs: 60_000,
      maxBatch: 3,
    });
    const direct = await batcher.submit([0, 1, 2, 3, 4, 5].map(obs));
    const grouped = await Promise.all([batcher.submit([obs(6)]), batcher.submit([obs(7), obs(8)])]);
    expect(grouped[0]).toBe(grouped[1]);
    expect(grouped[0]).not.toBe(direct);
    expect((await jobs()).sort()).toEqual([3, 6]);
    await batcher.close();
  });

  it('close() enqueues what is still waiting, so nothing accepted is lost', async () => {
    const batcher = new IngestBatcher(platform.queues, {
      directThreshold: 50,
      windowMs: 60_000,
      maxBatch: 1000,
    });
    void batcher.submit([obs(1)]); // the window of the first request after a quiet spell is 0
    await new Promise((r) => setTimeout(r, 20));
    const waiting = batcher.submit([obs(2)]);
    await batcher.close();
    expect(await waiting).toBeTruthy();
    expect((await jobs()).reduce((a, n) => a + n, 0)).toBe(2);
  });
});
