/**
 * A child process holding N wire-level socket.io subscribers, so 1,000 screens do not share an
 * event loop with the load generator. Sampled subscribers record when each district version
 * arrived (absolute ms) and send the records back over IPC when told to stop.
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

process.on('message', (msg: { type: 'start'; start: Start } | { type: 'stop' }) => {
  if (msg.type === 'start') {
    void (async () => {
      const { url, region, clients, sampled } = msg.start;
      for (let i = 0; i < clients; i++) {
        const observe =
          i < sampled
            ? (frame: { changes: { id: string; version: number }[] }, _at: number) => {
                const at = now();
                for (const e of frame.changes) records.push([i, e.id, e.version, at]);
              }
            : undefined;
        sockets.push(await rawSubscriber(url, region, observe));
      }
      process.send?.({ type: 'ready' });
    })();
  } else {
    for (const s of sockets) s.close();
    process.send?.({ type: 'records', records }, () => process.exit(0));
  }
});
