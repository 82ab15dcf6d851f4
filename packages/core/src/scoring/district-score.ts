import type { DistrictScore, IndicatorResult, Region } from '@region-score/contracts';
import { regionIndex } from '../region-index';
import { currentYear, elapsedFraction, localDate, periodOf } from '../time';
import { assessIndicator, type Assessment } from './indicator-assessment';
import { METHODOLOGY_VERSION } from './methodology';
import type { DatedValue } from './period-value';
import { round } from './round';
import { statusOf } from './status';

/** Everything `scoreDistrict` needs: the region config, the district's values, and the moment. */
export interface ScoreDistrictInput {
  region: Region;
  /** District id within `region`. */
  district: string;
  /** Current values per indicator id. */
  values: Readonly<Record<string, readonly DatedValue[]>>;
  /** The moment scored; the period is the calendar year containing it in the region's zone. */
  at: Date;
  /** The district's data version, stored with the score so readers can tell which is newer. */
  version: number;
}

/**
 * Scores one district at `at`: the weighted mean of its indicator scores against the plan to date.
 *
 * Only indicators with a target for the district and year apply; one without is left out of the
 * result, the score and the coverage (a target of another year is not carried over). An indicator
 * counts when it has a value in the period, or when it is required and the first report is overdue
 * (then it counts as 0: not reporting never pays). Coverage is the share of all applicable weight,
 * counted or not, with fresh data, shown next to the score so a good score on stale data is
 * visible as such. With nothing counted the score is 0 and the coverage 0.
 *
 * The district score is the weighted mean of the unrounded indicator scores, then rounded to 2
 * decimals; indicator scores, contributions and impacts are rounded to 2 decimals, coverage to 4,
 * weight shares not at all. Statuses are taken from the rounded scores, so the status always
 * agrees with the number shown beside it.
 *
 * @throws Error when `district` is not a district of `region`.
 */
export function scoreDistrict(input: ScoreDistrictInput): DistrictScore {
  const { region, district, at } = input;
  const index = regionIndex(region);
  if (!index.districts.has(district)) {
    throw new Error(`District "${district}" is not in region "${region.id}"`);
  }
  const timezone = region.timezone;
  const year = currentYear(at, timezone);
  const context = {
    at,
    timezone,
    period: periodOf(year, timezone),
    today: localDate(at, timezone),
    cap: region.scoring.cap,
  };
  const fraction = elapsedFraction(context.period, at);

  const assessments: Assessment[] = [];
  for (const indicator of region.indicators) {
    const target = index.targets.get(`${district}/${indicator.id}/${year}`);
    if (!target) continue;
    const values = input.values[indicator.id] ?? [];
    assessments.push(assessIndicator(indicator, target, values, fraction, context));
  }

  const countedWeight = sum(assessments.filter((a) => a.score !== null).map((a) => a.weight));
  const totalWeight = sum(assessments.map((a) => a.weight));
  const freshWeight = sum(assessments.filter((a) => a.fresh).map((a) => a.weight));
  const thresholds = region.scoring.thresholds;

  let score = 0;
  const indicators = assessments.map((a): IndicatorResult => {
    const share = a.score === null ? 0 : a.weight / countedWeight;
    const indicatorScore = a.score === null ? null : round(a.score, 2);
    score += share * (a.score ?? 0);
    // Fields listed, not spread: this runs for every indicator of every rescoring, and V8's
    // object spread cost 13 µs a call here (measured at 50 indicators × 4,000 districts).
    const r = a.result;
    return {
      indicator: r.indicator,
      value: r.value,
      valueDate: r.valueDate,
      target: r.target,
      baseline: r.baseline,
      planToDate: r.planToDate,
      forecast: r.forecast,
      score: indicatorScore,
      status: indicatorScore === null ? 'no_data' : statusOf(indicatorScore, thresholds),
      counted: a.score !== null,
      fresh: a.fresh,
      weight: share,
      contribution: round(share * (a.score ?? 0), 2),
      impact: a.score === null ? 0 : round(share * (a.score - 100), 2),
    };
  });

  const rounded = round(score, 2);
  return {
    region: region.id,
    district,
    score: rounded,
    status: statusOf(rounded, thresholds),
    coverage: totalWeight > 0 ? round(freshWeight / totalWeight, 4) : 0,
    version: input.version,
    methodology: METHODOLOGY_VERSION,
    computedAt: at.toISOString(),
    indicators,
  };
}

function sum(numbers: readonly number[]): number {
  return numbers.reduce((total, n) => total + n, 0);
}
