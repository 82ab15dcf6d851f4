import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CoalescingLoop } from '../../src/coalescing-loop';

const logger = pino({ level: 'silent' });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('CoalescingLoop', () => {
  it('runs at once after a quiet spell and folds what arrives meanwhile into one next run', async () => {
    const runs: Record<string, string[]>[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const loop = new CoalescingLoop<string>(
      async (batch) => {
        runs.push(Object.fromEntries([...batch].map(([k, v]) => [k, [...v].sort()])));
        if (runs.length === 1) await gate;
      },
      logger,
      'test',
    );
    const first = loop.add('r1', ['a']);
    await tick();
    const later = [loop.add('r1', ['b']), loop.add('r1', ['b', 'c']), loop.add('r2', ['x'])];
    release();
    await Promise.all([first, ...later]);
    expect(runs).toEqual([{ r1: ['a'] }, { r1: ['b', 'c'], r2: ['x'] }]);
  });

  it('resolves each add only after a run that includes it; rejects when that run fails', async () => {
    let fail = true;
    const loop = new CoalescingLoop<number>(
      async () => {
        if (fail) throw new Error('boom');
      },
      logger,
      'test',
    );
    await expect(loop.add('k', [1])).rejects.toThrow('boom');
    fail = false;
    await expect(loop.add('k', [2])).resolves.toBeUndefined();
  });

  it('with a minimum interval, runs start at most that often', async () => {
    const starts: number[] = [];
    const loop = new CoalescingLoop<number>(
      async () => {
        starts.push(Date.now());
      },
      logger,
      'test',
      40,
    );
    for (let i = 0; i < 3; i++) {
      await loop.add('k', [i]);
    }
    await loop.drain();
    expect(starts).toHaveLength(3);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(35);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(35);
  });
});
