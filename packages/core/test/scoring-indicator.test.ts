import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planScale } from '../src/scoring/indicator-score';
import { indicatorScore, planToDate, statusOf } from '../src/scoring/index';
import { makeIndicator, makeTarget } from './factories';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const cap = fc.double({ min: 100, max: 1000, noNaN: true });
const direction = fc.constantFrom('higher' as const, 'lower' as const);
const nonPositive = fc.oneof(
  fc.constant(0),
  fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -10, max: 0, noNaN: true }),
);
// Tiny, ordinary and huge magnitudes, and 0 (target and baseline both 0).
const scale = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1e-300, noNaN: true }),
  fc.double({ min: 0, max: 1000, noNaN: true }),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
);

describe('indicatorScore', () => {
  it.each([
    // [value, plan, direction, scale, expected]; the scale only matters when plan ≤ 0.
    [54, 60, 'higher', 100, 90],
    [130, 100, 'higher', 100, 120],
    [-5, 100, 'higher', 100, 0],
    [24, 18, 'lower', 10, 75],
    [5, 10, 'lower', 10, 120],
    [0, 10, 'lower', 10, 120],
    [-3, 10, 'lower', 10, 120],
    // plan ≤ 0: 100 ± 100 · (value − plan) ÷ scale, clamped to [0, cap].
    [0, 0, 'higher', 10, 100],
    [-1, 0, 'higher', 10, 90],
    [-10, 0, 'higher', 10, 0],
    [1, 0, 'higher', 10, 110],
    [-5, -5, 'higher', 5, 100],
    [-6, -5, 'higher', 5, 80],
    [-4, -5, 'higher', 5, 120],
    [0, 0, 'lower', 10, 100],
    [1, 0, 'lower', 10, 90],
    [-1, 0, 'lower', 10, 110],
    [-3, -2, 'lower', 2, 120],
    [-1, -2, 'lower', 2, 50],
    [0, -2, 'lower', 2, 0],
    [5, -2, 'lower', 2, 0],
    // Scale 0 (target and baseline both 0): the plan is met or not.
    [0, 0, 'higher', 0, 100],
    [-1, 0, 'higher', 0, 0],
    [0, 0, 'lower', 0, 100],
    [-1, 0, 'lower', 0, 100],
    [1, 0, 'lower', 0, 0],
  ] as const)('%d against plan %d (%s, scale %d) → %d', (value, plan, dir, scale, expected) => {
    expect(indicatorScore(value, plan, dir, 120, scale)).toBe(expected);
  });

  describe('lower is better with a negative plan', () => {
    // Baseline 0, target −5.4: at a fifth of the year the plan to date is −1.08.
    const scale = planScale({ target: -5.4, baseline: 0 });

    it('scores a value of 0 by its distance from the plan, not 0 or the cap', () => {
      expect(scale).toBe(5.4);
      expect(indicatorScore(0, -1.08, 'lower', 120, scale)).toBeCloseTo(80, 9);
    });

    it('scores 100 at the plan and more below it, up to the cap', () => {
      expect(indicatorScore(-1.08, -1.08, 'lower', 120, scale)).toBe(100);
      expect(indicatorScore(-1.62, -1.08, 'lower', 120, scale)).toBeCloseTo(110, 9);
      expect(indicatorScore(-5.4, -1.08, 'lower', 120, scale)).toBe(120);
    });

    it('falls to 0 one scale above the plan', () => {
      expect(indicatorScore(2.16, -1.08, 'lower', 120, scale)).toBeCloseTo(40, 9);
      expect(indicatorScore(4.32, -1.08, 'lower', 120, scale)).toBeCloseTo(0, 9);
      expect(indicatorScore(100, -1.08, 'lower', 120, scale)).toBe(0);
    });

    it('is never above 100 for a value worse than the plan (the ratio would give 54 for −2)', () => {
      expect(indicatorScore(-0.5, -1.08, 'lower', 120, scale)).toBeLessThan(100);
      expect(indicatorScore(-2, -1.08, 'lower', 120, scale)).toBeGreaterThan(100);
    });
  });

  it('caps at the given cap', () => {
    expect(indicatorScore(300, 100, 'higher', 150, 100)).toBe(150);
    expect(indicatorScore(-300, -100, 'lower', 150, 100)).toBe(150);
  });

  it('stays finite and within [0, cap] for every finite input (property)', () => {
    fc.assert(
      fc.property(finite, finite, direction, cap, scale, (value, plan, dir, c, s) => {
        const score = indicatorScore(value, plan, dir, c, s);
        expect(Number.isFinite(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(c);
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotone in the value for the direction (property)', () => {
    fc.assert(
      fc.property(
        finite,
        finite,
        fc.oneof(finite, nonPositive),
        direction,
        cap,
        scale,
        (a, b, plan, dir, c, s) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const atLow = indicatorScore(low, plan, dir, c, s);
          const atHigh = indicatorScore(high, plan, dir, c, s);
          if (dir === 'higher') expect(atHigh).toBeGreaterThanOrEqual(atLow);
          else expect(atHigh).toBeLessThanOrEqual(atLow);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('scores 100 at a plan ≤ 0, at least 100 for a value as good, at most for worse (property)', () => {
    fc.assert(
      fc.property(nonPositive, finite, direction, cap, scale, (plan, value, dir, c, s) => {
        expect(indicatorScore(plan, plan, dir, c, s)).toBe(100);
        const asGood = dir === 'higher' ? value >= plan : value <= plan;
        const score = indicatorScore(value, plan, dir, c, s);
        if (asGood) expect(score).toBeGreaterThanOrEqual(100);
        // Not strictly less: a value worse by a rounding error is worth 100 after rounding too.
        else expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000 },
    );
  });

  it('moves at most 100 points per scale of value at a plan ≤ 0: no cliff (property)', () => {
    const bounded = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 0, noNaN: true }),
        bounded,
        bounded,
        direction,
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (plan, a, b, dir, s) => {
          const step = Math.abs(
            indicatorScore(a, plan, dir, 120, s) - indicatorScore(b, plan, dir, 120, s),
          );
          expect(step).toBeLessThanOrEqual((100 * Math.abs(a - b)) / s + 1e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('mirrors higher and lower about a plan ≤ 0 (property)', () => {
    const small = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 0 }),
        small,
        fc.integer({ min: 1, max: 1000 }),
        (plan, d, s) => {
          // d better than the plan in one direction is d better in the other.
          const lower = indicatorScore(plan - d, plan, 'lower', 120, s);
          const higher = indicatorScore(plan + d, plan, 'higher', 120, s);
          expect(lower).toBeCloseTo(higher, 9);
        },
      ),
    );
  });

  it('ignores the scale when the plan is positive (property)', () => {
    fc.assert(
      fc.property(
        finite,
        fc.double({ min: 1e-9, max: 1e9, noNaN: true }),
        direction,
        scale,
        scale,
        (value, plan, dir, s1, s2) => {
          expect(indicatorScore(value, plan, dir, 120, s1)).toBe(
            indicatorScore(value, plan, dir, 120, s2),
          );
        },
      ),
    );
  });
});

describe('planScale', () => {
  it.each([
    [{ target: -5.4, baseline: 0 }, 5.4],
    [{ target: -1, baseline: 3 }, 3],
    [{ target: -2 }, 2],
    [{ target: 0 }, 0],
    [{ target: 0, baseline: 0 }, 0],
    [{ target: 10, baseline: -20 }, 20],
  ])('%j → %d', (target, expected) => {
    expect(planScale(target)).toBe(expected);
  });

  it('is never below |plan to date| (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: undefined }),
        fc.constantFrom('level' as const, 'sum' as const),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, baseline, mode, f) => {
          const target = makeTarget({ target: t, baseline });
          const plan = planToDate(makeIndicator({ mode }), target, f);
          expect(planScale(target)).toBeGreaterThanOrEqual(Math.abs(plan) * (1 - 1e-12));
        },
      ),
    );
  });
});

describe('statusOf', () => {
  const thresholds = { onTrack: 90, atRisk: 75 };

  it.each([
    [120, 'on_track'],
    [90, 'on_track'],
    [89.99, 'at_risk'],
    [75, 'at_risk'],
    [74.99, 'behind'],
    [0, 'behind'],
  ] as const)('%d → %s', (score, expected) => {
    expect(statusOf(score, thresholds)).toBe(expected);
  });
});
