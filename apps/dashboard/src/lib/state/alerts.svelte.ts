import type { Alert } from '@region-score/contracts';
import { errorMessage } from '../api/client';
import { app } from './app.svelte';
import { live } from '../live/feed.svelte';
import { orderAlerts, silenceFor, type AlertFilter, type AlertGrouping } from './alerts';

export { SILENCE_HOURS } from './alerts';

/**
 * The alerts page: firing alerts of the region, and the analyst's actions on them. The list is a
 * snapshot: live alert events only count as "new" until the analyst refreshes, so nothing moves
 * while they type an acknowledgement.
 */
class AlertsState {
  list = $state.raw<Alert[]>([]);
  filter = $state<AlertFilter>({ severity: '', district: '', rule: '' });
  grouping = $state<AlertGrouping>('none');
  /** The live alert event counter when the list was loaded (see `live.alertEvents`). */
  loadedAtEvent = $state(0);
  error = $state<string | null>(null);
  loaded = $state(false);
  /** Last action's outcome per alert id, shown under it. */
  outcome = $state<Record<string, { ok: boolean; text: string }>>({});

  /** Loads the firing alerts; later live alert events count as new until the next load. */
  async load(region: string): Promise<void> {
    const eventCount = live.alertEvents;
    try {
      const reply = await app.api.alerts({ state: 'firing', region });
      this.list = orderAlerts(reply.alerts);
      this.loadedAtEvent = eventCount;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  async ack(alert: Alert, comment: string): Promise<void> {
    await this.act(alert, () => app.api.ack(alert.id, comment));
  }

  async silence(alert: Alert, hours: number, comment: string): Promise<void> {
    await this.act(alert, () => app.api.silence(silenceFor(alert, hours, comment, Date.now())));
  }

  private async act(alert: Alert, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.outcome[alert.id] = { ok: true, text: app.t('done') };
      await this.load(alert.region);
    } catch (err) {
      this.outcome[alert.id] = {
        ok: false,
        text: app.t('action_failed', { error: errorMessage(err) }),
      };
    }
  }
}

/** The alerts page's shared state. */
export const alertsPage = new AlertsState();
