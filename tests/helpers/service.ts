import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import pino from 'pino';
import { loadConfig } from '@region-score/config';
import type { ObservationInput, RegionConfig } from '@region-score/contracts';
import type { Platform } from '@region-score/platform';
import { startService as startRuntime } from '@region-score/cli';

export interface TestService {
  url: string;
  adminToken: string;
  /** The running service's platform (its stores) and region config, for tests that set state. */
  platform: Platform;
  regionConfig: RegionConfig;
  postObservations(observations: ObservationInput[]): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The whole service as `npm start` composes it (API, worker, live gateway, built dashboard),
 * against the private test Redis with its own key prefix, on a free port.
 */
export async function startService(
  opts: { simulate?: boolean; env?: Record<string, string> } = {},
): Promise<TestService> {
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'region-score-e2e-'));
  const prefix = `e${randomBytes(5).toString('hex')}`;
  const config = loadConfig({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: prefix,
    ADMIN_TOKEN: adminToken,
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SIMULATE: opts.simulate ? '1' : '0',
    ...opts.env,
  });
  const service = await startRuntime(config, { logger: pino({ level: 'warn' }) });
  const url = service.url ?? '';
  return {
    url,
    adminToken,
    platform: service.platform,
    regionConfig: service.regionConfig,
    postObservations(observations) {
      return fetch(`${url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ observations }),
      });
    },
    async stop() {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
