import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@region-score/config';
import { startEmbeddedRedis, type EmbeddedRedis, type EmbeddedRedisEvent } from './embedded-redis';
import { KeySpace } from './keys';
import { JobQueues } from './queues/job-queues';
import { createRedis, describeTarget, type ConnectionMode, type RedisTarget } from './redis';
import { AlertLocks } from './stores/alert-locks';
import { AlertStore } from './stores/alert-store';
import { ApiKeyStore } from './stores/api-key-store';
import { EventStream } from './stores/event-stream';
import { IdempotencyStore } from './stores/idempotency-store';
import { NotificationStore } from './stores/notification-store';
import { RankingStore } from './stores/ranking-store';
import { ScoreStore } from './stores/score-store';
import { SilenceStore } from './stores/silence-store';
import { ThrottleStore } from './stores/throttle-store';
import { SharedCounters } from './stores/shared-counters';
import { Replication } from './replication';
import { ValueStore } from './stores/value-store';
import { AuditStore } from './stores/audit-store';
import { ConfigHistoryStore } from './stores/config-history-store';
import { QuarantineStore } from './stores/quarantine-store';
import { UploadStore } from './stores/upload-store';

/**
 * Everything that talks to Redis, composed once: the connection, the key space, the stores bound
 * to them, and the job queues. Every entry point (`npm start`, the worker, the keys CLI, the
 * benchmark, the test harness) builds its platform with `createPlatform` and closes it last.
 */
export interface Platform {
  /** Where Redis is (for logs and for processes started beside this one). */
  readonly target: RedisTarget;
  /** The shared connection (auto-pipelined). */
  readonly redis: Redis;
  readonly keys: KeySpace;
  /** BullMQ prefix of every queue (hash-tagged on a cluster). */
  readonly queuePrefix: string;
  readonly queues: JobQueues;
  readonly values: ValueStore;
  readonly scores: ScoreStore;
  readonly rankings: RankingStore;
  readonly alerts: AlertStore;
  readonly alertLocks: AlertLocks;
  readonly silences: SilenceStore;
  readonly notifications: NotificationStore;
  readonly apiKeys: ApiKeyStore;
  readonly idempotency: IdempotencyStore;
  readonly events: EventStream;
  readonly throttle: ThrottleStore;
  /** Request counters shared by API nodes, batched into Redis (rate limits). */
  readonly counters: SharedCounters;
  /** Report uploads kept as records. */
  readonly uploads: UploadStore;
  /** Values the quality gate held for review. */
  readonly quarantine: QuarantineStore;
  /** The append-only audit trail. */
  readonly audit: AuditStore;
  /** Each region's scoring config as it changed (time travel scores a day with its own). */
  readonly configHistory: ConfigHistoryStore;
  /** Confirms writes reached the configured replicas before they are acknowledged. */
  readonly replication: Replication;
  /** The embedded `redis-server` this platform started and owns, if any. */
  readonly embedded: EmbeddedRedis | null;
  /** How this platform's connection waits for an unreachable Redis (see `ConnectionMode`). */
  readonly mode: ConnectionMode;
  /**
   * The same stores and queues on a `fail-fast` connection, for the HTTP request path: while
   * Redis is unreachable its commands fail at once (answered 503) instead of waiting. Closed with
   * this platform.
   */
  readonly failFast: Platform;
  /** A new dedicated connection with the scripts registered (blocking reads). */
  connect(): Redis;
  /** Closes the queues and connections, then stops an owned embedded Redis (AOF flushed). */
  close(): Promise<void>;
}

export interface PlatformOptions {
  /**
   * With no `REDIS_URL`, use the embedded Redis of an `npm start` already running on the same data
   * directory instead of starting one (the keys CLI). Default: start one.
   */
  attachToRunning?: boolean;
  /** Told where Redis is once connected. */
  onTarget?: (description: string, embedded: boolean) => void;
  /** Told when the embedded Redis exits unexpectedly and is restarted. */
  onEmbeddedEvent?: (event: EmbeddedRedisEvent) => void;
}

/** Builds the platform for the Redis part of the configuration; see `Platform`. */
export async function createPlatform(
  config: AppConfig['redis'],
  options: PlatformOptions = {},
): Promise<Platform> {
  let embedded: EmbeddedRedis | null = null;
  let target: RedisTarget;
  const socket = join(config.dataDir, 'redis.sock');
  if (config.clusterNodes) target = { cluster: config.clusterNodes, auth: config.clusterAuth };
  else if (config.url) target = { url: config.url };
  else if (options.attachToRunning && existsSync(socket)) target = { path: socket };
  else {
    embedded = await startEmbeddedRedis({
      dataDir: config.dataDir,
      fsync: config.fsync,
      ...(options.onEmbeddedEvent ? { onEvent: options.onEmbeddedEvent } : {}),
    });
    target = { path: embedded.path ?? socket };
  }
  options.onTarget?.(describeTarget(target), embedded !== null);
  const failFast = bindPlatform(target, config, null, 'fail-fast', null);
  const platform = bindPlatform(target, config, embedded, 'patient', failFast);
  try {
    // A fail-fast connection refuses commands until it is connected: start once both are.
    await Promise.all([connected(platform.redis), connected(failFast.redis)]);
  } catch (err) {
    await platform.close();
    throw err;
  }
  return platform;
}

/** Resolves once the connection is ready; fails after `timeoutMs`. */
async function connected(redis: Redis, timeoutMs = 30_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

function bindPlatform(
  target: RedisTarget,
  config: AppConfig['redis'],
  embedded: EmbeddedRedis | null,
  mode: ConnectionMode,
  failFast: Platform | null,
): Platform {
  const redis = createRedis(target, {}, mode);
  const keys = new KeySpace(config.keyPrefix);
  const queuePrefix = keys.queuePrefix(config.cluster);
  const queues = new JobQueues(redis, queuePrefix);
  const scores = new ScoreStore(redis, keys);
  const alertLocks = new AlertLocks(redis, keys);
  const connections: Redis[] = [redis];
  const counters = new SharedCounters(redis, keys);
  const platform: Platform = {
    target,
    redis,
    keys,
    queuePrefix,
    queues,
    values: new ValueStore(redis, keys),
    scores,
    rankings: new RankingStore(redis, keys, scores),
    alerts: new AlertStore(redis, keys, alertLocks),
    alertLocks,
    silences: new SilenceStore(redis, keys),
    notifications: new NotificationStore(redis, keys),
    apiKeys: new ApiKeyStore(redis, keys),
    idempotency: new IdempotencyStore(redis, keys),
    events: new EventStream(redis, keys),
    throttle: new ThrottleStore(redis, keys),
    counters,
    uploads: new UploadStore(redis, keys),
    quarantine: new QuarantineStore(redis, keys),
    audit: new AuditStore(redis, keys),
    configHistory: new ConfigHistoryStore(redis, keys),
    replication: new Replication(redis, config.waitReplicas, config.waitReplicasTimeoutMs),
    embedded,
    mode,
    get failFast(): Platform {
      return failFast ?? platform;
    },
    connect() {
      const connection = createRedis(target);
      connections.push(connection);
      return connection;
    },
    async close() {
      counters.close();
      await failFast?.close();
      await queues.close();
      for (const c of connections) c.disconnect();
      await embedded?.stop();
    },
  };
  return platform;
}
