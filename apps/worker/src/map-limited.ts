/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight, results in input order. A
 * national batch of 1,000 values touches 1,000 districts: started all at once, 16 such jobs build
 * 16,000 Redis transactions in one go and hold the event loop for seconds (long enough for BullMQ
 * to lose the jobs' locks); a bounded number in flight keeps Redis as busy and the loop free.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
