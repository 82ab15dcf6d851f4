import { describe, expect, it } from 'vitest';
import type { RankingEntry } from '@region-score/contracts';
import {
  markMoves,
  applyFrame,
  checkSeq,
  fromSnapshot,
  rankingOrder,
  recentAlerts,
  upsertAlert,
} from '../../src/lib/live/frames';
import { SPARKLINE } from '@region-score/core';
import { alert, change, entry, frame, snapshot } from './factories';

describe('checkSeq', () => {
  it('applies the next frame in sequence', () => {
    expect(checkSeq(10, 11)).toBe('apply');
  });

  it('detects a gap when frames were missed', () => {
    expect(checkSeq(10, 12)).toBe('gap');
    expect(checkSeq(0, 5)).toBe('gap');
  });

  it('drops repeated or older frames', () => {
    expect(checkSeq(10, 10)).toBe('duplicate');
    expect(checkSeq(10, 3)).toBe('duplicate');
  });

  it('waits for a snapshot before applying anything', () => {
    expect(checkSeq(null, 1)).toBe('no-snapshot');
  });
});

describe('applyFrame', () => {
  const a = entry({ id: 'a', rank: 1, score: 95 });
  const b = entry({ id: 'b', rank: 2, score: 80, status: 'at_risk' });
  const c = entry({ id: 'c', rank: 3, score: 70, status: 'at_risk' });
  const start = fromSnapshot(snapshot([a, b, c]));

  it('replaces only the changed entries and keeps the others as they were', () => {
    const { data, changed } = applyFrame(
      start,
      frame([change({ id: 'c', rank: 1, score: 99 }), change({ id: 'a', rank: 2, score: 95 })]),
    );
    expect(data.seq).toBe(11);
    expect(data.score).toBe(86);
    expect(data.entries.b).toBe(start.entries.b);
    expect(data.entries.c?.rank).toBe(1);
    expect(rankingOrder(data.entries).map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(changed).toEqual(['c']);
  });

  it('does not mutate the previous state', () => {
    applyFrame(start, frame([change({ id: 'a', score: 10 })]));
    expect(start.entries.a?.score).toBe(95);
    expect(start.seq).toBe(10);
  });

  it('reports districts that just turned red', () => {
    const { newlyBehind } = applyFrame(
      start,
      frame([
        change({ id: 'b', rank: 2, score: 60, status: 'behind' }),
        change({ id: 'c', rank: 3, score: 72, status: 'at_risk' }),
      ]),
    );
    expect(newlyBehind).toEqual(['b']);
    const again = applyFrame(
      fromSnapshot(snapshot([entry({ id: 'b', status: 'behind' })])),
      frame([change({ id: 'b', status: 'behind', score: 50 })]),
    );
    expect(again.newlyBehind).toEqual([]);
  });

  it('keeps sparklines at core’s SPARKLINE.points so the state never grows unbounded', () => {
    const full = Array.from({ length: SPARKLINE.points }, (_, i) => i);
    const held = fromSnapshot(snapshot([entry({ id: 'a', history: full })]));
    let data = held;
    for (let bucket = 1; bucket <= 500; bucket++) {
      data = applyFrame(
        data,
        frame([
          change({ id: 'a', point: 1000 + bucket, sparkBucket: bucket * SPARKLINE.bucketMs }),
        ]),
      ).data;
    }
    expect(data.entries.a?.history).toHaveLength(SPARKLINE.points);
    expect(data.entries.a?.history.at(-1)).toBe(1500);
  });
});

describe('sparkline points from frames', () => {
  const held = fromSnapshot(snapshot([entry({ id: 'a', history: [1, 2, 3], sparkBucket: 100 })]));

  it('replaces the last point within the same minute', () => {
    const { data } = applyFrame(held, frame([change({ id: 'a', point: 4, sparkBucket: 100 })]));
    expect(data.entries.a?.history).toEqual([1, 2, 4]);
  });

  it('appends a point in a new minute and keeps the name from the snapshot', () => {
    const { data } = applyFrame(held, frame([change({ id: 'a', point: 5, sparkBucket: 101 })]));
    expect(data.entries.a?.history).toEqual([1, 2, 3, 5]);
    expect(data.entries.a?.name.en).toBe('a');
  });
});

describe('rankingOrder', () => {
  it('orders by rank, ties by id', () => {
    const order = rankingOrder({
      z: entry({ id: 'z', rank: 2 }),
      y: entry({ id: 'y', rank: 2 }),
      x: entry({ id: 'x', rank: 1 }),
    });
    expect(order.map((e) => e.id)).toEqual(['x', 'y', 'z']);
  });
});

describe('alerts for the ticker', () => {
  it('puts an updated alert first once and caps the list', () => {
    let list = [alert({ id: 'a' }), alert({ id: 'b' })];
    list = upsertAlert(list, alert({ id: 'b', severity: 'critical' }), 3);
    expect(list.map((x) => x.id)).toEqual(['b', 'a']);
    for (const id of ['c', 'd', 'e']) list = upsertAlert(list, alert({ id }), 3);
    expect(list.map((x) => x.id)).toEqual(['e', 'd', 'c']);
  });

  it('drops resolved alerts', () => {
    const list = upsertAlert([alert({ id: 'a' })], alert({ id: 'a', state: 'resolved' }));
    expect(list).toEqual([]);
    const recent = recentAlerts([
      alert({ id: 'old', updatedAt: '2025-01-01T00:00:00Z' }),
      alert({ id: 'gone', state: 'resolved' }),
      alert({ id: 'new', updatedAt: '2025-02-01T00:00:00Z' }),
    ]);
    expect(recent.map((x) => x.id)).toEqual(['new', 'old']);
  });
});

describe('markMoves', () => {
  const at = (rank: number) => ({ rank }) as RankingEntry;
  it('marks a row that moved, keeps its first origin, and forgets it after the window', () => {
    const first = markMoves({}, { a: at(20), b: at(1) }, { a: at(1), b: at(2) }, 1000, 60_000);
    expect(first).toEqual({ a: { from: 20, at: 1000 }, b: { from: 1, at: 1000 } });
    const second = markMoves(first, { a: at(1), b: at(2) }, { a: at(2), b: at(1) }, 2000, 60_000);
    // b is back where it started: no mark; a keeps "from 20".
    expect(second).toEqual({ a: { from: 20, at: 2000 } });
    expect(markMoves(second, { a: at(2) }, { a: at(2) }, 70_000, 60_000)).toEqual({});
  });
});
