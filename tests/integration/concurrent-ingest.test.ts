import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { ObservationInput } from '@region-score/contracts';
import { scoreDistrict } from '@region-score/core';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

const TOTAL = 10_000;
const BATCH = 100;
const CLIENTS = 4;

/** Deterministic pseudo-random numbers so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 2 });
});
afterAll(() => h.close());

it('10,000 observations from 4 concurrent clients with 2 workers: each in history once, scores match a recomputation', async () => {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  const random = mulberry32(42);
  const pairs: [string, string][] = [];
  for (const region of h.catalog.regions) {
    for (const d of region.districts) for (const i of region.indicators) pairs.push([d.id, i.id]);
  }
  const all: ObservationInput[] = Array.from({ length: TOTAL }, () => {
    const [district, indicator] = pairs[Math.floor(random() * pairs.length)] as [string, string];
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 6);
    return {
      district,
      indicator,
      value: Math.round(random() * 10_000) / 100,
      date: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    };
  });

  const batches: ObservationInput[][] = [];
  for (let i = 0; i < TOTAL; i += BATCH) batches.push(all.slice(i, i + BATCH));
  let accepted = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let b = c; b < batches.length; b += CLIENTS) {
        const res = await fetch(`${base}/api/v1/observations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` },
          body: JSON.stringify({ observations: batches[b] }),
        });
        expect(res.status).toBe(202);
        accepted += ((await res.json()) as { accepted: number }).accepted;
      }
    }),
  );
  expect(accepted).toBe(TOTAL);

  // Wait until every job is processed.
  await waitFor(
    async () => {
      const c = await h.queues
        .queue('ingest')
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0) ? true : undefined;
    },
    { timeoutMs: 60_000, what: 'ingest queue drained' },
  );

  // Every accepted observation is in the audit history exactly once.
  const seen = new Set<string>();
  let rows = 0;
  for (const [district, indicator] of pairs) {
    const region = h.catalog.district(district)?.region.id ?? '';
    for (const entry of await h.platform.values.history(region, district, indicator)) {
      rows++;
      seen.add(entry.obsId);
    }
  }
  expect(rows).toBe(TOTAL);
  expect(seen.size).toBe(TOTAL);

  // The stored score of each district equals a from-scratch recomputation from stored values.
  for (const region of h.catalog.regions) {
    for (const d of region.districts) {
      const state = await h.platform.values.districtState(
        region.id,
        d.id,
        region.indicators.map((i) => i.id),
      );
      const stored = await h.platform.scores.get(region.id, d.id);
      const fresh = scoreDistrict({
        region,
        district: d.id,
        values: state.values,
        at: h.clock.now(),
        version: state.version,
      });
      expect(stored?.version).toBe(state.version);
      expect(stored?.score).toBe(fresh.score);
      expect(stored?.indicators).toEqual(fresh.indicators);
    }
  }
});
