import type { DistrictScore } from '@region-score/contracts';

/**
 * Why a district scores what it does: each counted indicator's impact (points above or below what
 * it would add at 100% of plan), most negative first, so what pulled the score down leads.
 * Indicators with equal impact keep the region's indicator order.
 */
export function explainScore(score: DistrictScore): { indicator: string; impact: number }[] {
  return score.indicators
    .filter((result) => result.counted)
    .map((result) => ({ indicator: result.indicator, impact: result.impact }))
    .sort((a, b) => a.impact - b.impact);
}
