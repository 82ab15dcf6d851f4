import type { Alert } from '@region-score/contracts';
import type { AlertStore, SilenceStore } from '@region-score/platform';
import type { AlertSource } from './context';

/** The alert and silence stores as the notifier reads them. */
export function alertSourceFromStores(alerts: AlertStore, silences: SilenceStore): AlertSource {
  return {
    firing: () => alerts.list({ state: 'firing' }),
    silences: () => silences.list(),
    async current(items: readonly Alert[]) {
      const regions = [...new Set(items.map((a) => a.region))];
      const stored = await Promise.all(regions.map((r) => alerts.region(r)));
      return new Map(stored.flat().map((a) => [a.id, a]));
    },
  };
}
