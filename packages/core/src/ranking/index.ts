/**
 * The ranking row and its rules, defined once: the row built from a stored score (and the
 * unscored default), ranking order, region and national aggregates, the newer-than rule for
 * scores, and the sparkline bucket. Pure: time is a parameter.
 */
export { SPARKLINE, sparkBucketOf, pushSparkPoint, type SparkPoint } from './sparkline';
export { compareStamps, isNewer, newestBy, type ScoreStamp } from './newer';
export {
  rankingRow,
  withRowScore,
  rankEntries,
  compareRows,
  aggregateScore,
  aggregateRows,
  regionRanking,
  nationalRow,
  nationalRanking,
  toFrameEntry,
  mergeFrameEntry,
  type UnrankedEntry,
  type RowScore,
  type RankedPlace,
  type Aggregate,
} from './rows';
