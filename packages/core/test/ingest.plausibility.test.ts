import { describe, expect, it } from 'vitest';
import type { Indicator } from '@region-score/contracts';
import { plausibilityOf, screenValues, type ScreenContext } from '../src/ingest/index';
import { makeIndicator } from './factories';

const roads = makeIndicator({ id: 'roads', unit: '%' });
const jobs = makeIndicator({ id: 'jobs', unit: 'jobs', mode: 'sum' });
const income = makeIndicator({ id: 'income', unit: 'KZT' });

const ctx = (
  current: ScreenContext['current'],
  indicators: Indicator[] = [roads, jobs, income],
): ScreenContext => ({
  indicators: new Map(indicators.map((i) => [i.id, i])),
  target: (indicator) =>
    indicator === 'jobs' ? { target: 1200, baseline: 0 } : { target: 90, baseline: 60 },
  current,
});

describe('plausibility limits', () => {
  it('defaults by unit and mode; config overrides; can be switched off', () => {
    expect(plausibilityOf(roads, undefined)).toEqual({
      enabled: true,
      maxJump: 25,
      maxJumpPct: null,
      maxIncrement: null,
    });
    expect(plausibilityOf(income, undefined)).toMatchObject({ maxJump: null, maxJumpPct: 200 });
    expect(plausibilityOf(jobs, { target: 1200, baseline: 200 })).toMatchObject({
      maxIncrement: 1000,
    });
    expect(plausibilityOf({ ...roads, plausibility: { maxJump: 10 } }, undefined)).toMatchObject({
      maxJump: 10,
      maxJumpPct: null,
    });
    expect(plausibilityOf({ ...roads, plausibility: { enabled: false } }, undefined).enabled).toBe(
      false,
    );
  });
});

describe('screening values', () => {
  const history = { roads: [{ date: '2026-05-31', value: 80 }] };

  it('holds a typo (8 instead of 80) and lets a believable value through', () => {
    const [typo, fine] = screenValues(
      [
        { indicator: 'roads', date: '2026-06-30', value: 8 },
        { indicator: 'roads', date: '2026-06-30', value: 82 },
      ],
      ctx(history),
    );
    expect(typo).toMatchObject({
      code: 'jump',
      limit: 25,
      previous: { date: '2026-05-31', value: 80 },
    });
    expect(typo?.message).toBe('moved 72 points from 80 on 2026-05-31 (limit 25)');
    expect(fine).toBeNull();
  });

  it('judges a batch month after month, never against a held value', () => {
    const result = screenValues(
      [
        { indicator: 'roads', date: '2026-08-31', value: 12 },
        { indicator: 'roads', date: '2026-06-30', value: 8 },
        { indicator: 'roads', date: '2026-07-31', value: 85 },
      ],
      ctx(history),
    );
    expect(result.map((r) => r?.code ?? null)).toEqual(['jump', 'jump', null]);
    expect(result[0]?.previous).toEqual({ date: '2026-07-31', value: 85 });
  });

  it('without earlier values compares with the year’s baseline, or lets the value pass', () => {
    expect(
      screenValues([{ indicator: 'roads', date: '2026-01-31', value: 5 }], ctx({}))[0],
    ).toMatchObject({ code: 'jump', previous: { date: '2026-01-01', value: 60 } });
    const noTarget = { ...ctx({}), target: () => undefined };
    expect(screenValues([{ indicator: 'roads', date: '2026-01-31', value: 5 }], noTarget)).toEqual([
      null,
    ]);
  });

  it('relative jumps for other units; single increments for sums; off means off', () => {
    const income0 = { income: [{ date: '2026-05-31', value: 100 }] };
    const [tripled, quadrupled] = screenValues(
      [
        { indicator: 'income', date: '2026-06-30', value: 300 },
        { indicator: 'income', date: '2026-07-31', value: 1300 },
      ],
      ctx(income0),
    );
    expect(tripled).toBeNull();
    expect(quadrupled).toMatchObject({ code: 'jump_pct', limit: 200 });
    const [big, ok] = screenValues(
      [
        { indicator: 'jobs', date: '2026-06-30', value: 5000 },
        { indicator: 'jobs', date: '2026-06-30', value: 100 },
      ],
      ctx({}),
    );
    expect(big).toMatchObject({ code: 'increment', limit: 1200 });
    expect(ok).toBeNull();
    const off = { ...roads, plausibility: { enabled: false } };
    expect(
      screenValues([{ indicator: 'roads', date: '2026-06-30', value: 8 }], ctx(history, [off])),
    ).toEqual([null]);
  });
});
