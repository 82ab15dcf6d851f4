import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@region-score/config';
import type { DistrictScore } from '@region-score/contracts';
import { createPlatform, type Platform } from '@region-score/platform';

const score = (district: string, version: number, computedAt: string): DistrictScore => ({
  region: 'storeland',
  district,
  score: 80,
  status: 'at_risk',
  coverage: 1,
  version,
  methodology: '1.1.0',
  computedAt,
  indicators: [],
});

describe('ScoreStore.current: the scores a process just wrote, unless newer ones are stored', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await createPlatform(
      loadConfig({
        REDIS_URL: inject('redisUrl'),
        KEY_PREFIX: `ss${randomBytes(3).toString('hex')}`,
      }).redis,
    );
  });
  afterAll(() => platform.close());

  it('takes a known score while its stamp is stored, reads the stored one otherwise', async () => {
    const mine = score('a', 3, '2026-06-30T10:00:00.000Z');
    const other = score('b', 3, '2026-06-30T10:00:00.000Z');
    await platform.scores.write(mine, '2026-06-30');
    await platform.scores.write(other, '2026-06-30');
    // Another process stored a newer score of `b` since.
    const newer = { ...score('b', 4, '2026-06-30T10:00:01.000Z'), score: 61 };
    await platform.scores.write(newer, '2026-06-30');

    const known = new Map([
      ['a', mine],
      ['b', other],
    ]);
    const [a, b, c] = await platform.scores.current('storeland', ['a', 'b', 'c'], known);
    expect(a).toBe(mine); // the very object: not read again
    expect(b).toEqual(newer);
    expect(c).toBeNull(); // never scored
  });
});
