import type { RankingEntry } from '@region-score/contracts';
import { errorMessage } from '../api/client';
import { app } from './app.svelte';

/** `?asOf=YYYY-MM-DD` of the page's query: the past day a view shows, or null for live. */
export function asOfOf(search: string): string | null {
  return /[?&]asOf=(\d{4}-\d{2}-\d{2})(?:&|$)/.exec(search)?.[1] ?? null;
}

/**
 * A ranking as it stood at the end of a past day (wall or national view): fetched once per day
 * and region, never updated live.
 */
export class PastRanking {
  entries = $state.raw<RankingEntry[] | null>(null);
  score = $state<number | null>(null);
  error = $state<string | null>(null);
  private asked = '';

  /** Loads the region's (or, with `region` null, the national) ranking as of `asOf`. */
  async load(region: string | null, asOf: string): Promise<void> {
    const key = `${region ?? '*'}/${asOf}`;
    if (key === this.asked) return;
    this.asked = key;
    this.entries = null;
    try {
      const ranking = region ? await app.api.rankings(region, asOf) : null;
      const national = region ? null : await app.api.national(asOf);
      if (this.asked !== key) return;
      this.entries = ranking?.entries ?? national?.entries ?? [];
      this.score = ranking?.score ?? null;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
}
