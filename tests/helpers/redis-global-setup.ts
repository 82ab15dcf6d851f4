import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmbeddedRedis } from '@region-score/platform';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Starts a private redis-server on a free port for the whole test run (never the developer's
 * own Redis on 6379) and removes its data afterwards. Tests isolate themselves by key prefix.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'region-score-test-redis-'));
  const port = await freePort();
  const redis = await startEmbeddedRedis({ dataDir, port, appendOnly: false, ephemeral: true });
  project.provide('redisUrl', redis.url ?? '');
  return () => redis.stop();
}
