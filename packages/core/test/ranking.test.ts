import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RankingEntry, ScoreSummary } from '@region-score/contracts';
import {
  SPARKLINE,
  aggregateRows,
  aggregateScore,
  compareRows,
  compareStamps,
  isNewer,
  mergeFrameEntry,
  nationalRow,
  newestBy,
  pushSparkPoint,
  rankEntries,
  rankingRow,
  sparkBucketOf,
  toFrameEntry,
  withRowScore,
  type UnrankedEntry,
} from '../src/ranking/index';
import { makeRegion, makeRow } from './factories';

const place = {
  id: 'akkol',
  kind: 'district' as const,
  name: { ru: 'Акколь', kk: 'Ақкөл', en: 'Akkol' },
};
const thresholds = { onTrack: 90, atRisk: 75 };

const summary = (over: Partial<ScoreSummary> = {}): Omit<ScoreSummary, 'district'> => ({
  score: 88.5,
  status: 'at_risk',
  coverage: 0.75,
  version: 3,
  computedAt: '2026-07-01T10:00:30.000Z',
  ...over,
});

const rowArb: fc.Arbitrary<UnrankedEntry> = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
    en: fc.constantFrom('Alpha', 'alpha', 'Bravo', 'Ärzte', 'Zeta', 'zeta'),
    score: fc.oneof(fc.constantFrom(0, 50, 80, 100), fc.double({ min: 0, max: 120, noNaN: true })),
    coverage: fc.double({ min: 0, max: 1, noNaN: true }),
    version: fc.nat(1000),
  })
  .map(({ id, en, score, coverage, version }) => ({
    ...makeRow(id, score, en),
    coverage,
    version,
  }));

const distinctRows = fc.uniqueArray(rowArb, { selector: (r) => r.id, maxLength: 30 });

const stampArb = fc.record({
  version: fc.nat(50),
  computedAt: fc
    .integer({ min: Date.parse('2026-01-01'), max: Date.parse('2026-12-31') })
    .map((ms) => new Date(ms).toISOString()),
});

describe('rankingRow', () => {
  it('gives an unscored place score 0, behind, no coverage and version 0', () => {
    expect(rankingRow(place, undefined)).toEqual({
      ...place,
      score: 0,
      status: 'behind',
      coverage: 0,
      version: 0,
      history: [],
      sparkBucket: 0,
    });
  });

  it('takes the summary and the sparkline, bucket of the last point', () => {
    const row = rankingRow(place, summary(), [
      { bucket: 60_000, score: 80 },
      { bucket: 180_000, score: 88.5 },
    ]);
    expect(row).toMatchObject({ score: 88.5, status: 'at_risk', coverage: 0.75, version: 3 });
    expect(row.history).toEqual([80, 88.5]);
    expect(row.sparkBucket).toBe(180_000);
  });
});

describe('sparkline', () => {
  it('buckets by SPARKLINE.bucketMs, identified by the start in epoch ms', () => {
    expect(sparkBucketOf(SPARKLINE.bucketMs * 5 + 1)).toBe(SPARKLINE.bucketMs * 5);
    expect(sparkBucketOf(SPARKLINE.bucketMs * 5)).toBe(SPARKLINE.bucketMs * 5);
  });

  it('replaces the last point within a bucket and appends in the next, keeping the last N', () => {
    expect(pushSparkPoint([1, 2], 100, 100, 3)).toEqual([1, 3]);
    expect(pushSparkPoint([1, 2], 100, 200, 3)).toEqual([1, 2, 3]);
    expect(pushSparkPoint([], 0, 0, 7)).toEqual([7]);
    const full = Array.from({ length: SPARKLINE.points }, (_, i) => i);
    const next = pushSparkPoint(full, 1, 2, 999);
    expect(next).toHaveLength(SPARKLINE.points);
    expect(next.at(-1)).toBe(999);
    expect(next[0]).toBe(1);
  });

  it('a row and a screen merging the same updates hold the same sparkline', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 120, noNaN: true })),
          {
            maxLength: 150,
          },
        ),
        (updates) => {
          let row = rankingRow(place, undefined);
          let held: RankingEntry = { ...row, rank: 1, rankChange: 0 };
          let version = 0;
          for (const [second, score] of updates.sort((a, b) => a[0] - b[0])) {
            version += 1;
            row = withRowScore(
              row,
              summary({ score, version, computedAt: new Date(second * 1000).toISOString() }),
            );
            held = mergeFrameEntry(held, toFrameEntry({ ...row, rank: 1, rankChange: 0 }));
          }
          expect(held.history).toEqual(row.history);
          expect(held.sparkBucket).toBe(row.sparkBucket);
          expect(row.history.length).toBeLessThanOrEqual(SPARKLINE.points);
        },
      ),
    );
  });
});

