import { regionIndex } from '../region-index';
import type { DistrictScore, OnTrackNeed, Region } from '@region-score/contracts';
import { addDays, currentYear, dateStart, elapsedFraction, localDate, periodOf } from '../time';
import { planToDate } from './plan';
import { planScale } from './indicator-score';
import { round } from './round';

/**
 * The value an indicator must show to score `score` against `plan`: the inverse of
 * `indicatorScore` below the cap (ratio when the plan is positive, linear distance otherwise).
 */
export function valueForScore(
  score: number,
  plan: number,
  direction: 'higher' | 'lower',
  scale: number,
): number {
  if (plan > 0) return direction === 'higher' ? (plan * score) / 100 : (plan * 100) / score;
  const distance = ((score - 100) / 100) * scale;
  return direction === 'higher' ? plan + distance : plan - distance;
}

/**
 * What each lagging indicator (not on track) of a scored district needs to be on track: the value
 * by its next report (the last report's date plus the reporting interval; today when that is
 * overdue, 31 December when it falls after the year) and by the end of the year. For `sum` indicators the values are what the period total
 * must reach, and `more` is what is still to be added to it.
 */
export function onTrackNeeds(region: Region, score: DistrictScore): OnTrackNeed[] {
  const at = new Date(score.computedAt);
  const timezone = region.timezone;
  const year = currentYear(at, timezone);
  const period = periodOf(year, timezone);
  const today = localDate(at, timezone);
  const onTrack = region.scoring.thresholds.onTrack;
  const lastDay = `${year}-12-31`;
  const needs: OnTrackNeed[] = [];
  for (const result of score.indicators) {
    if (result.status === 'on_track') continue;
    const indicator = regionIndex(region).indicators.get(result.indicator);
    const target = region.targets.find(
      (t) => t.district === score.district && t.indicator === result.indicator && t.year === year,
    );
    if (!indicator || !target) continue;
    const due = result.valueDate ? addDays(result.valueDate, indicator.frequencyDays) : today;
    // Overdue: today; due after the year ends: the year's last day, the plan's last day.
    const nextReport = due < today ? today : due > lastDay ? lastDay : due;
    const needAt = (fraction: number) =>
      round(
        valueForScore(
          onTrack,
          planToDate(indicator, target, fraction),
          indicator.direction,
          planScale(target),
        ),
        2,
      );
    const byNextReport = needAt(elapsedFraction(period, dateStart(nextReport, timezone)));
    const byYearEnd = needAt(1);
    const more = (need: number) =>
      indicator.mode === 'sum' ? round(Math.max(0, need - (result.value ?? 0)), 2) : null;
    needs.push({
      indicator: result.indicator,
      nextReport,
      byNextReport,
      byYearEnd,
      moreByNextReport: more(byNextReport),
      moreByYearEnd: more(byYearEnd),
    });
  }
  return needs;
}
