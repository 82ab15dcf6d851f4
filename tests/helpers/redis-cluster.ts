import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from './wait';

/** One node of a test cluster. */
export interface ClusterNode {
  port: number;
  process: ChildProcess;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** `redis+cluster://127.0.0.1:p1,…` for REDIS_URL. */
  url: string;
  /** The node serving `key`'s slot as primary. */
  primaryFor(key: string): Promise<ClusterNode>;
  /** Replicas serving the slot of `key` now (0: killing its primary loses the slot). */
  replicasFor(key: string): Promise<number>;
  /** Waits until every live node reports `cluster_state:ok` and every slot has a primary. */
  healthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port whose cluster bus port (+10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port);
      return port;
    }
  }
}

/**
 * A real Redis Cluster on loopback from Debian's `redis-server` and `redis-cli --cluster create`:
 * `primaries` primaries with `replicas` replicas each, AOF with `appendfsync always`, a short node
 * timeout so a failover takes seconds.
 */
export async function startRedisCluster({
  primaries = 3,
  replicas = 1,
  nodeTimeoutMs = 1500,
} = {}): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'region-score-cluster-'));
  const taken = new Set<number>();
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < primaries * (1 + replicas); i++) {
    const port = await clusterPort(taken);
    const nodeDir = join(dir, String(port));
    await mkdir(nodeDir);
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        nodeDir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        String(nodeTimeoutMs),
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
        '--logfile',
        '',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore', detached: true },
    );
    nodes.push({ port, process: child });
  }
  for (const n of nodes) {
    await waitFor(
      async () => {
        const c = new Redis({
          port: n.port,
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        c.on('error', () => undefined);
        try {
          await c.connect();
          return (await c.ping()) === 'PONG' ? true : undefined;
        } finally {
          c.disconnect();
        }
      },
      { what: `cluster node ${n.port}` },
    );
  }
  const created = spawnSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...nodes.map((n) => `127.0.0.1:${n.port}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ],
    { encoding: 'utf8' },
  );
  if (created.status !== 0)
    throw new Error(`redis-cli --cluster create: ${created.stdout}${created.stderr}`);

  const alive = () =>
    nodes.filter((n) => n.process.exitCode === null && n.process.signalCode === null);
  const info = async (port: number, ...args: string[]) => {
    const c = new Redis({
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      return (await c.call(...(args as [string, ...string[]]))) as unknown;
    } finally {
      c.disconnect();
    }
  };
  /** CLUSTER SLOTS's entry for the slot of `key`: [from, to, primary, ...replicas]. */
  const slotRange = async (key: string) => {
    const slot = Number(await info(alive()[0]?.port ?? 0, 'CLUSTER', 'KEYSLOT', key));
    const slots = (await info(alive()[0]?.port ?? 0, 'CLUSTER', 'SLOTS')) as [
      number,
      number,
      ...[string, number][],
    ][];
    return slots.find(([from, to]) => slot >= from && slot <= to);
  };
  const cluster: TestCluster = {
    nodes,
    url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
    async primaryFor(key) {
      const range = await slotRange(key);
      const port = range?.[2]?.[1];
      const node = nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no primary for the slot of ${key}`);
      return node;
    },
    async replicasFor(key) {
      const range = await slotRange(key);
      return range ? range.length - 3 : 0;
    },
    async healthy(timeoutMs = 30_000) {
      await waitFor(
        async () => {
          for (const n of alive()) {
            const text = String(await info(n.port, 'CLUSTER', 'INFO'));
            if (!text.includes('cluster_state:ok')) return undefined;
          }
          return true;
        },
        { timeoutMs, intervalMs: 200, what: 'cluster state ok' },
      );
    },
    async stop() {
      for (const n of nodes) {
        if (n.process.exitCode === null && n.process.signalCode === null) n.process.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.healthy();
  return cluster;
}
