import type { Redis } from 'ioredis';
import type { Alert } from '@region-score/contracts';
import { listAlerts, listSilences, readRegionAlerts, type KeySpace } from '@region-score/platform';
import type { AlertSource } from './notifier';

/** The alert store (`@region-score/platform`'s alert-store) as the notifier reads it. */
export function alertSourceFromStore(redis: Redis, keys: KeySpace): AlertSource {
  return {
    firing: () => listAlerts(redis, keys, { state: 'firing' }),
    silences: () => listSilences(redis, keys),
    async current(alerts: readonly Alert[]) {
      const regions = [...new Set(alerts.map((a) => a.region))];
      const stored = await Promise.all(regions.map((r) => readRegionAlerts(redis, keys, r)));
      return new Map(stored.flat().map((a) => [a.id, a]));
    },
  };
}
