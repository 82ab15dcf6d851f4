import type { RankingEntry } from '@region-score/contracts';
import { app } from './app.svelte';

/** How often the districts beside each region are refetched (they are context, not the news). */
const REFRESH_MS = 30_000;

/** The district rankings of a few regions, for the national view's room-filling layout. */
export class RegionDistricts {
  byRegion = $state.raw<Record<string, RankingEntry[]>>({});

  /** Loads each region's ranking now and every 30 s; returns the stop function for `$effect`. */
  watch(regions: readonly string[]): () => void {
    const load = async () => {
      const replies = await Promise.allSettled(regions.map((id) => app.api.rankings(id)));
      const next: Record<string, RankingEntry[]> = {};
      replies.forEach((reply, i) => {
        const id = regions[i];
        if (id && reply.status === 'fulfilled') next[id] = reply.value.entries;
      });
      this.byRegion = next;
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }
}
