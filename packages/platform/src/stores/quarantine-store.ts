import type { Redis } from 'ioredis';
import type { Actor, AuditEntry, QuarantineItem, QuarantineState } from '@region-score/contracts';
import type { QuarantineSummary } from '@region-score/core';
import type { KeySpace } from '../keys';
import { encodeValueRecord } from './records';

/*
 * Values the quality gate held, per region (all under the region's hash tag):
 *
 * - `{r:<region>}:q`        hash obsId → QuarantineItem JSON (held, released or discarded; kept)
 * - `{r:<region>}:q:idx`    sorted set obsId → reported-at ms, every item (listing)
 * - `{r:<region>}:q:held`   sorted set obsId → reported-at ms, the items awaiting review
 *
 * Items are written by `ValueStore#apply` (in the same script as the values) and decided by
 * `review` (`review-quarantine.lua`), both run by the worker.
 */

/** The outcome of a decision. */
export type ReviewOutcome =
  | { status: 'done'; version: number; item: QuarantineItem }
  | { status: 'already'; state: QuarantineState }
  | { status: 'not_found' };

export class QuarantineStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** One item of a region. */
  async get(region: string, id: string): Promise<QuarantineItem | null> {
    const json = await this.redis.hget(this.keys.quarantine(region), id);
    return json ? (JSON.parse(json) as QuarantineItem) : null;
  }

  /** One item, looked for in each of the regions. */
  async find(regions: readonly string[], id: string): Promise<QuarantineItem | null> {
    const found = await Promise.all(regions.map((r) => this.get(r, id)));
    return found.find((q) => q !== null) ?? null;
  }

  /**
   * Items of a region, newest first: those awaiting review (`held`, the default) or, with
   * another state, the most recent items in that state.
   */
  async list(
    region: string,
    filter: { district?: string; state?: QuarantineState; limit?: number } = {},
  ): Promise<QuarantineItem[]> {
    const state = filter.state ?? 'held';
    const limit = filter.limit ?? 200;
    const index =
      state === 'held' ? this.keys.quarantineHeld(region) : this.keys.quarantineIndex(region);
    const out: QuarantineItem[] = [];
    // Read in pages so a district filter over a long history still fills the limit.
    const page = 500;
    for (let start = 0; out.length < limit; start += page) {
      const ids = await this.redis.zrevrange(index, start, start + page - 1);
      if (ids.length === 0) break;
      const rows = await this.redis.hmget(this.keys.quarantine(region), ...ids);
      for (const json of rows) {
        if (!json) continue;
        const item = JSON.parse(json) as QuarantineItem;
        if (item.state !== state) continue;
        if (filter.district !== undefined && item.district !== filter.district) continue;
        out.push(item);
        if (out.length >= limit) break;
      }
      if (ids.length < page) break;
    }
    return out;
  }

  /** What awaits review in a region, per district and indicator (for the `quarantined_value` rule). */
  async heldSummary(region: string): Promise<Map<string, QuarantineSummary[]>> {
    const items = await this.list(region, { state: 'held', limit: 10_000 });
    const byDistrict = new Map<string, Map<string, QuarantineSummary>>();
    // Newest first: the first item seen of an indicator is its latest.
    for (const q of items) {
      let perIndicator = byDistrict.get(q.district);
      if (!perIndicator) byDistrict.set(q.district, (perIndicator = new Map()));
      const s = perIndicator.get(q.indicator);
      if (s) s.count += 1;
      else {
        perIndicator.set(q.indicator, {
          indicator: q.indicator,
          count: 1,
          latest: { value: q.value, date: q.date, reason: q.reason.message },
        });
      }
    }
    return new Map([...byDistrict].map(([d, m]) => [d, [...m.values()]]));
  }

  /**
   * Releases (applies as reported: it becomes the current value of its date unless a value
   * accepted later already is) or discards a held value, with its audit event, atomically.
   */
  async review(
    item: QuarantineItem,
    decision: { action: 'release' | 'discard'; by: Actor; comment: string; at: Date },
  ): Promise<ReviewOutcome> {
    const { keys } = this;
    const decided: QuarantineItem = {
      ...item,
      state: decision.action === 'release' ? 'released' : 'discarded',
      review: { by: decision.by, at: decision.at.toISOString(), comment: decision.comment },
    };
    const reportedAt = Date.parse(item.reportedAt);
    const record = encodeValueRecord({
      date: item.date,
      value: item.value,
      at: reportedAt,
      by: item.reportedBy.id,
      obsId: item.id,
    });
    const audit: AuditEntry = {
      at: decision.at.toISOString(),
      type: decision.action,
      actor: decision.by,
      region: item.region,
      district: item.district,
      indicator: item.indicator,
      date: item.date,
      value: item.value,
      target: item.id,
      source: item.source,
      comment: decision.comment,
    };
    const { type: _type, ...rest } = audit;
    const reply = await this.redis.rsReviewQuarantine(
      7,
      keys.quarantine(item.region),
      keys.quarantineHeld(item.region),
      keys.versions(item.region),
      keys.regionAudit(item.region),
      keys.values(item.region, item.district, item.indicator),
      keys.valueMeta(item.region, item.district, item.indicator),
      keys.audit(item.region, item.district, item.indicator),
      item.id,
      decision.action,
      JSON.stringify(decided),
      item.district,
      item.date,
      String(item.value),
      reportedAt,
      record,
      JSON.stringify(rest),
    );
    if (reply[0] === -1) return { status: 'not_found' };
    if (reply[0] === 0) return { status: 'already', state: reply[1] as QuarantineState };
    return { status: 'done', version: Number(reply[1]), item: decided };
  }
}
