import type { Status, Thresholds } from '@region-score/contracts';

/**
 * The traffic-light status of a score: `on_track` at or above `onTrack`, `at_risk` at or above
 * `atRisk`, `behind` below. Thresholds are per region so each can set its own bar.
 */
export function statusOf(score: number, thresholds: Thresholds): Status {
  if (score >= thresholds.onTrack) return 'on_track';
  if (score >= thresholds.atRisk) return 'at_risk';
  return 'behind';
}
