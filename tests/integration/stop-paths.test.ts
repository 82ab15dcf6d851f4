import { describe, expect, it } from 'vitest';
import { Ledger } from '../helpers/ledger';
import {
  alive,
  pidsMatching,
  startServiceProcess,
  type Launcher,
  type ServiceProcess,
} from '../helpers/processes';
import { waitFor } from '../helpers/wait';

/** Compose's stop_grace_period; a clean stop must fit well inside it. */
const GRACE_MS = 30_000;
const NO_LIMITS = { RATE_LIMIT_PER_KEY: '0', RATE_LIMIT_PER_IP: '0' };

/** Waits until the queue holds nothing and the history has every acknowledged value. */
async function settled(svc: ServiceProcess, ledger: Ledger): Promise<void> {
  await waitFor(
    async () => {
      const { missing } = await ledger.audit(svc.url, svc.adminToken);
      return missing.length === 0 ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250, what: 'every acknowledged value applied' },
  );
}

const cases: [Launcher, NodeJS.Signals, 'process' | 'group'][] = [
  ['npm', 'SIGTERM', 'process'],
  ['npm', 'SIGINT', 'process'],
  ['npm', 'SIGTERM', 'group'],
  ['npm', 'SIGINT', 'group'],
  ['node', 'SIGTERM', 'process'],
  ['node', 'SIGINT', 'process'],
  ['container', 'SIGTERM', 'process'],
];

/**
 * Every way the service is stopped — SIGTERM or SIGINT to `npm run serve`, to the process group
 * (a terminal's Ctrl-C), to node itself, to the container's PID 1 (tini, as the Dockerfile runs
 * it) — while values are being posted: the process tree is gone within the grace period,
 * including the embedded redis-server, and after a restart on the same data every value the API
 * acknowledged is stored exactly once.
 */
describe('stop paths: nothing left running, nothing lost', () => {
  it.each(cases)(
    '%s, %s to the %s',
    async (launcher, signal, target) => {
      const ledger = new Ledger(`${launcher}-${signal}-${target}-${Date.now()}`);
      const svc = await startServiceProcess({ launcher, env: NO_LIMITS });
      const redisPids = pidsMatching(`${svc.dataDir}/redis.sock`);
      expect(redisPids).toHaveLength(1);
      let stop = false;
      const load = ledger.load(svc.url, svc.adminToken, () => stop, { clients: 3, size: 10 });
      await waitFor(() => (ledger.acknowledged.size >= 200 ? true : undefined), {
        what: 'some acknowledged values',
      });
      const started = Date.now();
      svc.signal(signal, target);
      const exit = await Promise.race([
        svc.exited,
        new Promise<null>((r) => setTimeout(() => r(null), GRACE_MS)),
      ]);
      const took = Date.now() - started;
      stop = true;
      await load;
      expect(
        exit,
        `still running after ${GRACE_MS} ms:\n${svc.output().slice(-2000)}`,
      ).not.toBeNull();
      expect(took).toBeLessThan(GRACE_MS);
      console.info(
        `[figures] ${launcher}, ${signal} to the ${target}: stopped in ${took} ms with ${ledger.acknowledged.size} acknowledged`,
      );
      expect(svc.output()).not.toMatch(/shutdown failed|took too long/);
      await waitFor(() => (redisPids.every((pid) => !alive(pid)) ? true : undefined), {
        timeoutMs: 2000,
        what: 'embedded redis-server gone',
      });
      expect(pidsMatching(svc.dataDir)).toEqual([]);

      // Restart on the same data: every acknowledged value is there, once.
      const again = await startServiceProcess({ dataDir: svc.dataDir, env: NO_LIMITS });
      try {
        await settled(again, ledger);
        expect(await ledger.audit(again.url, again.adminToken)).toEqual({
          missing: [],
          doubled: [],
        });
      } finally {
        await again.stop();
        await svc.stop();
      }
    },
    120_000,
  );
});
