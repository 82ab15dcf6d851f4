import { UnrecoverableError } from 'bullmq';
import type {
  KeySpace,
  QuarantineStore,
  Replication,
  ReviewOutcome,
  TypedJob,
} from '@region-score/platform';
import type { DistrictValues } from '../district-values';
import type { Rescorer } from '../rescorer';

export interface ReviewContext {
  quarantine: QuarantineStore;
  replication: Replication;
  keys: KeySpace;
  rescorer: Rescorer;
  districtValues: DistrictValues;
}

/**
 * `review-quarantine`: an analyst released (the value is applied as reported and counted from
 * now on) or discarded (kept in the history as discarded) a quarantined value. One atomic write
 * with its audit event, then the district is rescored, which also re-evaluates its
 * `quarantined_value` alert. A second decision on the same value changes nothing.
 */
export async function reviewQuarantine(
  job: TypedJob<'review-quarantine'>,
  ctx: ReviewContext,
): Promise<{ status: ReviewOutcome['status'] }> {
  const { region, id, action, by, comment, at } = job.data;
  const item = await ctx.quarantine.get(region, id);
  if (!item) throw new UnrecoverableError(`no quarantined value "${id}" in region "${region}"`);
  const outcome = await ctx.quarantine.review(item, { action, by, comment, at: new Date(at) });
  if (outcome.status === 'done') {
    await ctx.replication.confirm(ctx.keys.versions(region));
    ctx.districtValues.forget(region, item.district);
    await ctx.rescorer.schedule(region, [item.district]);
  }
  return { status: outcome.status };
}
