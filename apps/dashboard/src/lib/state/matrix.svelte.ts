import type { DistrictScore, RankingEntry } from '@region-score/contracts';
import { errorMessage } from '../api/client';
import { app } from './app.svelte';
import { staleDistricts } from './matrix';

/** Fetch at most this often while frames keep naming districts. */
const REFRESH_MS = 1000;
/** Past this many stale districts one region request is cheaper than one per district. */
const BULK_AFTER = 4;

/**
 * The heat map's data: every district's score with indicator detail, keyed by district. Rows are
 * refetched when a live frame shows a newer score version for them, at most once a second.
 */
class MatrixState {
  scores = $state.raw<Record<string, DistrictScore>>({});
  region = $state<string | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private pending = false;
  /** Version each district was last fetched for (plain: not shown). */
  private requested: Record<string, number> = {};

  async load(region: string): Promise<void> {
    this.region = region;
    this.loading = true;
    try {
      const reply = await app.api.regionScores(region);
      if (this.region !== region) return;
      this.scores = Object.fromEntries(reply.scores.map((s) => [s.district, s]));
      this.requested = Object.fromEntries(reply.scores.map((s) => [s.district, s.version]));
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  /** Called with the live ranking: schedules a refetch of rows that are behind it. */
  sync(entries: readonly RankingEntry[]): void {
    if (this.loading || this.pending || !this.region) return;
    const stale = staleDistricts(this.scores, entries, this.requested);
    if (stale.length === 0) return;
    for (const e of entries) if (stale.includes(e.id)) this.requested[e.id] = e.version;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      void this.refresh(stale);
    }, REFRESH_MS);
  }

  private async refresh(ids: string[]): Promise<void> {
    const region = this.region;
    if (!region) return;
    if (ids.length > BULK_AFTER) {
      await this.load(region);
      return;
    }
    try {
      const details = await Promise.all(ids.map((id) => app.api.district(id)));
      if (this.region !== region) return;
      const next = { ...this.scores };
      for (const detail of details) if (detail.score) next[detail.district] = detail.score;
      this.scores = next;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
}

/** The heat map's shared state. */
export const matrix = new MatrixState();
