import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  RankingEntry,
  ScoresFrame,
  ServerToClientEvents,
  Snapshot,
  Subscription,
} from '@region-score/contracts';
import { mergeFrameEntry } from '@region-score/core';

/**
 * A real socket.io client that keeps the ranking the way a screen does: snapshot, then frames;
 * re-subscribes with its last seq after every (re)connect.
 */
export class LiveClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly snapshots: Snapshot[] = [];
  readonly frames: ScoresFrame[] = [];
  readonly entries = new Map<string, RankingEntry>();
  lastSeq: number | undefined;

  constructor(url: string, subscription: Subscription, token?: string) {
    this.socket = io(url, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnectionDelay: 50,
    });
    this.socket.on('connect', () => {
      const sub =
        this.lastSeq === undefined ? subscription : { ...subscription, lastSeq: this.lastSeq };
      this.socket.emit('subscribe', sub, () => undefined);
    });
    this.socket.on('snapshot', (s) => {
      this.snapshots.push(s);
      this.entries.clear();
      for (const e of s.entries) this.entries.set(e.id, e);
      this.lastSeq = s.seq;
    });
    this.socket.on('scores', (f) => {
      this.frames.push(f);
      for (const e of f.changes) {
        const held = this.entries.get(e.id);
        if (held) this.entries.set(e.id, mergeFrameEntry(held, e));
      }
      this.lastSeq = f.seq;
    });
  }

  /** Entries by rank. */
  ranking(): RankingEntry[] {
    return [...this.entries.values()].sort((a, b) => a.rank - b.rank);
  }

  close(): void {
    this.socket.disconnect();
  }
}
