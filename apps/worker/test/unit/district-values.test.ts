import { describe, expect, it } from 'vitest';
import { DistrictValues, EXCLUSIVE_WAIT_MS } from '../../src/district-values';

/** `exclusive` only orders tasks; it never reads the store. */
const noStore = {
  districtState: () => Promise.reject(new Error('not read in these tests')),
};

describe('DistrictValues.exclusive', () => {
  it('runs one district’s tasks one after another, other districts’ meanwhile', async () => {
    const values = new DistrictValues(noStore, () => []);
    const order: string[] = [];
    const step = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} end`);
    };
    await Promise.all([
      values.exclusive('r', 'a', step('a1', 30)),
      values.exclusive('r', 'a', step('a2', 1)),
      values.exclusive('r', 'b', step('b1', 1)),
    ]);
    expect(order.indexOf('a2 start')).toBeGreaterThan(order.indexOf('a1 end'));
    expect(order.indexOf('b1 start')).toBeLessThan(order.indexOf('a1 end'));
  });

  it('a task that never ends holds the district’s next one only for the bounded wait', async () => {
    const values = new DistrictValues(noStore, () => []);
    void values.exclusive('r', 'a', () => new Promise<never>(() => undefined));
    const started = Date.now();
    await values.exclusive('r', 'a', async () => 'ran');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(EXCLUSIVE_WAIT_MS - 50);
    expect(waited).toBeLessThan(EXCLUSIVE_WAIT_MS + 2000);
  });

  it('a failed task does not block or fail the next one', async () => {
    const values = new DistrictValues(noStore, () => []);
    const failed = values.exclusive('r', 'a', () => Promise.reject(new Error('boom')));
    await expect(failed).rejects.toThrow('boom');
    await expect(values.exclusive('r', 'a', async () => 7)).resolves.toBe(7);
  });
});

describe('DistrictValues as the worker’s kept values', () => {
  /** A store that counts its reads and answers from `data`. */
  function countingStore(data: {
    version: number;
    values: Record<string, Record<string, number>>;
  }) {
    const reads: string[][] = [];
    return {
      reads,
      districtState: async (_r: string, _d: string, indicators: readonly string[]) => {
        reads.push([...indicators]);
        return {
          version: data.version,
          values: Object.fromEntries(
            indicators.map((i) => [
              i,
              Object.entries(data.values[i] ?? {}).map(([date, value]) => ({ date, value })),
            ]),
          ),
        };
      },
    };
  }

  it('reads a district once, every indicator of its region, and keeps it current by writes', async () => {
    const store = countingStore({ version: 3, values: { a: { '2026-01-31': 1 }, b: {} } });
    const values = new DistrictValues(store, () => ['a', 'b', 'c']);
    expect((await values.get('r', 'd', ['a'])).current).toEqual({
      a: [{ date: '2026-01-31', value: 1 }],
    });
    expect(store.reads).toEqual([['a', 'b', 'c']]);
    values.written('r', 'd', 4, [
      { indicator: 'b', date: '2026-02-28', value: 7 },
      { indicator: 'a', date: '2026-01-31', value: 2 },
    ]);
    // Scoring at the stored version uses the kept values: no second read.
    const snap = await values.snapshot('r', 'd', ['a', 'b'], 4);
    expect(snap).toEqual({
      version: 4,
      values: { a: [{ date: '2026-01-31', value: 2 }], b: [{ date: '2026-02-28', value: 7 }] },
    });
    expect(store.reads).toHaveLength(1);
  });

  it('reads again when another process wrote (the stored version is not the kept one)', async () => {
    const data = { version: 3, values: { a: { '2026-01-31': 1 } } };
    const store = countingStore(data);
    const values = new DistrictValues(store, () => ['a']);
    await values.get('r', 'd', ['a']);
    data.version = 5;
    data.values.a['2026-01-31'] = 9;
    const snap = await values.snapshot('r', 'd', ['a'], 5);
    expect(snap).toEqual({ version: 5, values: { a: [{ date: '2026-01-31', value: 9 }] } });
    expect(store.reads).toHaveLength(2);
  });

  it('keeps at most `max` districts, the least recently used going first', async () => {
    const store = countingStore({ version: 1, values: {} });
    const values = new DistrictValues(store, () => ['a'], 2);
    await values.get('r', 'd1', ['a']);
    await values.get('r', 'd2', ['a']);
    await values.get('r', 'd1', ['a']); // d1 used again: d2 is now the oldest
    await values.get('r', 'd3', ['a']);
    expect(store.reads).toHaveLength(3);
    await values.get('r', 'd1', ['a']);
    expect(store.reads).toHaveLength(3);
    await values.get('r', 'd2', ['a']);
    expect(store.reads).toHaveLength(4);
  });
});
