import type {
  Alert,
  Channel,
  FrameEntry,
  LocalizedName,
  RankingEntry,
  ScoresFrame,
  Snapshot,
  Status,
  Thresholds,
} from '@region-score/contracts';
import { aggregateScore, rankEntries, statusOf, type UnrankedEntry } from '@region-score/core';

/** Frames kept per channel so a reconnecting client can catch up without a snapshot. */
const REPLAY_FRAMES = 100;
/** Sparkline points kept per row, one per minute (matches the stored score history). */
const HISTORY_POINTS = 60;
const HISTORY_BUCKET_MS = 60_000;

/** What one update of a row carries. */
export interface RowUpdate {
  id: string;
  score: number;
  status: Status;
  coverage: number;
  version: number;
  /** ISO instant the score was computed: orders two updates of the same version. */
  computedAt: string;
}

/**
 * The live state of one channel (a region's ranking, or the national ranking of regions):
 * rows as last known, and what was last sent, so a frame carries only entries whose score,
 * rank or status changed. No I/O: the gateway feeds it and sends what it returns.
 */
export class RankedChannel {
  private readonly rows = new Map<string, UnrankedEntry>();
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
    initial: readonly RankingEntry[],
    private previousRanks: Record<string, number>,
    seqBase: number,
  ) {
    this.seq = seqBase;
    for (const e of initial) {
      const { rank: _rank, rankChange: _change, ...row } = e;
      this.rows.set(e.id, row);
    }
    this.sent = new Map(this.ranked().map((e) => [e.id, e]));
  }

  /** Merges an update unless an equal or newer one is known; true when something changed. */
  apply(update: RowUpdate): boolean {
    const row = this.rows.get(update.id);
    if (!row) return false;
    const known = this.computedAt.get(update.id);
    if (
      update.version < row.version ||
      (update.version === row.version && known && update.computedAt <= known)
    ) {
      return false;
    }
    this.computedAt.set(update.id, update.computedAt);
    // The same rule clients apply to frames (see FrameEntry): one point per minute.
    const bucket = Math.floor(Date.parse(update.computedAt) / HISTORY_BUCKET_MS);
    const history = [...row.history];
    if (row.sparkBucket === bucket && history.length > 0)
      history[history.length - 1] = update.score;
    else history.push(update.score);
    this.rows.set(update.id, {
      ...row,
      score: update.score,
      status: update.status,
      coverage: update.coverage,
      version: update.version,
      history: history.slice(-HISTORY_POINTS),
      sparkBucket: bucket,
    });
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

  /** The channel's aggregate: mean of the rows' scores. */
  aggregate(): { score: number; status: Status; coverage: number; version: number } {
    const rows = [...this.rows.values()];
    const score = aggregateScore(rows.map((r) => r.score));
    const coverage = rows.length ? rows.reduce((a, r) => a + r.coverage, 0) / rows.length : 0;
    return {
      score,
      status: statusOf(score, this.thresholds),
      coverage: Math.round(coverage * 10_000) / 10_000,
      version: rows.reduce((a, r) => a + r.version, 0),
    };
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

function toFrameEntry(entry: RankingEntry): FrameEntry {
  const { history, name: _name, ...rest } = entry;
  return { ...rest, point: history[history.length - 1] ?? entry.score };
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
