import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Alert, DomainEvent, JobPayloads } from '@region-score/contracts';
import { alertFingerprint } from '@region-score/core';
import { startHarness, type Harness } from './harness';
import { waitFor } from './wait';

/** One flat-plan indicator (`roads`, target 100) in five districts; see the file. */
export const ALERTS_REGION = fileURLToPath(
  new URL('../fixtures/alerts-region.yaml', import.meta.url),
);

/** 2026-01-20 11:00 in Asia/Almaty: early enough in the year that nothing is stale yet. */
export const ALERTS_AT = '2026-01-20T06:00:00Z';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A harness on the alerts fixture, once the startup rescoring (and its evaluation) is done. */
export async function startAlertsHarness(
  opts: Parameters<typeof startHarness>[0] = {},
): Promise<Harness> {
  const h = await startHarness({ regionConfig: ALERTS_REGION, at: ALERTS_AT, ...opts });
  await settle(h);
  return h;
}

/**
 * Waits until no ingest or maintenance job is waiting or running and every worker's rescorer is
 * idle: ranking and alert evaluation follow the scores in the rescorer's own loop, after the job
 * that wrote them has completed, so idle queues alone do not mean every evaluation was written.
 */
export async function settle(h: Harness): Promise<void> {
  const queuesIdle = () =>
    waitFor(
      async () => {
        for (const name of ['ingest', 'maintenance'] as const) {
          const counts = await h.queues
            .queue(name)
            .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
          if (Object.values(counts).some((n) => n > 0)) return undefined;
        }
        return true;
      },
      { what: 'idle queues' },
    );
  await queuesIdle();
  await Promise.all(h.workers.map((w) => w.idle()));
  await queuesIdle();
}

export async function report(
  h: Harness,
  values: [district: string, value: number, date: string][],
): Promise<void> {
  const res = await h.post(
    values.map(([district, value, date]) => ({ district, indicator: 'roads', value, date })),
  );
  expect(res.statusCode, res.body).toBe(202);
  await settle(h);
}

/** What the scheduler does every minute: rescore (and so evaluate) every district. */
export async function rescoreAll(h: Harness): Promise<void> {
  await h.queues.add('rescore-all', { reason: 'manual' });
  await settle(h);
}

/** Payloads of every `dispatch-notifications` job so far, oldest first. */
export async function notifyJobs(h: Harness): Promise<JobPayloads['dispatch-notifications'][]> {
  const jobs = await h.queues
    .queue('notify')
    .getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  return jobs
    .filter((j) => j.name === 'dispatch-notifications')
    .sort((a, b) => a.timestamp - b.timestamp || Number(a.id) - Number(b.id))
    .map((j) => j.data as JobPayloads['dispatch-notifications']);
}

/** Every `alert` event on the domain event stream, oldest first. */
export async function alertEvents(h: Harness): Promise<Alert[]> {
  const entries = await h.redis.xrange(h.keys.events(), '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[1] ?? 'null') as DomainEvent | null)
    .flatMap((e) => (e?.type === 'alert' ? [e.alert] : []));
}

/** `GET /api/v1/alerts` with a query string, expecting 200. */
export async function getAlerts(h: Harness, query = ''): Promise<Alert[]> {
  const res = await h.app.inject({ method: 'GET', url: `/api/v1/alerts${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ alerts: Alert[] }>().alerts;
}

/** The fingerprint of an alert of the fixture region. */
export const alertId = (rule: Alert['rule'], district: string, indicator: string | null) =>
  alertFingerprint(rule, 'alertland', district, indicator);