describe('isNewer', () => {
  it('orders by version, then computation time', () => {
    const a = { version: 2, computedAt: '2026-07-01T10:00:00.000Z' };
    expect(isNewer({ ...a, version: 3, computedAt: '2026-06-01T00:00:00.000Z' }, a)).toBe(true);
    expect(isNewer({ ...a, computedAt: '2026-07-01T10:00:00.001Z' }, a)).toBe(true);
    expect(isNewer(a, a)).toBe(false);
    expect(isNewer(a, undefined)).toBe(true);
  });

  it('is a total order on (version, computedAt): antisymmetric, transitive, total', () => {
    fc.assert(
      fc.property(stampArb, stampArb, stampArb, (a, b, c) => {
        expect(Math.sign(compareStamps(a, b))).toBe(-Math.sign(compareStamps(b, a)));
        expect(compareStamps(a, b) === 0).toBe(
          a.version === b.version && a.computedAt === b.computedAt,
        );
        expect(isNewer(a, b) || isNewer(b, a) || compareStamps(a, b) === 0).toBe(true);
        if (compareStamps(a, b) <= 0 && compareStamps(b, c) <= 0) {
          expect(compareStamps(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('newestBy keeps the newest stamp per key whatever the arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), stampArb)), (items) => {
        const list = items.map(([key, s]) => ({ key, ...s }));
        const newest = newestBy(list, (i) => i.key);
        const reversed = newestBy([...list].reverse(), (i) => i.key);
        for (const n of newest) {
          for (const other of list.filter((i) => i.key === n.key)) {
            expect(compareStamps(n, other)).toBeGreaterThanOrEqual(0);
          }
          const r = reversed.find((x) => x.key === n.key);
          expect(r && compareStamps(r, n)).toBe(0);
        }
      }),
    );
  });
});

describe('rankEntries', () => {
  it('is a total order: the same ranking whatever order the rows arrive in', () => {
    fc.assert(
      fc.property(distinctRows, fc.func(fc.integer()), (rows, key) => {
        const shuffled = [...rows].sort((a, b) => key(a.id) - key(b.id));
        expect(rankEntries(shuffled, {}).map((e) => e.id)).toEqual(
          rankEntries(rows, {}).map((e) => e.id),
        );
      }),
    );
  });

  it('compareRows is antisymmetric and only 0 for the same id', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        expect(Math.sign(compareRows(a, b))).toBe(-Math.sign(compareRows(b, a)));
        if (a.id !== b.id) expect(compareRows(a, b)).not.toBe(0);
      }),
    );
  });

  it('ranks 1..n by score, with rank change against the previous ranks', () => {
    fc.assert(
      fc.property(distinctRows, (rows) => {
        const previous = Object.fromEntries(rows.map((r, i) => [r.id, rows.length - i]));
        const ranked = rankEntries(rows, previous);
        ranked.forEach((e, i) => {
          expect(e.rank).toBe(i + 1);
          expect(e.rankChange).toBe((previous[e.id] ?? 0) - e.rank);
          if (i > 0) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(e.score);
        });
      }),
    );
  });
});

describe('aggregates', () => {
  it('the region aggregate is the plain mean of its rows (2 decimals), coverage the mean too', () => {
    fc.assert(
      fc.property(distinctRows, (rows) => {
        const agg = aggregateRows(rows, thresholds);
        const mean = rows.length ? rows.reduce((a, r) => a + r.score, 0) / rows.length : 0;
        expect(agg.score).toBeCloseTo(mean, 2);
        expect(agg.score).toBe(aggregateScore(rows.map((r) => r.score)));
        const coverage = rows.length ? rows.reduce((a, r) => a + r.coverage, 0) / rows.length : 0;
        expect(agg.coverage).toBeCloseTo(coverage, 4);
        expect(agg.version).toBe(rows.reduce((a, r) => a + r.version, 0));
      }),
    );
  });

  it('a national row carries the region aggregate with the region’s status', () => {
    const region = makeRegion({ scoring: { cap: 120, thresholds: { onTrack: 95, atRisk: 80 } } });
    const agg = aggregateRows([makeRow('a', 90), makeRow('b', 92)], region.scoring.thresholds);
    expect(nationalRow(region, agg)).toMatchObject({
      id: region.id,
      kind: 'region',
      score: 91,
      status: 'at_risk',
      history: [],
    });
  });
});
