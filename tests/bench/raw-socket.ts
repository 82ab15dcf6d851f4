import WebSocket from 'ws';
import type { ScoresFrame } from '@region-score/contracts';

/**
 * A socket.io client reduced to the wire protocol (engine.io v4 over WebSocket): connects,
 * subscribes, answers pings, and parses frames only when asked to. A thousand of these cost the
 * load generator little, so the benchmark measures the server, not 1,000 full clients sharing
 * its 2 cores.
 */
export function rawSubscriber(
  url: string,
  region: string,
  onFrame?: (frame: ScoresFrame, at: number) => void,
): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const text = data.toString();
      if (text.startsWith('0')) ws.send('40');
      else if (text.startsWith('40')) ws.send(`420${JSON.stringify(['subscribe', { region }])}`);
      else if (text.startsWith('430')) resolve(ws);
      else if (text === '2') ws.send('3');
      else if (onFrame && text.startsWith('42["scores"')) {
        const [, frame] = JSON.parse(text.slice(2)) as [string, ScoresFrame];
        onFrame(frame, at);
      }
    });
  });
}
