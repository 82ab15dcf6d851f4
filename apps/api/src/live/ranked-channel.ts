import type {
  Alert,
  Channel,
  LocalizedName,
  RankingEntry,
  ScoresFrame,
  Snapshot,
  Thresholds,
} from '@region-score/contracts';
import {
  aggregateRows,
  isNewer,
  rankEntries,
  toFrameEntry,
  withRowScore,
  type Aggregate,
  type RowScore,
  type UnrankedEntry,
} from '@region-score/core';

/** Frames kept per channel so a reconnecting client can catch up without a snapshot. */
export const REPLAY_FRAMES = 100;

/**
 * The live state of one channel (a region's ranking, or the national ranking of regions): rows as
 * last known, and what was last sent, so a frame carries only entries whose data, score, rank or
 * status changed. The row, its ranking and its aggregate are core's; this class only keeps state
 * and sequence numbers. No I/O: the gateway feeds it and sends what it returns.
 */
export class RankedChannel {
  private readonly rows = new Map<string, UnrankedEntry>();
  /** When each row's score was computed (orders two updates of one data version). */
  private readonly computedAt = new Map<string, string>();
  private sent = new Map<string, RankingEntry>();
  private readonly frames: ScoresFrame[] = [];
  private dirty = false;
  /** Seq of the last frame (or of the state a snapshot shows). */
  seq: number;

  constructor(
    readonly channel: Channel,
    readonly name: LocalizedName,
    private readonly thresholds: Thresholds,
    initial: readonly UnrankedEntry[],
    private previousRanks: Record<string, number>,
    seqBase: number,
  ) {
    this.seq = seqBase;
    for (const row of initial) this.rows.set(row.id, row);
    this.sent = new Map(this.ranked().map((e) => [e.id, e]));
  }

  /**
   * Merges a row's score unless the known one is as new or newer (core's `isNewer`); true when
   * something changed. Unknown ids are ignored: the config fixes the rows.
   */
  apply(id: string, score: RowScore): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    const known = this.computedAt.get(id);
    if (!isNewer(score, { version: row.version, computedAt: known ?? '' })) return false;
    this.computedAt.set(id, score.computedAt);
    this.rows.set(id, withRowScore(row, score));
    this.dirty = true;
    return true;
  }

  /** Yesterday's ranks changed (a new day began): rank changes are recomputed on the next frame. */
  setPreviousRanks(ranks: Record<string, number>): void {
    this.previousRanks = ranks;
    this.dirty = true;
  }

  get hasChanges(): boolean {
    return this.dirty;
  }

  /** The channel's aggregate (core's `aggregateRows`). */
  aggregate(): Aggregate {
    return aggregateRows([...this.rows.values()], this.thresholds);
  }

  /** The next frame, or null when nothing visible changed. */
  frame(at: Date): ScoresFrame | null {
    if (!this.dirty) return null;
    this.dirty = false;
    const ranked = this.ranked();
    const changes = ranked.filter((e) => !sameVisible(this.sent.get(e.id), e));
    if (changes.length === 0) return null;
    this.sent = new Map(ranked.map((e) => [e.id, e]));
    const { score, status } = this.aggregate();
    const frame: ScoresFrame = {
      channel: this.channel,
      seq: ++this.seq,
      at: at.toISOString(),
      score,
      status,
      changes: changes.map(toFrameEntry),
    };
    this.frames.push(frame);
    if (this.frames.length > REPLAY_FRAMES) this.frames.shift();
    return frame;
  }

  /** The frames after `lastSeq`, or null when they are no longer all kept (send a snapshot). */
  framesSince(lastSeq: number): ScoresFrame[] | null {
    if (lastSeq === this.seq) return [];
    const first = this.frames[0];
    if (lastSeq > this.seq || !first || lastSeq < first.seq - 1) return null;
    return this.frames.filter((f) => f.seq > lastSeq);
  }

  /** The full current state as last sent (frames continue from its seq). */
  snapshot(at: Date, alerts: Alert[]): Snapshot {
    const { score, status } = this.aggregate();
    return {
      channel: this.channel,
      seq: this.seq,
      at: at.toISOString(),
      name: this.name,
      score,
      status,
      entries: [...this.sent.values()].sort((a, b) => a.rank - b.rank),
      alerts,
    };
  }

  private ranked(): RankingEntry[] {
    return rankEntries([...this.rows.values()], this.previousRanks);
  }
}

/**
 * Whether a screen already shows this entry. A new data version counts as a change even when
 * the rounded score stays the same: the screen learns the district reported (and its version),
 * and a client waiting for its value knows it has been scored.
 */
function sameVisible(a: RankingEntry | undefined, b: RankingEntry): boolean {
  return (
    a !== undefined &&
    a.version === b.version &&
    a.score === b.score &&
    a.rank === b.rank &&
    a.rankChange === b.rankChange &&
    a.status === b.status &&
    a.coverage === b.coverage
  );
}
