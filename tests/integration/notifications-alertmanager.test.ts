import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait';
import { alertOf, d, itemOf, startNotifyEnv, type NotifyEnv } from './notifications-support';

/** The real Alertmanager: Debian's `prometheus-alertmanager` package, or `alertmanager` on PATH. */
function findAlertmanager(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    for (const name of ['prometheus-alertmanager', 'alertmanager']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const BIN = findAlertmanager();
const REASON = 'skipped: no alertmanager binary (apt-get install prometheus-alertmanager)';

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  status: { state: string };
}

describe.skipIf(BIN === null)(
  `notifications to a real Alertmanager${BIN === null ? ` (${REASON})` : ''}`,
  () => {
    let dir: string;
    let am: ChildProcess;
    let amUrl: string;
    let env: NotifyEnv;
    let log = '';

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'region-score-am-'));
      const port = await freePort();
      amUrl = `http://127.0.0.1:${port}`;
      await writeFile(
        join(dir, 'alertmanager.yml'),
        ['route:', '  receiver: blackhole', 'receivers:', '  - name: blackhole', ''].join('\n'),
      );
      am = spawn(
        BIN ?? '',
        [
          `--config.file=${join(dir, 'alertmanager.yml')}`,
          `--storage.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          // No gossip: a single instance, nothing listening beyond the API port.
          '--cluster.listen-address=',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      am.stdout?.on('data', (c: Buffer) => (log += c.toString()));
      am.stderr?.on('data', (c: Buffer) => (log += c.toString()));
      await waitFor(
        async () => {
          if (am.exitCode !== null) throw new Error(`alertmanager exited: ${log}`);
          const res = await fetch(`${amUrl}/-/ready`).catch(() => null);
          return res?.ok ? true : undefined;
        },
        { what: 'alertmanager ready', timeoutMs: 20_000, intervalMs: 100 },
      );
      env = await startNotifyEnv(
        [
          '  retry: { attempts: 3, backoffMs: 50 }',
          '  channels:',
          `    - { id: am, type: alertmanager, url: "${amUrl}" }`,
          '  routes:',
          '    - { channel: am }',
          '',
        ].join('\n'),
      );
    });
    afterAll(async () => {
      await env?.close();
      if (am && am.exitCode === null) {
        const exited = new Promise((resolve) => am.once('exit', resolve));
        am.kill('SIGTERM');
        await exited;
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const activeAlerts = async (): Promise<AmAlert[]> => {
      const res = await fetch(`${amUrl}/api/v2/alerts`);
      expect(res.status).toBe(200);
      return (await res.json()) as AmAlert[];
    };

    it('the alert appears in GET /api/v2/alerts, and leaves it once resolved', async () => {
      // Alertmanager compares with its own clock, so these alerts carry real times.
      const firedAt = new Date(Date.now() - 60_000).toISOString();
      const firing = alertOf(
        { district: d(3), severity: 'critical', rule: 'behind_plan' },
        firedAt,
      );
      await env.dispatch([itemOf(firing)]);

      const found = await waitFor(async () =>
        (await activeAlerts()).find((a) => a.labels.district === d(3)),
      );
      expect(found.labels).toEqual({
        alertname: 'RegionScoreBehindPlan',
        severity: 'critical',
        region: 'north',
        district: d(3),
        indicator: 'roads',
        rule: 'behind_plan',
      });
      expect(found.annotations.summary).toBe(firing.summary);
      expect(found.annotations.description).toContain('Район 3');
      expect(Date.parse(found.startsAt)).toBe(Date.parse(firedAt));
      expect(found.status.state).toBe('active');

      const resolvedAt = new Date().toISOString();
      await env.dispatch([
        itemOf({ ...firing, state: 'resolved', resolvedAt, updatedAt: resolvedAt }),
      ]);
      await waitFor(async () =>
        (await activeAlerts()).some((a) => a.labels.district === d(3)) ? undefined : true,
      );
      const failed = await env.admin('GET', '/api/v1/notifications/failed');
      expect(failed.json()).toEqual({ failed: [] });
    });
  },
);
