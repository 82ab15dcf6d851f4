import type { HistoryEntry, IndicatorResult } from '@region-score/contracts';

/**
 * Indicators in the order the district page shows them: what pulls the score down most first
 * (most negative impact), then the rest by impact, uncounted ones (no data yet) last.
 */
export function byImpact(results: readonly IndicatorResult[]): IndicatorResult[] {
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => {
      if (a.result.counted !== b.result.counted) return a.result.counted ? -1 : 1;
      return a.result.impact - b.result.impact || a.index - b.index;
    })
    .map((x) => x.result);
}

/** The report behind an indicator's current value: when and by whom, or null if none. */
export function lastReport(
  entries: readonly HistoryEntry[] | undefined,
  valueDate: string | null,
): { reportedAt: string; reportedBy: string } | null {
  if (!entries || !valueDate) return null;
  const current = entries.filter((e) => e.date === valueDate && e.current).at(-1);
  return current ? { reportedAt: current.reportedAt, reportedBy: current.reportedBy } : null;
}
