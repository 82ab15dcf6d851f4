import type { RegionCatalog } from '@region-score/core';
import type { Rescorer } from '../rescorer';

/**
 * Rescores every district: plans move with the calendar and data goes stale even when no value
 * arrives, so scores are refreshed on a schedule too. With `spreadMs`, the regions are taken one
 * after another across that time instead of all at once, so a national deployment's periodic
 * rescore is a steady trickle, not a spike every minute; at start-up it runs at once.
 */
export async function rescoreAll(
  catalog: RegionCatalog,
  rescorer: Rescorer,
  { spreadMs = 0 }: { spreadMs?: number } = {},
): Promise<{ districts: number }> {
  let districts = 0;
  const pause = catalog.regions.length > 1 ? spreadMs / catalog.regions.length : 0;
  const done: Promise<void>[] = [];
  for (const [i, region] of catalog.regions.entries()) {
    if (i > 0 && pause > 0) await new Promise((r) => setTimeout(r, pause));
    districts += region.districts.length;
    done.push(
      rescorer.schedule(
        region.id,
        region.districts.map((d) => d.id),
      ),
    );
  }
  await Promise.all(done);
  return { districts };
}
