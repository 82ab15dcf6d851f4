import type { Alert, Heartbeat, ScoresFrame, Snapshot } from '@region-score/contracts';

// Types are not validation: a payload from the socket is checked for the fields the screen
// relies on before it touches the state.

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function isRow(x: unknown): x is Record<string, unknown> {
  return (
    isObject(x) &&
    typeof x.id === 'string' &&
    typeof x.rank === 'number' &&
    typeof x.score === 'number' &&
    typeof x.sparkBucket === 'number'
  );
}

/** A full ranking row (snapshots). */
function isEntry(x: unknown): boolean {
  return isRow(x) && isObject(x.name) && Array.isArray(x.history);
}

/** A changed row of a frame: no name or history, the newest sparkline point instead. */
function isFrameEntry(x: unknown): boolean {
  return isRow(x) && (typeof x.point === 'number' || x.point === null);
}

/** A snapshot with a channel, a seq and well-formed entries. */
export function isSnapshot(x: unknown): x is Snapshot {
  return (
    isObject(x) &&
    typeof x.channel === 'string' &&
    typeof x.seq === 'number' &&
    Array.isArray(x.entries) &&
    x.entries.every(isEntry) &&
    Array.isArray(x.alerts)
  );
}

/** A scores frame with a channel, a seq and well-formed changes. */
export function isFrame(x: unknown): x is ScoresFrame {
  return (
    isObject(x) &&
    typeof x.channel === 'string' &&
    typeof x.seq === 'number' &&
    Array.isArray(x.changes) &&
    x.changes.every(isFrameEntry)
  );
}

/** An alert with its id, state and district. */
export function isAlert(x: unknown): x is Alert {
  return (
    isObject(x) &&
    typeof x.id === 'string' &&
    typeof x.state === 'string' &&
    typeof x.district === 'string'
  );
}

/** A heartbeat naming the server's dashboard build. */
export function isHeartbeat(x: unknown): x is Heartbeat {
  return (
    isObject(x) &&
    typeof x.build === 'string' &&
    (x.live === undefined || typeof x.live === 'boolean')
  );
}
