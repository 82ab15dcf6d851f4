/**
 * The only package that knows Redis and BullMQ: the connection factory, the key space, the Lua
 * scripts, small repository classes bound to a connection (`*Store`), the job queues, and the
 * composition of all of them (`createPlatform`).
 */
export { createPlatform, type Platform, type PlatformOptions } from './platform';
export {
  createRedis,
  describeTarget,
  isRedisUnavailable,
  type ConnectionMode,
  type RedisTarget,
} from './redis';
export {
  startEmbeddedRedis,
  RedisServerMissingError,
  DataDirInUseError,
  type EmbeddedRedis,
  type EmbeddedRedisEvent,
  type FsyncPolicy,
  type EmbeddedRedisOptions,
} from './embedded-redis';
export { KeySpace } from './keys';
export {
  JobQueues,
  createQueueWorker,
  type TypedJob,
  type QueueHandlers,
} from './queues/job-queues';
export {
  DEFAULT_JOB_OPTIONS,
  INGEST_JOB_OPTIONS,
  WORKER_LOCK_OPTIONS,
  deliveryJobOptions,
} from './queues/job-options';
export {
  ValueStore,
  SEEN_RETENTION_MS,
  valueRecordOf,
  type ApplyItem,
  type ApplyResult,
  type ApplyStatus,
  type DistrictState,
} from './stores/value-store';
export {
  UploadStore,
  countRows,
  type UploadFilter,
  type CompletedRows,
} from './stores/upload-store';
export { QuarantineStore, type ReviewOutcome } from './stores/quarantine-store';
export { AuditStore, InvalidCursorError, type AuditFilter } from './stores/audit-store';
export { ScoreStore, summarize } from './stores/score-store';
export { RankingStore } from './stores/ranking-store';
export { AlertStore, ALERT_TRANSITIONS_KEPT, type AlertFilter } from './stores/alert-store';
export {
  AlertLocks,
  AlertLockTimeoutError,
  AlertLockLostError,
  type AlertLock,
} from './stores/alert-locks';
export { SilenceStore } from './stores/silence-store';
export {
  NotificationStore,
  MAX_FAILED_NOTIFICATIONS,
  type RepeatCandidate,
} from './stores/notification-store';
export { ApiKeyStore, hashToken, type NewApiKey } from './stores/api-key-store';
export {
  IdempotencyStore,
  IDEMPOTENCY_TTL_S,
  type IdempotencyClaim,
} from './stores/idempotency-store';
export { EventStream } from './stores/event-stream';
export { ThrottleStore } from './stores/throttle-store';
export { SharedCounters } from './stores/shared-counters';
export { Replication } from './replication';
export { TimelineStore } from './stores/timeline-store';
export { ConfigHistoryStore } from './stores/config-history-store';
