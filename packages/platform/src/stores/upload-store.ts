import type { Redis } from 'ioredis';
import type {
  UploadCounts,
  UploadDetail,
  UploadRecord,
  UploadRowResult,
} from '@region-score/contracts';
import type { KeySpace } from '../keys';

/*
 * Report uploads, kept as records (all keys under the hash tag `{<prefix>:up}`):
 *
 * - `rec`                 hash id → UploadRecord JSON
 * - `rows:<id>`           the per-value results of one upload (JSON array)
 * - `idx`, `by:<key id>`, `d:<district>`   sorted sets id → uploaded-at ms (listing, filters)
 * - `sha:<sha256>:<scope>` the id of the first accepted upload of that content for that scope
 *
 * The API creates a record when it has read a file; the worker completes it once the values are
 * applied. Records are not trimmed.
 */

/** Filters of `UploadStore#list`. */
export interface UploadFilter {
  /** Only this key's uploads. */
  by?: string;
  district?: string;
  /** Epoch ms, inclusive. */
  fromMs?: number;
  toMs?: number;
}

/** What the worker learned of each value, by the result's index. */
export type CompletedRows = ReadonlyMap<number, Pick<UploadRowResult, 'status' | 'message'>>;

export class UploadStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /**
   * Claims a file content for a scope: returns null when it is the first accepted upload of that
   * content (now recorded as `id`), else the id of the first one.
   */
  async claimContent(sha256: string, scope: string, id: string): Promise<string | null> {
    const key = this.keys.uploads(`sha:${sha256}:${scope}`);
    const set = await this.redis.set(key, id, 'NX');
    return set === 'OK' ? null : await this.redis.get(key);
  }

  /** Forgets a claim (the upload that made it could not be enqueued). */
  async releaseContent(sha256: string, scope: string, id: string): Promise<void> {
    const key = this.keys.uploads(`sha:${sha256}:${scope}`);
    if ((await this.redis.get(key)) === id) await this.redis.del(key);
  }

  /** Stores a new upload with its per-value results. */
  async create(record: UploadRecord, results: readonly UploadRowResult[]): Promise<void> {
    const at = Date.parse(record.at);
    const tx = this.redis
      .multi()
      .hset(this.keys.uploads('rec'), record.id, JSON.stringify(record))
      .set(this.keys.uploads(`rows:${record.id}`), JSON.stringify(results))
      .zadd(this.keys.uploads('idx'), at, record.id)
      .zadd(this.keys.uploads(`by:${record.by.id}`), at, record.id);
    for (const d of record.districts) tx.zadd(this.keys.uploads(`d:${d}`), at, record.id);
    await tx.exec();
  }

  /** Records what the worker did with an upload's values; counts are recomputed from the rows. */
  async complete(id: string, rows: CompletedRows, at: Date, jobId?: string): Promise<void> {
    const detail = await this.get(id);
    if (!detail) return;
    const results = detail.results.map((r, i) => {
      const done = rows.get(i);
      return done ? { ...r, ...done } : r;
    });
    const record: UploadRecord = {
      ...stripResults(detail),
      status: 'applied',
      counts: countRows(results),
      finishedAt: at.toISOString(),
      ...(jobId === undefined ? {} : { jobId }),
    };
    await this.redis
      .multi()
      .hset(this.keys.uploads('rec'), id, JSON.stringify(record))
      .set(this.keys.uploads(`rows:${id}`), JSON.stringify(results))
      .exec();
  }

  /** Sets the job id of an upload once its job is enqueued. */
  async setJob(id: string, jobId: string): Promise<void> {
    const json = await this.redis.hget(this.keys.uploads('rec'), id);
    if (!json) return;
    const record = JSON.parse(json) as UploadRecord;
    // The worker may have completed it already: keep what it wrote.
    await this.redis.hset(this.keys.uploads('rec'), id, JSON.stringify({ ...record, jobId }));
  }

  /** One upload with its results, or null. */
  async get(id: string): Promise<UploadDetail | null> {
    const [json, rows] = await Promise.all([
      this.redis.hget(this.keys.uploads('rec'), id),
      this.redis.get(this.keys.uploads(`rows:${id}`)),
    ]);
    if (!json) return null;
    return {
      ...(JSON.parse(json) as UploadRecord),
      results: rows ? (JSON.parse(rows) as UploadRowResult[]) : [],
    };
  }

  /**
   * Uploads matching the filter, newest first, and the cursor of the next page. The cursor is
   * the `<ms>:<id>` of the last one returned.
   */
  async list(
    filter: UploadFilter,
    limit: number,
    cursor: string | null,
  ): Promise<{ uploads: UploadRecord[]; next: string | null }> {
    const index =
      filter.district !== undefined
        ? this.keys.uploads(`d:${filter.district}`)
        : filter.by !== undefined
          ? this.keys.uploads(`by:${filter.by}`)
          : this.keys.uploads('idx');
    const [cursorMs, cursorId] = parseCursor(cursor);
    const max = cursorMs ?? filter.toMs ?? '+inf';
    const min = filter.fromMs ?? '-inf';
    const out: UploadRecord[] = [];
    let offset = 0;
    let passed = cursorId === null;
    for (;;) {
      const ids = await this.redis.zrevrangebyscore(
        index,
        max,
        min,
        'WITHSCORES',
        'LIMIT',
        offset,
        200,
      );
      if (ids.length === 0) return { uploads: out, next: null };
      const pairs: [string, number][] = [];
      for (let i = 0; i < ids.length; i += 2) pairs.push([ids[i] as string, Number(ids[i + 1])]);
      offset += pairs.length;
      const wanted = pairs.filter(([id, ms]) => {
        if (passed) return true;
        if (ms < (cursorMs ?? Infinity)) passed = true;
        else if (id === cursorId) {
          passed = true;
          return false;
        }
        return passed;
      });
      const rows =
        wanted.length > 0
          ? await this.redis.hmget(this.keys.uploads('rec'), ...wanted.map(([id]) => id))
          : [];
      for (const json of rows) {
        if (!json) continue;
        const record = JSON.parse(json) as UploadRecord;
        if (filter.by !== undefined && record.by.id !== filter.by) continue;
        out.push(record);
        if (out.length === limit) {
          return { uploads: out, next: `${Date.parse(record.at)}:${record.id}` };
        }
      }
      if (pairs.length < 200) return { uploads: out, next: null };
    }
  }
}

function parseCursor(cursor: string | null): [number | null, string | null] {
  const m = cursor ? /^(\d+):(.+)$/.exec(cursor) : null;
  return m ? [Number(m[1]), m[2] ?? null] : [null, null];
}

function stripResults(detail: UploadDetail): UploadRecord {
  const { results: _results, ...record } = detail;
  return record;
}

/** The counts of an upload from its results. */
export function countRows(results: readonly Pick<UploadRowResult, 'status'>[]): UploadCounts {
  const counts: UploadCounts = {
    read: 0,
    rejected: 0,
    applied: 0,
    corrected: 0,
    quarantined: 0,
    unchanged: 0,
  };
  for (const r of results) {
    counts.read += 1;
    switch (r.status) {
      case 'rejected':
        counts.rejected += 1;
        break;
      case 'applied':
        counts.applied += 1;
        break;
      case 'corrected':
        counts.applied += 1;
        counts.corrected += 1;
        break;
      case 'quarantined':
        counts.quarantined += 1;
        break;
      case 'unchanged':
      case 'duplicate':
        counts.unchanged += 1;
        break;
      case 'queued':
        break;
    }
  }
  return counts;
}
