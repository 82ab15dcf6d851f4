/**
 * An SVG path through `values` scaled to a `width` × `height` box (y grows downward). A flat
 * series is drawn through the middle; fewer than two points draw nothing.
 */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  const points = values.filter((v) => Number.isFinite(v));
  if (points.length < 2) return '';
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min;
  const step = width / (points.length - 1);
  return points
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - ((v - min) / span) * height;
      return `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
