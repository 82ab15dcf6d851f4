import { app } from '../state/app.svelte';
import { live } from './feed.svelte';
import { connectionView, type ConnectionView } from './health';

/**
 * The page's connection state as every view shows it: the header pill, the stale look of the
 * wall (desaturated rows, a banner with the time of the last confirmed data), the paused ticker.
 */
class Connection {
  view: ConnectionView = $derived(
    connectionView(
      {
        connected: live.connected,
        unauthorized: live.unauthorized,
        lastBeatAt: live.lastBeatAt,
        disconnectedAt: live.disconnectedAt,
        serverLive: live.serverLive,
      },
      app.now,
    ),
  );
  /** True only while data is confirmed fresh: anything else must look not live. */
  isLive: boolean = $derived(this.view.kind === 'live');
}

/** The page's connection state. */
export const connection = new Connection();
