import type { DistrictScore } from '@region-score/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateScore, rankEntries } from '../src/ranking/index';
import { explainScore } from '../src/scoring/index';
import { makeRow } from './factories';

describe('rankEntries', () => {
  const rows = [
    makeRow('bravo', 80, 'Bravo'),
    makeRow('zeta', 80, 'Alpha'),
    makeRow('top', 90, 'Top'),
    makeRow('able', 80, 'Alpha'),
  ];

  it('orders by score, then English name, then id', () => {
    const ranked = rankEntries(rows, {});
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['top', 1],
      ['able', 2],
      ['zeta', 3],
      ['bravo', 4],
    ]);
  });

  it('reports places gained since the previous ranks, 0 when unknown', () => {
    const ranked = rankEntries(rows, { top: 3, able: 2, bravo: 1 });
    expect(ranked.map((r) => [r.id, r.rankChange])).toEqual([
      ['top', 2],
      ['able', 0],
      ['zeta', 0],
      ['bravo', -3],
    ]);
  });

  it('does not read inherited properties as previous ranks', () => {
    const ranked = rankEntries([makeRow('constructor', 50)], {});
    expect(ranked[0]?.rankChange).toBe(0);
  });

  it('is a total order: any permutation gives the same ranking, ranked 1..n (property)', () => {
    const row = fc.record({
      score: fc.constantFrom(50, 75.5, 80, 100),
      name: fc.constantFrom('Alpha', 'alpha', 'Bravo', 'Ärna', 'Zed'),
    });
    const input = fc
      .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), row), {
        selector: ([id]) => id,
        maxLength: 12,
      })
      .map((items) => items.map(([id, { score, name }]) => makeRow(id, score, name)));
    fc.assert(
      fc.property(
        input.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        ([items, shuffled]) => {
          const ranked = rankEntries(items, {});
          expect(rankEntries(shuffled, {})).toEqual(ranked);
          expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
          for (let i = 1; i < ranked.length; i++) {
            expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
          }
        },
      ),
    );
  });
});

describe('aggregateScore', () => {
  it('is the mean to 2 decimals, 0 when empty', () => {
    expect(aggregateScore([])).toBe(0);
    expect(aggregateScore([80, 90, 95])).toBe(88.33);
    expect(aggregateScore([100])).toBe(100);
  });
});

describe('explainScore', () => {
  it('lists counted indicators by impact, ties in indicator order', () => {
    const result = (indicator: string, impact: number, counted = true) => ({
      indicator,
      value: null,
      valueDate: null,
      target: 1,
      baseline: null,
      planToDate: 1,
      score: counted ? 100 + impact : null,
      status: counted ? ('on_track' as const) : ('no_data' as const),
      counted,
      fresh: true,
      weight: counted ? 0.25 : 0,
      contribution: 0,
      impact,
      forecast: null,
    });
    const score: DistrictScore = {
      region: 'akmola',
      district: 'alpha',
      score: 90,
      status: 'on_track',
      coverage: 1,
      version: 1,
      methodology: '1.0.0',
      computedAt: '2025-03-14T19:00:00.000Z',
      indicators: [
        result('a', 2),
        result('b', -3),
        result('c', 0, false),
        result('d', 2),
        result('e', -7),
      ],
    };
    expect(explainScore(score).map((e) => e.indicator)).toEqual(['e', 'b', 'a', 'd']);
  });
});
