import type { Region } from '@region-score/contracts';
import type { Platform } from '@region-score/platform';

/**
 * Districts of `regions` whose stored score does not yet include every value applied to them
 * (0: the scores caught up). Ingest jobs complete once values are stored; scores follow in the
 * worker's next flush, so a test or benchmark that reads scores waits for this to reach 0.
 */
export async function districtsBehind(
  platform: Pick<Platform, 'values' | 'scores'>,
  regions: readonly Pick<Region, 'id'>[],
): Promise<number> {
  let behind = 0;
  for (const region of regions) {
    const [versions, summaries] = await Promise.all([
      platform.values.versions(region.id),
      platform.scores.summaries(region.id),
    ]);
    for (const [district, version] of Object.entries(versions)) {
      if ((summaries.get(district)?.version ?? -1) < version) behind++;
    }
  }
  return behind;
}
