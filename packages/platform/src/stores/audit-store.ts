import type { Redis } from 'ioredis';
import type { AuditEntry, AuditEvent, AuditType, Silence } from '@region-score/contracts';
import type { KeySpace } from '../keys';

/*
 * The audit trail: append-only Redis Streams, never trimmed by normal operation.
 *
 * - `{r:<region>}:audit`  the region's values, corrections, quarantines, releases and discards,
 *                          written by the worker's scripts in the same step as the values
 * - `<prefix>:audit`       everything else: keys, silences, acknowledgements, retried jobs, uploads
 *
 * A stream entry's id (`<ms>-<seq>`) orders the events of its stream by time. Listing merges
 * the streams newest first; the cursor remembers where each stream was left, so paging is exact
 * even when two streams hold entries of the same millisecond.
 */

/** Filters of `AuditStore#list`; every given one must match. */
export interface AuditFilter {
  /** Only this region's stream (and the global one). */
  region?: string;
  district?: string;
  indicator?: string;
  actor?: string;
  type?: AuditType;
  /** Epoch ms, inclusive. */
  fromMs?: number;
  /** Epoch ms, inclusive. */
  toMs?: number;
}

/** Entries read per stream per request at most: a selective filter returns a short page and a cursor. */
const SCAN_LIMIT = 5000;

type Cursor = Record<string, string>;

export class AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Appends an event to the global stream (admin actions, uploads); returns its id. */
  async append(entry: AuditEntry): Promise<string> {
    const id = await this.redis.xadd(this.keys.globalAudit(), '*', 'e', JSON.stringify(entry));
    return `g:${id ?? ''}`;
  }

  /**
   * Records the end of every silence whose `endsAt` has passed by `at`, once per silence however
   * many workers look (a set of recorded ids claims each end before its event is appended).
   * Returns how many were recorded now.
   */
  async silencesEnded(silences: readonly Silence[], at: Date): Promise<number> {
    let recorded = 0;
    for (const s of silences) {
      if (Date.parse(s.endsAt) > at.getTime()) continue;
      if ((await this.redis.sadd(this.keys.silencesEndedAudited(), s.id)) === 0) continue;
      await this.append({
        at: s.endsAt,
        type: 'silence.expired',
        actor: { id: 'system', label: 'silence ended' },
        target: s.id,
        detail: `silence by ${s.createdBy} ended: ${s.comment}`,
      });
      recorded += 1;
    }
    return recorded;
  }

  /**
   * Events matching the filter, newest first, at most `limit`, and the cursor of the next page
   * (null when there is no more). `regions` are the regions whose streams are read.
   */
  async list(
    regions: readonly string[],
    filter: AuditFilter,
    limit: number,
    cursor: string | null,
  ): Promise<{ events: AuditEvent[]; next: string | null }> {
    const streams = new Map<string, string>([['g', this.keys.globalAudit()]]);
    for (const r of filter.region === undefined ? regions : [filter.region]) {
      streams.set(`r:${r}`, this.keys.regionAudit(r));
    }
    const position: Cursor = cursor ? decodeCursor(cursor) : {};
    const top = filter.toMs === undefined ? '+' : `${filter.toMs}-18446744073709551615`;
    const bottom = filter.fromMs === undefined ? '-' : `${filter.fromMs}-0`;

    type Row = { stream: string; id: string; event: AuditEvent };
    const candidates: Row[] = [];
    const exhausted = new Set<string>();
    const scannedTo = new Map<string, string>();
    await Promise.all(
      [...streams].map(async ([tag, key]) => {
        const from = position[tag];
        if (from === '') {
          exhausted.add(tag);
          return;
        }
        const start = from === undefined ? top : `(${from}`;
        const reply = (await this.redis.xrevrange(key, start, bottom, 'COUNT', SCAN_LIMIT)) as [
          string,
          string[],
        ][];
        if (reply.length < SCAN_LIMIT) exhausted.add(tag);
        const last = reply.at(-1);
        if (last) scannedTo.set(tag, last[0]);
        for (const [id, fields] of reply) {
          const json = fields[fields.indexOf('e') + 1];
          if (json === undefined) continue;
          const entry = JSON.parse(json) as AuditEntry;
          if (!matches(entry, filter)) continue;
          candidates.push({ stream: tag, id, event: { id: `${tag}/${id}`, ...entry } });
        }
      }),
    );
    candidates.sort((a, b) => compareIds(b.id, a.id) || a.stream.localeCompare(b.stream));
    // A stream that was not read to its end may hold unread events newer than another stream's
    // older ones: only events at or above the highest point where such a read stopped are final.
    let floor: string | null = null;
    for (const [tag, id] of scannedTo) {
      if (!exhausted.has(tag) && (floor === null || compareIds(id, floor) > 0)) floor = id;
    }
    const eligible = candidates.filter((c) => floor === null || compareIds(c.id, floor) >= 0);
    const page = eligible.slice(0, limit);
    const inPage = new Set(page);
    // Where each stream resumes: after the last event it gave to this page; unchanged while it
    // holds matching events not yet given; past what it read when nothing it read matched.
    const next: Cursor = { ...position };
    for (const tag of streams.keys()) {
      if (position[tag] === '') continue;
      const given = page.filter((r) => r.stream === tag).at(-1);
      const leftOver = candidates.some((r) => r.stream === tag && !inPage.has(r));
      if (given) next[tag] = !leftOver && exhausted.has(tag) ? '' : given.id;
      else if (!leftOver) next[tag] = exhausted.has(tag) ? '' : (scannedTo.get(tag) ?? '');
    }
    const more = [...streams.keys()].some((tag) => next[tag] !== '');
    return { events: page.map((r) => r.event), next: more ? encodeCursor(next) : null };
  }
}

function matches(e: AuditEntry, f: AuditFilter): boolean {
  return (
    (f.district === undefined || e.district === f.district) &&
    (f.indicator === undefined || e.indicator === f.indicator) &&
    (f.actor === undefined || e.actor.id === f.actor) &&
    (f.type === undefined || e.type === f.type)
  );
}

/** Orders stream ids `<ms>-<seq>` numerically. */
function compareIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  return Number(am) - Number(bm) || Number(as) - Number(bs);
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** A paging cursor this store did not give out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor: not a cursor this API gave out');
    this.name = 'InvalidCursorError';
  }
}

function decodeCursor(text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidCursorError();
  const out: Cursor = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string' || !/^(\d+-\d+)?$/.test(v)) throw new InvalidCursorError();
    out[k] = v;
  }
  return out;
}
