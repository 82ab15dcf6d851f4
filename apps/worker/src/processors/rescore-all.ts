import type { RegionCatalog } from '@region-score/core';
import type { Rescorer } from '../rescorer';

/**
 * Rescores every district: plans move with the calendar and data goes stale even when no
 * value arrives, so scores are refreshed on a schedule too.
 */
export async function rescoreAll(
  catalog: RegionCatalog,
  rescorer: Rescorer,
): Promise<{ districts: number }> {
  let districts = 0;
  await Promise.all(
    catalog.regions.map((region) => {
      districts += region.districts.length;
      return rescorer.schedule(
        region.id,
        region.districts.map((d) => d.id),
      );
    }),
  );
  return { districts };
}
