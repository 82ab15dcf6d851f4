import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Ledger } from '../helpers/ledger';
import { pidsMatching, startServiceProcess, type ServiceProcess } from '../helpers/processes';
import { waitFor } from '../helpers/wait';

const NO_LIMITS = { RATE_LIMIT_PER_KEY: '0', RATE_LIMIT_PER_IP: '0' };

/** Environment of one scaled-out deployment on the test Redis: its own key prefix. */
const sharedRedis = () => ({
  REDIS_URL: inject('redisUrl'),
  KEY_PREFIX: `crash${randomBytes(4).toString('hex')}`,
  ...NO_LIMITS,
});

async function allApplied(svc: ServiceProcess, ledger: Ledger): Promise<number> {
  const started = Date.now();
  await waitFor(
    async () =>
      (await ledger.audit(svc.url, svc.adminToken)).missing.length === 0 ? true : undefined,
    { timeoutMs: 40_000, intervalMs: 200, what: 'every acknowledged value applied' },
  );
  return Date.now() - started;
}

describe('crash recovery with exact accounting', () => {
  const running: ServiceProcess[] = [];
  const start = async (...args: Parameters<typeof startServiceProcess>) => {
    const svc = await startServiceProcess(...args);
    running.push(svc);
    return svc;
  };
  afterEach(async () => {
    for (const svc of running.splice(0).reverse()) await svc.stop();
  });

  it('kill -9 of a worker mid-batch: a new worker takes its jobs over within seconds; 0 lost, 0 doubled', async () => {
    const env = sharedRedis();
    const first = await start({ env: { ...env, MODE: 'worker', WORKER_CONCURRENCY: '4' } });
    const api = await start({ env: { ...env, MODE: 'api' } });
    const ledger = new Ledger(`k9w-${Date.now()}`);
    let stop = false;
    const load = ledger.load(api.url, api.adminToken, () => stop, { clients: 4, size: 50 });
    await waitFor(() => (ledger.acknowledged.size >= 2000 ? true : undefined), {
      what: 'load under way',
    });
    first.signal('SIGKILL');
    await first.exited;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await load;
    const replacement = await start({ env: { ...env, MODE: 'worker' } });
    const took = await allApplied(api, ledger);
    expect(await ledger.audit(api.url, api.adminToken)).toEqual({ missing: [], doubled: [] });
    console.info(
      `[figures] kill -9 worker: ${ledger.acknowledged.size} acknowledged, all applied once; ` +
        `the dead worker's jobs done ${took} ms after the replacement started`,
    );
    // Jobs of the dead worker return after its lock lapses (5 s) and the next stalled check
    // (every 2.5 s; see WORKER_LOCK_OPTIONS); slack for a busy 2-core machine.
    expect(took).toBeLessThan(20_000);
    expect(replacement.output()).not.toMatch(/"level":(50|60)/);
  }, 120_000);

  it('kill -9 of the API under load: every value it acknowledged is applied exactly once', async () => {
    const env = sharedRedis();
    await start({ env: { ...env, MODE: 'worker' } });
    const api = await start({ env: { ...env, MODE: 'api' } });
    const ledger = new Ledger(`k9a-${Date.now()}`);
    let stop = false;
    const load = ledger.load(api.url, api.adminToken, () => stop, { clients: 4, size: 20 });
    await waitFor(() => (ledger.acknowledged.size >= 1000 ? true : undefined), {
      what: 'load under way',
    });
    api.signal('SIGKILL');
    await api.exited;
    stop = true;
    await load;
    const again = await start({ env: { ...env, MODE: 'api' } });
    await allApplied(again, ledger);
    expect(await ledger.audit(again.url, again.adminToken)).toEqual({ missing: [], doubled: [] });
    console.info(
      `[figures] kill -9 API: ${ledger.acknowledged.size} acknowledged, all applied once; ` +
        `statuses ${JSON.stringify(Object.fromEntries(ledger.statuses))}`,
    );
  }, 120_000);

  it('kill -9 of the embedded Redis: restarted from its AOF; meanwhile 503 + Retry-After within 1 s; 0 acknowledged lost', async () => {
    const svc = await start({ env: NO_LIMITS });
    const ledger = new Ledger(`k9r-${Date.now()}`);
    let stop = false;
    const load = ledger.load(svc.url, svc.adminToken, () => stop, { clients: 3, size: 10 });
    await waitFor(() => (ledger.acknowledged.size >= 300 ? true : undefined), {
      what: 'load under way',
    });
    const [redisPid] = pidsMatching(`${svc.dataDir}/redis.sock`);
    expect(redisPid).toBeGreaterThan(0);
    process.kill(redisPid as number, 'SIGKILL');
    const killedAt = Date.now();

    // While it is down: writes and readiness answer at once, 503 with Retry-After.
    const t0 = Date.now();
    const [ready, write] = await Promise.all([
      fetch(`${svc.url}/readyz`),
      fetch(`${svc.url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${svc.adminToken}` },
        body: JSON.stringify({ observations: ledger.batch(1) }),
      }),
    ]);
    const answeredMs = Date.now() - t0;
    expect(ready.status).toBe(503);
    expect(write.status).toBe(503);
    expect(write.headers.get('retry-after')).toBe('1');
    expect(answeredMs).toBeLessThan(1000);

    // The service restarts its own Redis; writes are accepted again within seconds.
    await waitFor(
      async () => {
        const [pid] = pidsMatching(`${svc.dataDir}/redis.sock`);
        return pid && pid !== redisPid && (await fetch(`${svc.url}/readyz`)).ok ? true : undefined;
      },
      { timeoutMs: 15_000, what: 'embedded Redis restarted' },
    );
    const recoveredMs = Date.now() - killedAt;
    await waitFor(
      async () => ((await ledger.post(svc.url, svc.adminToken, 5)) === 202 ? true : undefined),
      { timeoutMs: 10_000, what: 'writes accepted again' },
    );
    stop = true;
    await load;
    expect(recoveredMs).toBeLessThan(10_000);
    expect(svc.output()).toMatch(/embedded redis-server restarted from its AOF/);
    // Nothing but accepted or "unavailable, retry": no 409, no 500, no client timeout.
    expect([...ledger.statuses.keys()].filter((s) => ![202, 503].includes(s))).toEqual([]);
    await allApplied(svc, ledger);
    expect(await ledger.audit(svc.url, svc.adminToken)).toEqual({ missing: [], doubled: [] });
    console.info(
      `[figures] kill -9 embedded Redis: 503 + Retry-After in ${answeredMs} ms; back in ${recoveredMs} ms; ` +
        `${ledger.acknowledged.size} acknowledged, all applied once; statuses ${JSON.stringify(Object.fromEntries(ledger.statuses))}`,
    );
  }, 120_000);

  it('a worker started again and again on a backlog never crashes, and applies everything once', async () => {
    const env = sharedRedis();
    // The API alone: the backlog builds up with no worker attached.
    const api = await start({ env: { ...env, MODE: 'api' }, waitReady: false });
    await waitFor(async () => ((await fetch(`${api.url}/healthz`)).ok ? true : undefined), {
      what: 'API up',
    });
    const ledger = new Ledger(`backlog-${Date.now()}`);
    for (let i = 0; i < 60; i++) expect(await ledger.post(api.url, api.adminToken, 50)).toBe(202);
    // Twelve workers in turn, each killed after a moment of work on the backlog.
    for (let round = 0; round < 12; round++) {
      const worker = await startServiceProcess({ env: { ...env, MODE: 'worker' } });
      await new Promise((r) => setTimeout(r, 150 + (round % 4) * 150));
      expect(worker.child.exitCode, worker.output()).toBeNull();
      worker.signal('SIGKILL');
      const { signal } = await worker.exited;
      expect(signal, `worker ${round} exited by itself:\n${worker.output()}`).toBe('SIGKILL');
      expect(worker.output()).not.toMatch(/is not iterable|"level":60/);
      await worker.stop();
    }
    await start({ env: { ...env, MODE: 'worker' } });
    await allApplied(api, ledger);
    expect(await ledger.audit(api.url, api.adminToken)).toEqual({ missing: [], doubled: [] });
  }, 180_000);
});
