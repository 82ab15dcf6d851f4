import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StampedObservation } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import { applyDistrictObservations, type KeySpace, type TypedJob } from '@region-score/platform';
import type { Rescorer } from '../rescorer';

export interface ApplyDeps {
  redis: Redis;
  keys: KeySpace;
  catalog: RegionCatalog;
  rescorer: Rescorer;
  clock: () => Date;
}

/**
 * Applies a batch of observations: one atomic write per district, then rescoring of the
 * districts touched. Safe to retry: observation ids already applied are skipped.
 */
export async function applyObservations(
  job: TypedJob<'apply-observations'>,
  deps: ApplyDeps,
): Promise<{ applied: number }> {
  const { redis, keys, catalog, rescorer, clock } = deps;
  const groups = new Map<string, StampedObservation[]>();
  job.data.observations.forEach((o, i) => {
    const known = catalog.district(o.district);
    if (!known || known.region.id !== o.region || !catalog.indicator(o.region, o.indicator)) {
      // The config no longer knows this id: retrying can never succeed.
      throw new UnrecoverableError(
        `observations[${i}]: unknown ${o.region}/${o.district}/${o.indicator}`,
      );
    }
    const key = `${o.region}/${o.district}`;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  });
  const now = clock().getTime();
  const results = await Promise.all(
    [...groups.entries()].map(async ([key, obs]) => {
      const [region = '', district = ''] = key.split('/');
      return {
        region,
        district,
        ...(await applyDistrictObservations(redis, keys, region, district, obs, now)),
      };
    }),
  );
  const byRegion = new Map<string, string[]>();
  for (const r of results) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r.district]);
  await Promise.all(
    [...byRegion].map(([region, districts]) => rescorer.schedule(region, districts)),
  );
  return { applied: results.reduce((a, r) => a + r.applied, 0) };
}
