import type { IndicatorStatus, Thresholds } from '@region-score/contracts';

/**
 * One shape per status, distinct without colour vision (a tick, a triangle, a cross, a dash),
 * drawn in the status colour next to every score and heat-map cell.
 */
export const STATUS_GLYPHS: Readonly<Record<IndicatorStatus, string>> = {
  on_track: '✔',
  at_risk: '▲',
  behind: '✖',
  no_data: '–',
};

/** The thresholds the methodology uses unless a region sets its own. */
export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 90, atRisk: 75 };

/** The score range of each status as the legend states it, e.g. `≥ 90`, `75–90`, `< 75`. */
export function statusRanges(
  thresholds: Thresholds,
  format: (n: number) => string,
): Record<'on_track' | 'at_risk' | 'behind', string> {
  return {
    on_track: `≥ ${format(thresholds.onTrack)}`,
    at_risk: `${format(thresholds.atRisk)}–${format(thresholds.onTrack)}`,
    behind: `< ${format(thresholds.atRisk)}`,
  };
}
