import { UnrecoverableError } from 'bullmq';
import type { StampedObservation } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import type { KeySpace, Replication, TypedJob, ValueStore } from '@region-score/platform';
import type { Rescorer } from '../rescorer';

export interface ApplyContext {
  values: ValueStore;
  /** Confirms the writes reached the replicas before the job is completed. */
  replication: Replication;
  keys: KeySpace;
  catalog: RegionCatalog;
  rescorer: Rescorer;
  clock: () => Date;
}

/**
 * `apply-observations`: one atomic write per district, then rescoring of the districts touched.
 * Safe to retry: observation ids already applied are skipped.
 */
export async function applyObservations(
  job: TypedJob<'apply-observations'>,
  ctx: ApplyContext,
): Promise<{ applied: number }> {
  const { values, catalog, rescorer, clock } = ctx;
  const groups = new Map<string, { region: string; district: string; obs: StampedObservation[] }>();
  job.data.observations.forEach((o, i) => {
    const known = catalog.district(o.district);
    if (!known || known.region.id !== o.region || !catalog.indicator(o.region, o.indicator)) {
      // The config no longer knows this id: retrying can never succeed.
      throw new UnrecoverableError(
        `observations[${i}]: unknown ${o.region}/${o.district}/${o.indicator}`,
      );
    }
    const key = `${o.region}/${o.district}`;
    const group = groups.get(key);
    if (group) group.obs.push(o);
    else groups.set(key, { region: o.region, district: o.district, obs: [o] });
  });
  const now = clock().getTime();
  const results = await Promise.all(
    [...groups.values()].map(async (g) => ({
      ...g,
      ...(await values.apply(g.region, g.district, g.obs, now)),
    })),
  );
  const byRegion = new Map<string, string[]>();
  for (const r of results) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r.district]);
  // The job completes only once its values are on the replicas (REDIS_WAIT_REPLICAS): a
  // failover never keeps the job's completion but loses its values.
  await Promise.all(
    [...byRegion.keys()].map((region) => ctx.replication.confirm(ctx.keys.versions(region))),
  );
  await Promise.all(
    [...byRegion].map(([region, districts]) => rescorer.schedule(region, districts)),
  );
  return { applied: results.reduce((a, r) => a + r.applied, 0) };
}
