import type { HistoryEntry, IndicatorResult } from '@region-score/contracts';

/** How the plan moves from baseline to target over the period. */
export type Trajectory = 'linear' | 'flat';

/** The period an indicator is planned over: a calendar year by default. */
export interface Period {
  start: number;
  end: number;
}

/** The calendar year (UTC) containing `at`. */
export function yearPeriod(at: string | number | Date): Period {
  const year = new Date(at).getUTCFullYear();
  return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
}

/** Elapsed fraction of the period at `at`, clamped to 0..1. */
export function elapsed(period: Period, at: number): number {
  if (period.end <= period.start) return 1;
  return Math.min(1, Math.max(0, (at - period.start) / (period.end - period.start)));
}

/** A plan line: value at the start and at the end of the period. */
export interface PlanLine {
  trajectory: Trajectory;
  start: { at: number; value: number };
  end: { at: number; value: number };
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Rebuilds the plan line `P(t) = B + (T − B)·f(t)` from what the score carries. The trajectory is
 * taken from the indicator when known; otherwise a plan to date equal to the target while the
 * baseline differs means `flat`. A missing baseline is solved from the plan to date at the time
 * the score was computed; when that is not possible the line is linear from the target.
 */
export function planLine(
  result: Pick<IndicatorResult, 'target' | 'baseline' | 'planToDate'>,
  computedAt: number,
  period: Period,
  trajectory?: Trajectory,
): PlanLine {
  const { target, baseline, planToDate } = result;
  const f = elapsed(period, computedAt);
  const kind: Trajectory =
    trajectory ??
    (baseline !== null && !close(baseline, target) && close(planToDate, target) && f < 1
      ? 'flat'
      : 'linear');
  const base =
    kind === 'flat'
      ? target
      : (baseline ?? (f > 0 && f < 1 ? (planToDate - target * f) / (1 - f) : target));
  return {
    trajectory: kind,
    start: { at: period.start, value: base },
    end: { at: period.end, value: target },
  };
}

/** The plan's value at `at`. */
export function planAt(line: PlanLine, at: number): number {
  if (line.trajectory === 'flat') return line.end.value;
  const f = elapsed({ start: line.start.at, end: line.end.at }, at);
  return line.start.value + (line.end.value - line.start.value) * f;
}

/** A reported series for a chart: times (ms) and values. */
export interface Series {
  at: number[];
  value: number[];
}

/**
 * The values scoring uses, by date: current entries only (corrections replaced the earlier value).
 * For `sum` indicators the chart shows the running total, which is what the plan is for.
 */
export function reportedSeries(
  entries: readonly HistoryEntry[],
  mode: string,
  period?: Period,
): Series {
  const points = entries
    .filter((e) => e.current)
    .map((e) => ({ at: Date.parse(`${e.date}T00:00:00Z`), value: e.value }))
    .filter((p) => !period || (p.at >= period.start && p.at < period.end))
    .sort((a, b) => a.at - b.at);
  const series: Series = { at: [], value: [] };
  let total = 0;
  for (const p of points) {
    total += p.value;
    series.at.push(p.at);
    series.value.push(mode === 'sum' ? total : p.value);
  }
  return series;
}
