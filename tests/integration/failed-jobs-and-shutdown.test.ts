import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ObservationInput } from '@region-score/contracts';
import { SMALL_REGION, startHarness, type Harness } from '../helpers/harness';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait';
import pino from 'pino';
import { startWorker } from '@region-score/worker';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('failed jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a job that can never succeed lands in the failed set, listed and retryable by an admin', async () => {
    const job = await h.queues.add('apply-observations', {
      observations: [
        {
          region: 'testland',
          district: 'nowhere',
          indicator: 'roads',
          value: 1,
          date: '2026-06-01',
          obsId: 'x.0',
          at: 1,
          by: 'test',
        },
      ],
    });
    const failed = await waitFor(async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/admin/jobs/failed?queue=ingest',
        headers: { authorization: `Bearer ${h.adminToken}` },
      });
      const jobs = res.json<{
        jobs: { id: string; failedReason: string; attemptsMade: number }[];
      }>().jobs;
      return jobs.find((j) => j.id === job.id);
    });
    // UnrecoverableError: no pointless retries.
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toContain('observations[0]: unknown testland/nowhere/roads');

    const viewer = await h.key('viewer');
    const refused = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs/failed',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(refused.statusCode).toBe(403);

    const retry = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/ingest/${job.id}/retry`,
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    expect(retry.statusCode).toBe(202);
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/jobs/ingest/999999/retry',
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('worker close', () => {
  it('does not wait out a spread-out rescore of every region', async () => {
    const h = await startHarness({ workers: 0 });
    try {
      const worker = await startWorker({
        platform: h.platform,
        config: h.config,
        catalog: h.catalog,
        logger: pino({ level: 'silent' }),
        clock: h.clock.now,
        schedules: false,
      });
      // The scheduled run paces its two regions 24 s apart (0.8 of the minute between runs).
      const job = await h.queues.add('rescore-all', { reason: 'schedule' });
      await waitFor(async () => ((await job.getState()) === 'active' ? true : undefined), {
        what: 'the scheduled rescore-all job to run',
      });
      const started = Date.now();
      await worker.close();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await h.close();
    }
  });
});

describe('SIGTERM', () => {
  it('the process stops cleanly and every accepted value is applied (now or after restart)', async () => {
    const port = await freePort();
    const prefix = `sig${Date.now()}`;
    const env = {
      ...process.env,
      // vitest sets MODE=test for Vite; the service's MODE means which roles to run.
      MODE: 'all',
      REDIS_URL: inject('redisUrl'),
      KEY_PREFIX: prefix,
      REGION_CONFIG: SMALL_REGION,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN: 'sigterm-admin-0123456789abcdef0123456789',
      SIMULATE: '0',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/start.ts'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), {
      timeoutMs: 30_000,
    });

    const batch = (n: number): ObservationInput[] =>
      Array.from({ length: 100 }, (_, i) => ({
        district: ['alpha', 'beta', 'gamma'][(n + i) % 3] as string,
        indicator: 'roads',
        // Within the quality gate's 25-point jump of a percentage: nothing is quarantined.
        value: 60 + (i % 20),
        date: `2026-0${1 + (n % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }));
    let accepted = 0;
    const posts = Array.from({ length: 30 }, async (_, n) => {
      const res = await fetch(`${url}/api/v1/observations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer sigterm-admin-0123456789abcdef0123456789',
        },
        body: JSON.stringify({ observations: batch(n) }),
      }).catch(() => null);
      if (res?.status === 202) accepted += ((await res.json()) as { accepted: number }).accepted;
    });
    // Stop while requests are in flight.
    setTimeout(() => child.kill('SIGTERM'), 30);
    await Promise.all(posts);
    expect(await exited).toBe(0);
    expect(accepted).toBeGreaterThan(0);

    // A worker started afterwards finishes whatever was accepted but not yet applied.
    const h = await startHarness({ env: { KEY_PREFIX: prefix } });
    try {
      const total = await waitFor(async () => {
        const versions = await h.platform.values.versions('testland');
        const sum = Object.values(versions).reduce((a, b) => a + b, 0);
        return sum >= accepted ? sum : undefined;
      });
      expect(total).toBe(accepted);
    } finally {
      await h.close();
    }
  });
});
