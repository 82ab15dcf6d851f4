import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_REGION_CONFIG_PATH, loadConfig, type AppConfig } from '../src/index';

/** Runs `loadConfig` expecting a `ConfigError` and returns its issues. */
function issuesOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, { cwd: '/srv/rs' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const config = loadConfig({}, { cwd: '/srv/rs' });
    expect(config).toEqual({
      mode: 'all',
      http: {
        host: '0.0.0.0',
        port: 3000,
        openReads: true,
        adminToken: null,
        trustProxy: false,
        corsOrigins: [],
        embedOrigins: [],
        requestTimeoutMs: 60_000,
        idleTimeoutMs: 30_000,
      },
      limits: {
        perKey: 6000,
        perIp: 1200,
        authFailuresPerIp: 30,
        liveConnectionsPerIp: 200,
        liveSubscriptions: 8,
      },
      redis: {
        url: null,
        clusterNodes: null,
        clusterAuth: null,
        dataDir: '/srv/rs/data',
        keyPrefix: 'rs',
        cluster: false,
        fsync: 'always',
        waitReplicas: 0,
        waitReplicasTimeoutMs: 1000,
      },
      regionConfigPath: DEMO_REGION_CONFIG_PATH,
      simulate: 'auto',
      worker: { concurrency: 8 },
      live: { frameMs: 100, heartbeatMs: 1000 },
      logLevel: 'info',
    } satisfies AppConfig);
    expect(isAbsolute(DEMO_REGION_CONFIG_PATH)).toBe(true);
    expect(DEMO_REGION_CONFIG_PATH).toMatch(/packages\/config\/regions\/demo\.yaml$/);
  });

  it('resolves relative paths against the working directory', () => {
    expect(loadConfig({}).redis.dataDir).toBe(`${process.cwd()}/data`);
  });

  it('parses every variable', () => {
    const config = loadConfig(
      {
        MODE: 'worker',
        HOST: '127.0.0.1',
        PORT: '0',
        OPEN_READS: 'no',
        ADMIN_TOKEN: ' s3cret-token-0123456789abcdef-0123456789 ',
        TRUST_PROXY: 'YES',
        CORS_ORIGINS: 'https://a.example.kz, http://localhost:5173',
        EMBED_ORIGINS: 'https://portal.gov.kz',
        REQUEST_TIMEOUT_MS: '5000',
        IDLE_TIMEOUT_MS: '2000',
        RATE_LIMIT_PER_KEY: '0',
        RATE_LIMIT_PER_IP: '100',
        AUTH_FAILURES_PER_IP: '5',
        LIVE_CONNECTIONS_PER_IP: '10',
        LIVE_SUBSCRIPTIONS: '2',
        REDIS_FSYNC: 'everysec',
        REDIS_WAIT_REPLICAS: '1',
        REDIS_WAIT_TIMEOUT_MS: '500',
        REDIS_URL: 'rediss://user:pw@redis.local:6380/2',
        DATA_DIR: 'var/redis',
        KEY_PREFIX: 'rs-test',
        REDIS_CLUSTER: '1',
        REGION_CONFIG: '/etc/rs/regions.yaml',
        SIMULATE: 'false',
        WORKER_CONCURRENCY: '32',
        FRAME_MS: '250',
        HEARTBEAT_MS: '15000',
        LOG_LEVEL: 'Debug',
      },
      { cwd: '/srv/rs' },
    );
    expect(config).toEqual({
      mode: 'worker',
      http: {
        host: '127.0.0.1',
        port: 0,
        openReads: false,
        adminToken: 's3cret-token-0123456789abcdef-0123456789',
        trustProxy: true,
        corsOrigins: ['https://a.example.kz', 'http://localhost:5173'],
        embedOrigins: ['https://portal.gov.kz'],
        requestTimeoutMs: 5000,
        idleTimeoutMs: 2000,
      },
      limits: {
        perKey: 0,
        perIp: 100,
        authFailuresPerIp: 5,
        liveConnectionsPerIp: 10,
        liveSubscriptions: 2,
      },
      redis: {
        url: 'rediss://user:pw@redis.local:6380/2',
        clusterNodes: null,
        clusterAuth: null,
        dataDir: '/srv/rs/var/redis',
        keyPrefix: 'rs-test',
        cluster: true,
        fsync: 'everysec',
        waitReplicas: 1,
        waitReplicasTimeoutMs: 500,
      },
      regionConfigPath: '/etc/rs/regions.yaml',
      simulate: false,
      worker: { concurrency: 32 },
      live: { frameMs: 250, heartbeatMs: 15000 },
      logLevel: 'debug',
    } satisfies AppConfig);
  });

  it('reads a Redis Cluster from REDIS_URL or REDIS_CLUSTER_NODES', () => {
    const fromUrl = loadConfig({
      REDIS_URL: 'redis+cluster://ops:s%40cret@10.0.0.1:7000,10.0.0.2:7001',
    });
    expect(fromUrl.redis).toMatchObject({
      url: null,
      cluster: true,
      clusterNodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      clusterAuth: { username: 'ops', password: 's@cret' },
    });
    const listed = loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:7000, redis-2:7001' });
    expect(listed.redis.clusterNodes).toEqual([
      { host: 'redis-1', port: 7000 },
      { host: 'redis-2', port: 7001 },
    ]);
    expect(listed.redis.cluster).toBe(true);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-1' })).toThrow(
      /REDIS_CLUSTER_NODES: must be host:port/,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://nope' })).toThrow(
      /REDIS_URL: a cluster URL is/,
    );
  });

  it('refuses an admin token shorter than 32 characters, saying how to make one', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'a' })).toThrow(
      /ADMIN_TOKEN: must be at least 32 characters \(got 1\); make one with: openssl rand -hex 32/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'example.kz' })).toThrow(
      /CORS_ORIGINS: must be origins/,
    );
    expect(() => loadConfig({ REDIS_FSYNC: 'never' })).toThrow(
      /REDIS_FSYNC: must be one of always, everysec/,
    );
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['FALSE', false],
    ['auto', 'auto'],
    [undefined, 'auto'],
    ['', 'auto'],
  ])('reads SIMULATE=%s as %s', (value, expected) => {
    expect(loadConfig({ SIMULATE: value }).simulate).toBe(expected);
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ PORT: '', MODE: '  ', ADMIN_TOKEN: '' }).http).toMatchObject({
      port: 3000,
      adminToken: null,
    });
    expect(loadConfig({ MODE: '  ' }).mode).toBe('all');
  });

  it('returns a deep-frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('lists every bad variable in one error', () => {
    const issues = issuesOf({
      MODE: 'both',
      PORT: '70000',
      OPEN_READS: 'maybe',
      TRUST_PROXY: '2',
      REDIS_URL: 'http://redis:6379',
      KEY_PREFIX: '{rs}',
      SIMULATE: 'sometimes',
      WORKER_CONCURRENCY: '0',
      FRAME_MS: '1.5',
      HEARTBEAT_MS: 'soon',
      LOG_LEVEL: 'loud',
      ADMIN_TOKEN: 'two words',
    });
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual(
      [
        'ADMIN_TOKEN',
        'FRAME_MS',
        'HEARTBEAT_MS',
        'KEY_PREFIX',
        'LOG_LEVEL',
        'MODE',
        'OPEN_READS',
        'PORT',
        'REDIS_URL',
        'SIMULATE',
        'TRUST_PROXY',
        'WORKER_CONCURRENCY',
      ].sort(),
    );
    expect(issues).toContain('MODE: must be one of all, api, worker, got "both"');
    expect(issues).toContain('PORT: must be an integer from 0 to 65535, got "70000"');
  });

  it('puts every issue in the message', () => {
    expect(() => loadConfig({ PORT: 'http', LOG_LEVEL: 'loud' })).toThrow(
      /PORT: must be an integer[\s\S]*LOG_LEVEL: must be one of/,
    );
  });

  it.each(['3e3', '0x10', '-1', '65536', '80.0', 'eighty'])('rejects PORT=%s', (port) => {
    expect(issuesOf({ PORT: port })).toEqual([
      `PORT: must be an integer from 0 to 65535, got ${JSON.stringify(port)}`,
    ]);
  });

  it('never echoes a Redis URL, which may hold a password', () => {
    const [issue] = issuesOf({ REDIS_URL: 'not a url with hunter2' });
    expect(issue).toMatch(/^REDIS_URL: must be a URL/);
    expect(issue).not.toContain('hunter2');
  });

  it('needs REDIS_URL for a Redis Cluster', () => {
    expect(issuesOf({ REDIS_CLUSTER: 'true' })).toEqual([
      'REDIS_CLUSTER: needs REDIS_URL or REDIS_CLUSTER_NODES: the embedded redis-server is not a cluster',
    ]);
  });
});
