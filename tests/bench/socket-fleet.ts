/**
 * A child process holding N wire-level socket.io subscribers, so thousands of screens do not
 * share an event loop with the load generator. Sampled subscribers record when each district
 * version arrived (absolute ms) and any gap in frame sequence numbers (a dropped frame), and send
 * them back over IPC when told to stop.
 */
import { rawSubscriber } from './raw-socket';

interface Start {
  url: string;
  region: string;
  clients: number;
  sampled: number;
}

const now = () => performance.timeOrigin + performance.now();
const records: [observer: number, district: string, version: number, at: number][] = [];
const sockets: { close(): void }[] = [];
const lastSeq = new Map<number, number>();
let gaps = 0;
let frames = 0;

process.on('message', (msg: { type: 'start'; start: Start } | { type: 'stop' }) => {
  if (msg.type === 'start') {
    void (async () => {
      const { url, region, clients, sampled } = msg.start;
      const batch = 50;
      for (let i = 0; i < clients; i += batch) {
        const opened = await Promise.all(
          Array.from({ length: Math.min(batch, clients - i) }, (_, k) => {
            const n = i + k;
            const observe =
              n < sampled
                ? (frame: { seq: number; changes: { id: string; version: number }[] }) => {
                    const at = now();
                    frames += 1;
                    const last = lastSeq.get(n);
                    if (last !== undefined && frame.seq !== last + 1) gaps += 1;
                    lastSeq.set(n, frame.seq);
                    for (const e of frame.changes) records.push([n, e.id, e.version, at]);
                  }
                : undefined;
            return rawSubscriber(url, region, observe);
          }),
        );
        sockets.push(...opened);
      }
      process.send?.({ type: 'ready' });
    })();
  } else {
    for (const s of sockets) s.close();
    process.send?.({ type: 'records', records, gaps, frames }, () => process.exit(0));
  }
});
