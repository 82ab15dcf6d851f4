import { TimelineStore, type Platform } from '@region-score/platform';

const stores = new WeakMap<Platform, TimelineStore>();

/**
 * The one value-history reader of a platform, shared by the routes that travel in time
 * (rankings, districts, history, exports) so its cache of decoded history is held once.
 */
export function timelineOf(platform: Platform): TimelineStore {
  let store = stores.get(platform);
  if (!store) {
    store = new TimelineStore(platform.redis, platform.keys);
    stores.set(platform, store);
  }
  return store;
}
