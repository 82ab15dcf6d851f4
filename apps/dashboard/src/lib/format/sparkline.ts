/** A score range every row's sparkline shares, so the same wobble looks the same on every row. */
export interface SparkScale {
  min: number;
  max: number;
}

/** Scores from 50 to 120 (the default cap): both thresholds inside, a 1-point wobble stays small. */
export const SHARED_SCALE: SparkScale = { min: 50, max: 120 };

/** The y of `value` on `scale` in a box `height` high (y grows downward), clamped to the box. */
export function scaleY(value: number, scale: SparkScale, height: number): number {
  const span = scale.max - scale.min || 1;
  const t = Math.min(1, Math.max(0, (value - scale.min) / span));
  return height - t * height;
}

/**
 * An SVG path through `values` in a `width` × `height` box (y grows downward): on `scale` when
 * given (shared by all rows), else on the series' own min–max, a flat series through the middle.
 * Fewer than two points draw nothing.
 */
export function sparklinePath(
  values: readonly number[],
  width: number,
  height: number,
  scale?: SparkScale,
): string {
  const points = values.filter((v) => Number.isFinite(v));
  if (points.length < 2) return '';
  const step = width / (points.length - 1);
  if (scale) {
    return points
      .map((v, i) => {
        const y = scaleY(v, scale, height);
        return `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
  }
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min;
  return points
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - ((v - min) / span) * height;
      return `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
