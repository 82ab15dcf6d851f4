/** How fresh the live feed is, as the header shows it. */
export type ConnectionKind = 'connecting' | 'live' | 'reconnecting' | 'stale' | 'unauthorized';

export interface ConnectionFacts {
  connected: boolean;
  unauthorized: boolean;
  /** Client time of the last heartbeat or frame, or null before any. */
  lastBeatAt: number | null;
  /** Client time the socket dropped, or null while connected. */
  disconnectedAt: number | null;
  /** False after a heartbeat saying the server lost its data store (`live: false`). */
  serverLive: boolean;
}

export interface ConnectionView {
  kind: ConnectionKind;
  /** For `stale` and `reconnecting`: since when the data has not been confirmed. */
  since: number | null;
}

/** Heartbeats come every second: missing two makes the screen say it is not live (within 3 s). */
export const NOT_LIVE_AFTER_MS = 2_200;

/** After this long without confirmed data the screen says its data is stale, and since when. */
export const STALE_AFTER_MS = 15_000;

/** Derives the header's connection state from what the socket has seen and the clock. */
export function connectionView(
  facts: ConnectionFacts,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): ConnectionView {
  if (facts.unauthorized) return { kind: 'unauthorized', since: null };
  if (facts.lastBeatAt === null) {
    return { kind: facts.disconnectedAt === null ? 'connecting' : 'reconnecting', since: null };
  }
  const silence = now - facts.lastBeatAt;
  if (silence > staleAfterMs) return { kind: 'stale', since: facts.lastBeatAt };
  if (!facts.connected || !facts.serverLive || silence > NOT_LIVE_AFTER_MS) {
    return { kind: 'reconnecting', since: facts.lastBeatAt };
  }
  return { kind: 'live', since: null };
}

/** The last reload this page made because of a new build (kept in sessionStorage). */
export interface ReloadAttempt {
  build: string;
  at: number;
}

/** Do not reload for the same build twice within this window (a server still on an old id). */
export const RELOAD_BACKOFF_MS = 10 * 60_000;

/**
 * A heartbeat naming another build means a new dashboard was deployed: reload, unless this is the
 * dev server or we already reloaded for that build a moment ago (which would loop forever).
 */
export function shouldReload(
  ownBuild: string,
  serverBuild: string,
  lastAttempt: ReloadAttempt | null,
  now: number,
): boolean {
  if (ownBuild === 'dev' || !serverBuild || serverBuild === ownBuild) return false;
  if (
    lastAttempt &&
    lastAttempt.build === serverBuild &&
    now - lastAttempt.at < RELOAD_BACKOFF_MS
  ) {
    return false;
  }
  return true;
}
