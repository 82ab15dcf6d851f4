import { UnrecoverableError } from 'bullmq';
import type {
  Actor,
  Indicator,
  QuarantineItem,
  QuarantineReason,
  StampedObservation,
  UploadRowResult,
} from '@region-score/contracts';
import { plausibilityOf, screenValues, type RegionCatalog } from '@region-score/core';
import type {
  ApplyItem,
  ApplyStatus,
  CompletedRows,
  KeySpace,
  Replication,
  TypedJob,
  UploadStore,
  ValueStore,
} from '@region-score/platform';
import type { DistrictValues } from '../district-values';
import { mapLimited } from '../map-limited';
import type { Rescorer } from '../rescorer';

export interface ApplyContext {
  values: ValueStore;
  /** Confirms the writes reached the replicas before the job is completed. */
  replication: Replication;
  keys: KeySpace;
  uploads: UploadStore;
  catalog: RegionCatalog;
  rescorer: Rescorer;
  /** Recently read district values (the quality gate's references). */
  districtValues: DistrictValues;
  clock: () => Date;
}

/** Districts of one job written at once (see `mapLimited`). */
const GROUPS_IN_FLIGHT = 64;

/** Times a district may change under the quality gate before the job is retried instead. */
const MAX_CONFLICTS = 8;

interface Group {
  region: string;
  district: string;
  obs: StampedObservation[];
}

/**
 * `apply-observations`: per district, the quality gate (core's `screenValues`) judges each value
 * against the district's current ones; one atomic write then applies the plausible values and puts
 * the others in quarantine, each with its audit event; then the districts are queued for rescoring
 * (the job completes without waiting for the scores). For a
 * report upload, what became of each value is recorded on the upload. Safe to retry: observation
 * ids already applied (or quarantined) are skipped.
 */
export async function applyObservations(
  job: TypedJob<'apply-observations'>,
  ctx: ApplyContext,
): Promise<{ applied: number; quarantined: number }> {
  const { catalog, rescorer, clock } = ctx;
  const { upload, labels = {} } = job.data;
  const groups = new Map<string, Group>();
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
  const actor = (id: string): Actor => ({ id, label: labels[id] ?? '' });
  const results = await mapLimited([...groups.values()], GROUPS_IN_FLIGHT, async (g) => ({
    group: g,
    statuses: await ctx.districtValues.exclusive(g.region, g.district, () =>
      applyGroup(g, ctx, now, actor, upload),
    ),
  }));

  const byRegion = new Map<string, string[]>();
  for (const { group } of results) {
    byRegion.set(group.region, [...(byRegion.get(group.region) ?? []), group.district]);
  }
  // The job completes only once its values are on the replicas (REDIS_WAIT_REPLICAS): a
  // failover never keeps the job's completion but loses its values.
  await Promise.all(
    [...byRegion.keys()].map((region) => ctx.replication.confirm(ctx.keys.versions(region))),
  );
  // Scores follow in the rescorer's next flush; the job does not wait for them (see `request`).
  for (const [region, districts] of byRegion) rescorer.request(region, districts);
  if (upload) await ctx.uploads.complete(upload.id, uploadRows(results), clock(), job.id);
  let applied = 0;
  let quarantined = 0;
  for (const { statuses } of results) {
    for (const s of statuses) {
      if (s.status === 'applied' || s.status === 'corrected' || s.status === 'history') applied++;
      if (s.status === 'quarantined') quarantined++;
    }
  }
  return { applied, quarantined };
}

interface Outcome {
  obs: StampedObservation;
  status: ApplyStatus;
  reason: QuarantineReason | null;
}

