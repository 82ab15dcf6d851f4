import type { Alert } from './alerts';
import type { RankingEntry } from './scores';
import type { LocalizedName } from './region-config';
import { Type, type Static } from '@sinclair/typebox';

/**
 * Domain events the worker appends to the Redis Stream; every API node tails it.
 * Score events carry the stored summary; the live gateway ranks and frames them.
 */
export type DomainEvent =
  | {
      type: 'scores';
      region: string;
      scores: ScoreSummary[];
    }
  | { type: 'alert'; alert: Alert };

export interface ScoreSummary {
  district: string;
  score: number;
  status: RankingEntry['status'];
  coverage: number;
  version: number;
  computedAt: string;
}

/** Which view a client watches: one region, or the national ranking of regions. */
export const Subscription = Type.Union([
  Type.Object(
    { region: Type.String({ minLength: 1 }), lastSeq: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  Type.Object(
    { national: Type.Literal(true), lastSeq: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
]);
export type Subscription = Static<typeof Subscription>;

export type Channel = `region:${string}` | 'national';

export interface Snapshot {
  channel: Channel;
  seq: number;
  at: string;
  name: LocalizedName;
  score: number;
  status: RankingEntry['status'];
  entries: RankingEntry[];
  alerts: Alert[];
}

/**
 * A changed row in a frame: the entry without what the screen already holds (its name and its
 * sparkline), plus the newest sparkline point (null while the row has none). Apply it with core's
 * `mergeFrameEntry`. Keeps frames small: 1,000 screens × 10 frames/s must not mean megabytes of
 * repeated history.
 */
export type FrameEntry = Omit<RankingEntry, 'history' | 'name'> & { point: number | null };

export interface ScoresFrame {
  channel: Channel;
  /** Grows by one per frame on a channel; a gap means frames were missed. */
  seq: number;
  at: string;
  score: number;
  status: RankingEntry['status'];
  /** Only the entries whose data version, score, rank or status changed. */
  changes: FrameEntry[];
}

export interface Heartbeat {
  at: string;
  /**
   * False while the server cannot reach its data store: what the screen shows may be stale, so
   * it must say it is not live (e.g. "reconnecting") until this is true again.
   */
  live: boolean;
  /** Dashboard build id: when it changes, open screens reload. */
  build: string;
}

export type SubscribeAck = { ok: true } | { ok: false; error: string };

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  scores: (frame: ScoresFrame) => void;
  alert: (alert: Alert) => void;
  heartbeat: (beat: Heartbeat) => void;
  /** The connection's key was revoked or expired; the server disconnects right after. */
  revoked: (info: { reason: string }) => void;
}

export interface ClientToServerEvents {
  subscribe: (subscription: Subscription, ack: (res: SubscribeAck) => void) => void;
  unsubscribe: (subscription: Subscription) => void;
}
