import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorScore, statusOf } from '../src/scoring/index';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const cap = fc.double({ min: 100, max: 1000, noNaN: true });
const direction = fc.constantFrom('higher' as const, 'lower' as const);

describe('indicatorScore', () => {
  it.each([
    // [value, plan, direction, expected]
    [54, 60, 'higher', 90],
    [130, 100, 'higher', 120],
    [-5, 100, 'higher', 0],
    [0, 0, 'higher', 100],
    [-1, 0, 'higher', 0],
    [-5, -5, 'higher', 100],
    [-6, -5, 'higher', 0],
    [24, 18, 'lower', 75],
    [5, 10, 'lower', 120],
    [0, 10, 'lower', 120],
    [-3, 10, 'lower', 120],
    [0, 0, 'lower', 100],
    [1, 0, 'lower', 0],
    [-3, -2, 'lower', 100],
    [-1, -2, 'lower', 0],
  ] as const)('%d against plan %d (%s) → %d', (value, plan, dir, expected) => {
    expect(indicatorScore(value, plan, dir, 120)).toBe(expected);
  });

  it('caps at the given cap', () => {
    expect(indicatorScore(300, 100, 'higher', 150)).toBe(150);
  });

  it('stays within [0, cap] for every finite input (property)', () => {
    fc.assert(
      fc.property(finite, finite, direction, cap, (value, plan, dir, c) => {
        const score = indicatorScore(value, plan, dir, c);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(c);
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotone in the value for the direction (property)', () => {
    fc.assert(
      fc.property(finite, finite, finite, direction, cap, (a, b, plan, dir, c) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = indicatorScore(low, plan, dir, c);
        const atHigh = indicatorScore(high, plan, dir, c);
        if (dir === 'higher') expect(atHigh).toBeGreaterThanOrEqual(atLow);
        else expect(atHigh).toBeLessThanOrEqual(atLow);
      }),
      { numRuns: 2000 },
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
