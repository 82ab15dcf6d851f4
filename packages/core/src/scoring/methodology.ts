/**
 * Version of the published scoring methodology, stored with every score so a stored number can
 * always be traced to the rules that produced it. Bump it whenever a formula or default changes.
 *
 * - 1.1.0: a plan ≤ 0 is scored by the linear distance from it in units of `planScale` (it was
 *   100 or 0); a forecast needs `FORECAST_MIN_POINTS` (3) values (it needed 2).
 * - 1.0.0: first published version.
 */
export const METHODOLOGY_VERSION = '1.1.0';
