import { describe, expect, it } from 'vitest';
import type { DistrictScore } from '@region-score/contracts';
import {
  asOfProblem,
  closeOfDay,
  scoresAsOf,
  valuesKnownAt,
  versionKnownAt,
  type AcceptedValue,
} from '../src/history/index';
import { makeIndicator, makeRegion, makeTarget } from './factories';

const at = (iso: string) => Date.parse(iso);

describe('values known at a moment', () => {
  const history: AcceptedValue[] = [
    { date: '2026-06-01', value: 10, at: at('2026-06-01T10:00:00Z') },
    { date: '2026-06-02', value: 20, at: at('2026-06-02T10:00:00Z') },
    // A correction of 1 June accepted on the 3rd.
    { date: '2026-06-01', value: 12, at: at('2026-06-03T10:00:00Z') },
    // A late value for 1 June accepted after the correction but stamped earlier (a retried job):
    // the later-accepted correction stays current, as when it was applied.
    { date: '2026-06-01', value: 11, at: at('2026-06-02T12:00:00Z') },
  ];

  it('leaves out values accepted after the moment, corrections included', () => {
    expect(valuesKnownAt(history, at('2026-06-02T23:00:00Z'))).toEqual([
      { date: '2026-06-01', value: 11 },
      { date: '2026-06-02', value: 20 },
    ]);
    expect(valuesKnownAt(history, at('2026-06-01T23:00:00Z'))).toEqual([
      { date: '2026-06-01', value: 10 },
    ]);
    expect(valuesKnownAt(history, at('2026-05-31T23:00:00Z'))).toEqual([]);
  });

  it('keeps the value accepted last for a date, whatever the arrival order', () => {
    expect(valuesKnownAt(history, at('2026-06-04T00:00:00Z'))).toEqual([
      { date: '2026-06-01', value: 12 },
      { date: '2026-06-02', value: 20 },
    ]);
  });

  it('counts the values accepted by then as the data version', () => {
    expect(versionKnownAt(history, at('2026-06-02T23:00:00Z'))).toBe(3);
    expect(versionKnownAt(history, at('2026-07-01T00:00:00Z'))).toBe(4);
  });
});

describe('the close of a day', () => {
  const now = new Date('2026-06-30T05:00:00Z');

  it("is the last millisecond of the day in the region's zone", () => {
    expect(closeOfDay('2026-06-29', 'Asia/Almaty', now).toISOString()).toBe(
      '2026-06-29T18:59:59.999Z',
    );
  });

  it('is now while the day is not over', () => {
    expect(closeOfDay('2026-06-30', 'Asia/Almaty', now)).toEqual(now);
  });

  it('refuses dates that do not exist or have not come', () => {
    expect(asOfProblem('2026-02-29', 'Asia/Almaty', now)).toMatch(/not a calendar date/);
    expect(asOfProblem('2026-07-01', 'Asia/Almaty', now)).toMatch(/future/);
    expect(asOfProblem('2026-06-30', 'Asia/Almaty', now)).toBeNull();
  });
});

describe('the scores of closed days are kept, today is not', () => {
  const region = makeRegion({
    indicators: [makeIndicator({ id: 'roads' })],
    targets: [makeTarget({ indicator: 'roads', year: 2026, baseline: 0, target: 100 })],
  });
  const history = {
    alpha: { roads: [{ date: '2026-06-28', value: 50, at: at('2026-06-28T06:00:00Z') }] },
  };

  it('computes a closed day once and serves it from the memo after', () => {
    const kept = new Map<string, readonly DistrictScore[]>();
    const memo = {
      get: (k: string) => kept.get(k),
      set: (k: string, s: readonly DistrictScore[]) => void kept.set(k, s),
    };
    const now = new Date('2026-06-30T05:00:00Z');
    const first = scoresAsOf(region, history, '2026-06-29', now, memo);
    expect([...kept.keys()]).toEqual(['akmola/2026-06-29']);
    expect(scoresAsOf(region, history, '2026-06-29', now, memo)).toEqual(first);
    scoresAsOf(region, history, '2026-06-30', now, memo);
    expect(kept.has('akmola/2026-06-30')).toBe(false);
  });
});
