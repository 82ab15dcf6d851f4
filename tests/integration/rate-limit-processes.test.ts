import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../helpers/processes';

/**
 * Limits are counted in Redis, so two API nodes behind a load balancer enforce one limit: 15
 * requests to each of two API processes with one key, 20 a minute allowed, make 10 answers 429.
 */
describe('throttling holds across API processes sharing one Redis', () => {
  const nodes: ServiceProcess[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.stop();
  });

  it('per key and for failed authentications', async () => {
    const env = {
      REDIS_URL: inject('redisUrl'),
      KEY_PREFIX: `rl${randomBytes(4).toString('hex')}`,
      MODE: 'api',
      RATE_LIMIT_PER_KEY: '20',
      AUTH_FAILURES_PER_IP: '6',
    };
    // MODE=api without a worker is "not ready"; /healthz says it answers.
    for (let i = 0; i < 2; i++) nodes.push(await startServiceProcess({ env, waitReady: false }));
    for (const n of nodes) {
      for (let t = 0; t < 100; t++) {
        if ((await fetch(`${n.url}/healthz`).catch(() => null))?.ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const get = (node: ServiceProcess, token: string) =>
      fetch(`${node.url}/api/v1/regions`, { headers: { authorization: `Bearer ${token}` } });

    // 15 requests to the first node, then (after a counter flush: 200 ms) 15 to the second.
    const answers: Response[] = [];
    for (const n of nodes) {
      for (let i = 0; i < 15; i++) answers.push(await get(n, n.adminToken));
      await new Promise((r) => setTimeout(r, 400));
    }
    const limited = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
    expect(limited).toHaveLength(10);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited[0]?.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');

    const wrong: number[] = [];
    for (let i = 0; i < 6; i++) {
      for (const n of nodes) wrong.push((await get(n, `rs_nobody_${i}`)).status);
    }
    expect(wrong.filter((s) => s === 401)).toHaveLength(6);
    expect(wrong.filter((s) => s === 429)).toHaveLength(6);
  }, 120_000);
});
