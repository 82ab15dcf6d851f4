/**
 * The sparkline of a ranking row: one point per bucket (the score as it stood at the end of the
 * bucket), the last `points` buckets. Buckets are identified by their start instant in epoch
 * milliseconds everywhere — in Redis, in API replies, in live frames and on screens — so there is
 * one unit end to end. Change the resolution here and every layer follows.
 */
export const SPARKLINE = {
  /** Width of one bucket. */
  bucketMs: 60_000,
  /** Buckets kept per row. */
  points: 60,
} as const;

/** One stored sparkline point: the bucket's start (epoch ms) and the last score in it. */
export interface SparkPoint {
  bucket: number;
  score: number;
}

/** The bucket (its start, epoch ms) the instant `ms` falls in; 0 stays "no bucket". */
export function sparkBucketOf(ms: number): number {
  return Math.floor(ms / SPARKLINE.bucketMs) * SPARKLINE.bucketMs;
}

/**
 * Adds a score to a sparkline that ends in bucket `heldBucket`: within the same bucket it replaces
 * the last point, otherwise it is appended; the result keeps the last `SPARKLINE.points` points.
 * The one merge rule for the stored history, the live gateway and every screen.
 */
export function pushSparkPoint(
  history: readonly number[],
  heldBucket: number,
  bucket: number,
  score: number,
): number[] {
  const next =
    heldBucket === bucket && history.length > 0
      ? [...history.slice(0, -1), score]
      : [...history, score];
  return next.length > SPARKLINE.points ? next.slice(next.length - SPARKLINE.points) : next;
}
