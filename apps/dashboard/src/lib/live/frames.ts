import type { Alert, RankingEntry, ScoresFrame, Snapshot, Status } from '@region-score/contracts';
import { mergeFrameEntry } from '@region-score/core';

/** Alerts kept for the ticker and the live alert list. */
export const ALERTS_CAP = 500;

/** One channel's ranking as the screen holds it: entries keyed by id, never an append-only list. */
export interface RankingData {
  seq: number;
  at: string;
  score: number;
  status: Status;
  entries: Readonly<Record<string, RankingEntry>>;
}

/** What to do with an incoming frame, given the last seq applied on its channel. */
export type FrameVerdict = 'apply' | 'duplicate' | 'gap' | 'no-snapshot';

/**
 * Frames on a channel carry seq + 1 each. An older or repeated seq is dropped; a jump means frames
 * were missed and only a fresh snapshot can repair the state.
 */
export function checkSeq(lastSeq: number | null, frameSeq: number): FrameVerdict {
  if (lastSeq === null) return 'no-snapshot';
  if (frameSeq <= lastSeq) return 'duplicate';
  return frameSeq === lastSeq + 1 ? 'apply' : 'gap';
}

/**
 * Builds the screen's state from a snapshot. Sparklines arrive at most `SPARKLINE.points` long and
 * `mergeFrameEntry` keeps them so, so the wall never grows without bound over weeks.
 */
export function fromSnapshot(snapshot: Snapshot): RankingData {
  const entries: Record<string, RankingEntry> = {};
  for (const entry of snapshot.entries) entries[entry.id] = entry;
  return {
    seq: snapshot.seq,
    at: snapshot.at,
    score: snapshot.score,
    status: snapshot.status,
    entries,
  };
}

/** The outcome of applying one frame. */
export interface FrameResult {
  data: RankingData;
  /** Ids whose score changed (their value flashes). */
  changed: string[];
  /** Ids whose status became `behind` with this frame (the rotation shows them first). */
  newlyBehind: string[];
}

/**
 * Applies a frame's changed entries to the state without mutating it: unchanged entries keep their
 * identity, so only the rows that changed re-render.
 */
export function applyFrame(data: RankingData, frame: ScoresFrame): FrameResult {
  const entries: Record<string, RankingEntry> = { ...data.entries };
  const changed: string[] = [];
  const newlyBehind: string[] = [];
  for (const change of frame.changes) {
    const before = data.entries[change.id];
    // Frames only carry rows the snapshot already had (the config fixes the rows).
    if (!before) continue;
    entries[change.id] = mergeFrameEntry(before, change);
    if (!before || before.score !== change.score) changed.push(change.id);
    if (change.status === 'behind' && before && before.status !== 'behind') {
      newlyBehind.push(change.id);
    }
  }
  return {
    data: { seq: frame.seq, at: frame.at, score: frame.score, status: frame.status, entries },
    changed,
    newlyBehind,
  };
}

/** Entries in ranking order: by rank, ties by id so the order is stable. */
export function rankingOrder(entries: Readonly<Record<string, RankingEntry>>): RankingEntry[] {
  return Object.values(entries).sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

/**
 * Adds or updates an alert in a newest-first list capped at `cap`; a resolved alert leaves the
 * list of firing ones.
 */
export function upsertAlert(alerts: readonly Alert[], alert: Alert, cap = ALERTS_CAP): Alert[] {
  const rest = alerts.filter((a) => a.id !== alert.id);
  if (alert.state === 'resolved') return rest;
  return [alert, ...rest].slice(0, cap);
}

/** Newest first by last update, capped: used for the snapshot's recent alerts. */
export function recentAlerts(alerts: readonly Alert[], cap = ALERTS_CAP): Alert[] {
  return alerts
    .filter((a) => a.state !== 'resolved')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, cap);
}

/** A row's rank move kept on screen for a while: where it came from and when it moved. */
export interface RankMoveMark {
  from: number;
  at: number;
}

/** How long a moved row keeps its mark: long enough for the room to notice between glances. */
export const MOVE_MARK_MS = 5 * 60_000;

/**
 * Marks rows whose rank changed between `before` and `after`, keeping the first origin of a
 * row that moves again within the window, and dropping marks older than `windowMs`.
 */
export function markMoves(
  marks: Readonly<Record<string, RankMoveMark>>,
  before: Readonly<Record<string, RankingEntry>>,
  after: Readonly<Record<string, RankingEntry>>,
  now: number,
  windowMs = MOVE_MARK_MS,
): Record<string, RankMoveMark> {
  const next: Record<string, RankMoveMark> = {};
  for (const [id, mark] of Object.entries(marks)) {
    if (now - mark.at < windowMs) next[id] = mark;
  }
  for (const [id, entry] of Object.entries(after)) {
    const old = before[id];
    if (!old || old.rank === entry.rank) continue;
    const from = next[id]?.from ?? old.rank;
    if (from === entry.rank) delete next[id];
    else next[id] = { from, at: now };
  }
  return next;
}
