import type { Redis } from 'ioredis';
import type { FailedNotificationRecord } from '@region-score/contracts';
import type { KeySpace } from '../keys';

/** The dead-letter list keeps this many entries; older ones are dropped first. */
export const MAX_FAILED_NOTIFICATIONS = 1000;

/** An alert the repeat may re-send, with the moment before which its last sending is stale. */
export interface RepeatCandidate {
  alertId: string;
  cutoffMs: number;
  /** Claim it even if it was never sent (e.g. its silence just ended). */
  whenNeverSent: boolean;
}

/**
 * What notification delivery keeps: when each alert was last sent to each channel (so repeats
 * honour their interval and two workers do not both repeat one alert), and the dead-letter list of
 * notifications that exhausted their retries.
 */
export class NotificationStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Records that these alerts were sent (or queued for sending) to the channel at `at`. */
  async markNotified(channel: string, alertIds: readonly string[], at: Date): Promise<void> {
    if (alertIds.length === 0) return;
    const ms = String(at.getTime());
    await this.redis.hset(
      this.keys.notifiedAt(channel),
      Object.fromEntries(alertIds.map((id) => [id, ms])),
    );
  }

  /** Forgets these alerts for the channel: nothing is left to repeat. */
  async forgetNotified(channel: string, alertIds: readonly string[]): Promise<void> {
    if (alertIds.length === 0) return;
    await this.redis.hdel(this.keys.notifiedAt(channel), ...alertIds);
  }

  /** When each alert was last sent to the channel (ms), by alert id. */
  async notifiedAt(channel: string): Promise<Map<string, number>> {
    const hash = await this.redis.hgetall(this.keys.notifiedAt(channel));
    return new Map(Object.entries(hash).map(([id, ms]) => [id, Number(ms)]));
  }

  /** Claims the alerts due for a repeat on the channel now, atomically (`claim-repeats.lua`). */
  async claimRepeats(
    channel: string,
    candidates: readonly RepeatCandidate[],
    at: Date,
  ): Promise<string[]> {
    if (candidates.length === 0) return [];
    const args = candidates.flatMap((c) => [
      c.alertId,
      String(c.cutoffMs),
      c.whenNeverSent ? '1' : '0',
    ]);
    return this.redis.rsClaimRepeats(1, this.keys.notifiedAt(channel), at.getTime(), ...args);
  }

  /** Puts a notification on the dead-letter list, dropping the oldest beyond the cap. */
  async addFailed(record: FailedNotificationRecord, max = MAX_FAILED_NOTIFICATIONS): Promise<void> {
    const { keys } = this;
    await this.redis
      .multi()
      .hset(keys.failedNotifications(), record.id, JSON.stringify(record))
      .zadd(keys.failedNotificationIndex(), Date.parse(record.failedAt), record.id)
      .exec();
    const excess = (await this.redis.zcard(keys.failedNotificationIndex())) - max;
    if (excess > 0) {
      const dropped = await this.redis.zpopmin(keys.failedNotificationIndex(), excess);
      const ids = dropped.filter((_, i) => i % 2 === 0);
      if (ids.length > 0) await this.redis.hdel(keys.failedNotifications(), ...ids);
    }
  }

  /** The dead-letter list, newest first. */
  async listFailed(limit = 200): Promise<FailedNotificationRecord[]> {
    const ids = await this.redis.zrevrange(this.keys.failedNotificationIndex(), 0, limit - 1);
    if (ids.length === 0) return [];
    const jsons = await this.redis.hmget(this.keys.failedNotifications(), ...ids);
    return jsons.flatMap((json) => (json ? [JSON.parse(json) as FailedNotificationRecord] : []));
  }

  /**
   * Removes an entry from the dead-letter list and returns it, or `null` when there is none.
   * Atomic, so two admins retrying the same entry at once retry it once.
   */
  async takeFailed(id: string): Promise<FailedNotificationRecord | null> {
    const { keys } = this;
    const result = await this.redis
      .multi()
      .hget(keys.failedNotifications(), id)
      .hdel(keys.failedNotifications(), id)
      .zrem(keys.failedNotificationIndex(), id)
      .exec();
    const json = result?.[0]?.[1];
    const removed = result?.[1]?.[1];
    return typeof json === 'string' && removed === 1
      ? (JSON.parse(json) as FailedNotificationRecord)
      : null;
  }
}
