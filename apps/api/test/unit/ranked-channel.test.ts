import { describe, expect, it } from 'vitest';
import type { RankingEntry } from '@region-score/contracts';
import { mergeFrameEntry, rankingRow, type RowScore } from '@region-score/core';
import { REPLAY_FRAMES, RankedChannel } from '../../src/live/ranked-channel';

const names = (en: string) => ({ ru: en, kk: en, en });
const place = (id: string) => ({ id, kind: 'district' as const, name: names(id) });
const thresholds = { onTrack: 90, atRisk: 75 };
const AT = new Date('2026-07-01T10:00:00Z');

const score = (value: number, version: number, second = 0): RowScore => ({
  score: value,
  status: value >= 90 ? 'on_track' : value >= 75 ? 'at_risk' : 'behind',
  coverage: 1,
  version,
  computedAt: new Date(AT.getTime() + second * 1000).toISOString(),
});

function channel(previous: Record<string, number> = {}) {
  const rows = ['alpha', 'beta', 'gamma'].map((id, i) =>
    rankingRow(place(id), score(90 - i * 10, 1)),
  );
  return new RankedChannel('region:r', names('R'), thresholds, rows, previous, 1000);
}

describe('RankedChannel', () => {
  it('a snapshot shows the rows ranked, with the aggregate and the seq to continue from', () => {
    const snap = channel().snapshot(AT, []);
    expect(snap.entries.map((e) => [e.id, e.rank])).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ]);
    expect(snap.score).toBe(80);
    expect(snap.status).toBe('at_risk');
    expect(snap.seq).toBe(1000);
  });

  it('applies only newer scores (core isNewer) and frames only what changed', () => {
    const ch = channel();
    expect(ch.apply('gamma', score(95, 2, 1))).toBe(true);
    expect(ch.apply('gamma', score(10, 1, 5))).toBe(false); // older data version
    expect(ch.apply('gamma', score(10, 2, 0))).toBe(false); // same version, computed earlier
    expect(ch.apply('nobody', score(10, 9))).toBe(false); // not a row of this channel
    const frame = ch.frame(AT);
    expect(frame?.seq).toBe(1001);
    // gamma moved to first, alpha and beta moved down; all three ranks changed.
    expect(frame?.changes.map((c) => [c.id, c.rank])).toEqual([
      ['gamma', 1],
      ['alpha', 2],
      ['beta', 3],
    ]);
    expect(frame?.changes[0]?.point).toBe(95);
    expect(ch.frame(AT)).toBeNull(); // nothing new
  });

  it('a client merging its frames holds what a fresh snapshot shows', () => {
    const ch = channel();
    const held = new Map(ch.snapshot(AT, []).entries.map((e) => [e.id, e]));
    for (let i = 1; i <= 30; i++) {
      ch.apply(i % 2 ? 'alpha' : 'beta', score(50 + i, 1 + i, i * 45));
      const frame = ch.frame(AT);
      for (const c of frame?.changes ?? []) {
        held.set(c.id, mergeFrameEntry(held.get(c.id) as RankingEntry, c));
      }
    }
    const fresh = ch.snapshot(AT, []).entries;
    expect(fresh.map((e) => held.get(e.id))).toEqual(fresh);
  });

  it('replays missed frames while it keeps them, else asks for a snapshot', () => {
    const ch = channel();
    for (let i = 1; i <= REPLAY_FRAMES + 5; i++) {
      ch.apply('alpha', score(i % 100, 1 + i, i));
      ch.frame(AT);
    }
    expect(ch.framesSince(ch.seq)).toEqual([]);
    expect(ch.framesSince(ch.seq - 3)?.map((f) => f.seq)).toEqual([ch.seq - 2, ch.seq - 1, ch.seq]);
    expect(ch.framesSince(1000)).toBeNull(); // too old
    expect(ch.framesSince(ch.seq + 1)).toBeNull(); // from another node
  });

  it('a new day’s previous ranks change rank changes on the next frame', () => {
    const ch = channel();
    ch.setPreviousRanks({ alpha: 3, beta: 2, gamma: 1 });
    const frame = ch.frame(AT);
    expect(frame?.changes.map((c) => [c.id, c.rankChange])).toEqual([
      ['alpha', 2],
      ['gamma', -2],
    ]);
  });
});
