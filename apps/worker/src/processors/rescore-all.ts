import { setTimeout as delay } from 'node:timers/promises';
import type { RegionCatalog } from '@region-score/core';
import type { Rescorer } from '../rescorer';

/**
 * Rescores every district: plans move with the calendar and data goes stale even when no value
 * arrives, so scores are refreshed on a schedule too. With `spreadMs`, the regions are taken one
 * after another across that time instead of all at once, so a national deployment's periodic
 * rescore is a steady trickle, not a spike every minute; at start-up it runs at once. When
 * `signal` aborts (the worker is stopping) the regions not yet reached are left to the next run,
 * so a shutdown never waits out the spread.
 */
export async function rescoreAll(
  catalog: RegionCatalog,
  rescorer: Rescorer,
  { spreadMs = 0, signal }: { spreadMs?: number; signal?: AbortSignal } = {},
): Promise<{ districts: number }> {
  let districts = 0;
  const pause = catalog.regions.length > 1 ? spreadMs / catalog.regions.length : 0;
  const done: Promise<void>[] = [];
  for (const [i, region] of catalog.regions.entries()) {
    // An abort ends the pause at once (the rejection is the signal, not an error).
    if (i > 0 && pause > 0) await delay(pause, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) break;
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