/** Screens and writes one district's observations, retrying when the district changes meanwhile. */
async function applyGroup(
  g: Group,
  ctx: ApplyContext,
  now: number,
  actor: (id: string) => Actor,
  upload: { id: string; file: string } | undefined,
): Promise<Outcome[]> {
  const { catalog, values, districtValues } = ctx;
  const indicators = new Map<string, Indicator>();
  for (const o of g.obs) {
    const indicator = catalog.indicator(g.region, o.indicator);
    if (indicator) indicators.set(indicator.id, indicator);
  }
  const target = (indicator: string, year: number) =>
    catalog.target(g.region, g.district, indicator, year);
  // Only level indicators with a jump limit are judged against earlier values.
  const needState = [...indicators.values()]
    .filter((i) => {
      if (i.mode !== 'level') return false;
      const s = plausibilityOf(i, undefined);
      return s.enabled && (s.maxJump !== null || s.maxJumpPct !== null);
    })
    .map((i) => i.id);

  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    // Read once per district and then kept current by this process's writes (DistrictValues); the
    // write below is conditional on the version judged, so the kept values stay exact for scoring.
    const state = await districtValues.get(g.region, g.district, needState);
    const verdicts = screenValues(g.obs, { indicators, target, current: state.current });
    const items: ApplyItem[] = g.obs.map((o, i) => {
      const by = actor(o.by);
      const source = sourceOf(o, upload);
      const reason = verdicts[i] ?? null;
      const held: QuarantineItem | null = reason && {
        id: o.obsId,
        region: o.region,
        district: o.district,
        indicator: o.indicator,
        date: o.date,
        value: o.value,
        reason,
        reportedAt: new Date(o.at).toISOString(),
        reportedBy: by,
        source,
        state: 'held',
        review: null,
      };
      return {
        observation: o,
        held,
        audit: {
          at: new Date(o.at).toISOString(),
          actor: by,
          region: o.region,
          district: o.district,
          indicator: o.indicator,
          date: o.date,
          value: o.value,
          target: o.obsId,
          ...(Object.keys(source).length > 0 ? { source } : {}),
          ...(reason ? { detail: reason.message } : {}),
        },
      };
    });
    const result = await values.apply(g.region, g.district, items, now, {
      expectedVersion: state.version,
      skipUnchanged: upload !== undefined,
    });
    if (result.conflict) {
      districtValues.forget(g.region, g.district);
      continue;
    }
    const outcomes = g.obs.map((obs, i) => ({
      obs,
      status: result.statuses[i] ?? 'duplicate',
      reason: verdicts[i] ?? null,
    }));
    districtValues.written(
      g.region,
      g.district,
      result.version,
      outcomes
        .filter((o) => o.status === 'applied' || o.status === 'corrected')
        .map((o) => ({ indicator: o.obs.indicator, date: o.obs.date, value: o.obs.value })),
    );
    return outcomes;
  }
  // Other writers keep changing the district: let BullMQ retry the job a little later.
  throw new Error(`district ${g.region}/${g.district} changed under the quality gate; retrying`);
}

function sourceOf(
  o: StampedObservation,
  upload: { id: string; file: string } | undefined,
): QuarantineItem['source'] {
  if (!upload) return {};
  return {
    upload: upload.id,
    file: upload.file,
    ...(o.src ? { sheet: o.src.sheet, row: o.src.row } : {}),
    ...(o.src?.column ? { column: o.src.column } : {}),
  };
}

const ROW_STATUS: Record<ApplyStatus, UploadRowResult['status']> = {
  applied: 'applied',
  corrected: 'corrected',
  history: 'corrected',
  unchanged: 'unchanged',
  duplicate: 'duplicate',
  quarantined: 'quarantined',
  'duplicate-quarantined': 'quarantined',
};

/** What became of each value of an upload, by its index in the upload's results. */
function uploadRows(results: readonly { statuses: Outcome[] }[]): CompletedRows {
  const rows = new Map<number, Pick<UploadRowResult, 'status' | 'message'>>();
  for (const { statuses } of results) {
    for (const { obs, status, reason } of statuses) {
      const index = obs.src?.result;
      if (index === undefined) continue;
      const message =
        status === 'history'
          ? 'kept in the history: a value reported later for that date stays current'
          : status === 'quarantined' || status === 'duplicate-quarantined'
            ? `held for review: ${reason?.message ?? 'implausible'}`
            : undefined;
      rows.set(index, { status: ROW_STATUS[status], ...(message ? { message } : {}) });
    }
  }
  return rows;
}
