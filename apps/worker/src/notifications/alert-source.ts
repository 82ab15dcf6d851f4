import type { Alert } from '@region-score/contracts';
import type { AlertStore, SilenceStore } from '@region-score/platform';
import type { AlertSource } from './context';

/** The alert and silence stores as the notifier reads them. */
export function alertSourceFromStores(alerts: AlertStore, silences: SilenceStore): AlertSource {
  return {
    firing: () => alerts.list({ state: 'firing' }),
    silences: () => silences.list(),
    async current(items: readonly Alert[]) {
      const byRegion = new Map<string, Set<string>>();
      for (const a of items)
        byRegion.set(a.region, (byRegion.get(a.region) ?? new Set()).add(a.district));
      const stored = await Promise.all(
        [...byRegion].map(([region, districts]) => alerts.districts(region, [...districts])),
      );
      return new Map(stored.flat().map((a) => [a.id, a]));
    },
  };
}
