import type { Indicator, IndicatorResult, Target } from '@region-score/contracts';
import { addDays, dateStart, localDate, type Period } from '../time';
import { forecastEnd } from './forecast';
import { indicatorScore, planScale } from './indicator-score';
import { periodValue, type DatedValue } from './period-value';
import { planToDate } from './plan';

/** What scoring one indicator needs to know about the moment and the region. */
export interface AssessmentContext {
  at: Date;
  timezone: string;
  period: Period;
  /** `localDate(at, timezone)`. */
  today: string;
  cap: number;
}

/**
 * One indicator assessed on its own, before the district weights are known: its unrounded score
 * (null when not counted) and the parts of its result that do not depend on the other indicators.
 */
export interface Assessment {
  weight: number;
  score: number | null;
  fresh: boolean;
  result: Pick<
    IndicatorResult,
    'indicator' | 'value' | 'valueDate' | 'target' | 'baseline' | 'planToDate' | 'forecast'
  >;
}

/**
 * Assesses one indicator against its target at `fraction` of the period.
 *
 * A value in the period is scored against the plan to date (see `indicatorScore`; with a plan ≤ 0
 * the distance from it is measured in `planScale(target)`). Without one, a required indicator
 * scores 0 once `at` is strictly past the period start plus `frequencyDays + graceDays` (the first
 * report is overdue); before that, or for an optional indicator, it is not counted. Data is fresh
 * when its latest date in the period is no more than `frequencyDays + graceDays` days before today.
 */
export function assessIndicator(
  indicator: Indicator,
  target: Target,
  values: readonly DatedValue[],
  fraction: number,
  context: AssessmentContext,
): Assessment {
  const { at, timezone, period } = context;
  const allowance = indicator.frequencyDays + indicator.graceDays;
  const plan = planToDate(indicator, target, fraction);
  const current = periodValue(indicator, values, period, timezone);

  let score: number | null = null;
  if (current) {
    score = indicatorScore(
      current.value,
      plan,
      indicator.direction,
      context.cap,
      planScale(target),
    );
  } else if (indicator.required) {
    const firstDue = dateStart(addDays(localDate(period.start, timezone), allowance), timezone);
    if (at.getTime() > firstDue.getTime()) score = 0;
  }

  return {
    weight: indicator.weight,
    score,
    fresh: current !== null && current.date >= addDays(context.today, -allowance),
    result: {
      indicator: indicator.id,
      value: current?.value ?? null,
      valueDate: current?.date ?? null,
      target: target.target,
      baseline: target.baseline ?? null,
      planToDate: plan,
      forecast: forecastEnd(indicator, target, values, period, timezone),
    },
  };
}
