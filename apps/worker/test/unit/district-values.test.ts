import { describe, expect, it } from 'vitest';
import { DistrictValues, EXCLUSIVE_WAIT_MS } from '../../src/district-values';

/** `exclusive` only orders tasks; it never reads the store. */
const noStore = {
  districtState: () => Promise.reject(new Error('not read in these tests')),
};

describe('DistrictValues.exclusive', () => {
  it('runs one district’s tasks one after another, other districts’ meanwhile', async () => {
    const values = new DistrictValues(noStore);
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
    const values = new DistrictValues(noStore);
    void values.exclusive('r', 'a', () => new Promise<never>(() => undefined));
    const started = Date.now();
    await values.exclusive('r', 'a', async () => 'ran');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(EXCLUSIVE_WAIT_MS - 50);
    expect(waited).toBeLessThan(EXCLUSIVE_WAIT_MS + 2000);
  });

  it('a failed task does not block or fail the next one', async () => {
    const values = new DistrictValues(noStore);
    const failed = values.exclusive('r', 'a', () => Promise.reject(new Error('boom')));
    await expect(failed).rejects.toThrow('boom');
    await expect(values.exclusive('r', 'a', async () => 7)).resolves.toBe(7);
  });
});
