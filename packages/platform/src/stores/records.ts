import type { SparkPoint } from '@region-score/core';

/*
 * The records the stores keep as strings in Redis, with named fields (JSON). Readers also accept
 * the positional `a|b|c` / `a:b` forms written by version 0.1, so existing data stays readable.
 */

/** One applied value, as the audit list and the current-value meta keep it. */
export interface ValueRecord {
  date: string;
  value: number;
  /** Accepted at (epoch ms): orders corrections of the same date. */
  at: number;
  /** Key id (or `report:<id>`) that reported it. */
  by: string;
  obsId: string;
  /** The reporter's own id for the value, when it gave one. */
  clientId?: string;
}

/**
 * A record as JSON, with the value written exactly as JavaScript prints it (the Lua script copies
 * the record, never re-encodes the number).
 */
export function encodeValueRecord(record: ValueRecord): string {
  return JSON.stringify(record);
}

/** A stored value record; `correction` is only known for 0.1 audit entries, which stored it. */
export function decodeValueRecord(raw: string): ValueRecord & { correction?: boolean } {
  if (raw.startsWith('{')) return JSON.parse(raw) as ValueRecord;
  const parts = raw.split('|');
  if (!/^\d{4}-/.test(parts[0] ?? '')) {
    // 0.1 meta: `atMs|by|obsId` (the obsId may itself contain `|`).
    const [at = '0', by = ''] = parts;
    return { date: '', value: 0, at: Number(at), by, obsId: parts.slice(2).join('|') };
  }
  // 0.1 audit entry: `date|value|atMs|correction|by|obsId`.
  const [date = '', value = '0', at = '0', correction = '0', by = ''] = parts;
  return {
    date,
    value: Number(value),
    at: Number(at),
    by,
    obsId: parts.slice(5).join('|'),
    correction: correction === '1',
    ...clientIdOf(parts.slice(5).join('|')),
  };
}

/** A stored sparkline point (`{bucket,score}`, or 0.1's `ms:score`). */
export function decodeSparkPoint(raw: string): SparkPoint {
  if (raw.startsWith('{')) return JSON.parse(raw) as SparkPoint;
  const [bucket = '0', score = '0'] = raw.split(':');
  return { bucket: Number(bucket), score: Number(score) };
}

/** 0.1 kept a client id only inside the observation id: `c:<district>:<clientId>`. */
function clientIdOf(obsId: string): { clientId?: string } {
  return obsId.startsWith('c:') ? { clientId: obsId.slice(obsId.indexOf(':', 2) + 1) } : {};
}
