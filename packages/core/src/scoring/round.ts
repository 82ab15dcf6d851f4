/**
 * Rounds half away from zero to `digits` decimals, so +x and −x round alike (impacts are
 * signed), and never returns −0, which would leak into JSON comparisons as a distinct value.
 */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
