import type { DistrictScore, RankingEntry } from '@region-score/contracts';

/**
 * Districts whose heat-map row is older than the live ranking: the ranking entry carries the
 * version of the district's score, and a larger one means new values were scored. `requested`
 * holds the version each district was last fetched for, so a row the server cannot bring up to
 * date is not fetched again until its version moves.
 */
export function staleDistricts(
  scores: Readonly<Record<string, DistrictScore>>,
  entries: readonly RankingEntry[],
  requested: Readonly<Record<string, number>> = {},
): string[] {
  return entries
    .filter((e) => {
      const row = scores[e.id];
      const behind = !row || e.version > row.version;
      return behind && (requested[e.id] ?? -1) < e.version;
    })
    .map((e) => e.id);
}
