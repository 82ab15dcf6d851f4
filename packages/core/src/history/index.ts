/**
 * Time travel, pure: the values, scores and ranking of a region as they stood at the end of a past
 * day, recomputed from every accepted value and its acceptance time (values accepted later, and
 * later corrections, are left out), and the daily closing scores the sparklines draw.
 */
export { valuesKnownAt, versionKnownAt, type AcceptedValue } from './known-values';
export {
  closeOfDay,
  asOfProblem,
  yearBefore,
  scoreKnownAt,
  scoresAsOf,
  rankingAsOf,
  regionOn,
  regionToday,
  type RegionByDay,
  type RegionHistory,
  type ClosedDayMemo,
} from './as-of';
export { dailyClosingScores, type DailyScores } from './daily-scores';
export { nationalAsOf } from './national';
export {
  scoringConfigOf,
  configLabelsOf,
  versionAt,
  regionUnder,
  basisOf,
} from './config-in-force';
