import type { ScoreHistoryReply, Thresholds } from '@region-score/contracts';
import { DEFAULT_THRESHOLDS } from '../format/status';
import { app } from './app.svelte';

/** Days of closing scores the wall's sparklines span. */
export const HISTORY_DAYS = 14;
/** Closing scores change once a day: a refresh every few minutes keeps "today" and the zone right. */
const REFRESH_MS = 5 * 60_000;

/**
 * The region's daily closing scores and its status thresholds, fetched once per region and
 * refreshed now and then: the legend states the thresholds, sparklines share one scale.
 */
class ScoreHistory {
  reply = $state.raw<ScoreHistoryReply | null>(null);
  thresholds: Thresholds = $derived(this.reply?.thresholds ?? DEFAULT_THRESHOLDS);
  /** Closing scores of the last days by district id, oldest first. */
  closing: Readonly<Record<string, readonly number[]>> = $derived(
    Object.fromEntries((this.reply?.districts ?? []).map((d) => [d.id, d.closing])),
  );
  private region: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Loads `region` (again only if it changed) and keeps it fresh. */
  watch(region: string): void {
    if (this.region === region) return;
    this.region = region;
    this.reply = null;
    void this.load();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  private async load(): Promise<void> {
    const region = this.region;
    if (!region) return;
    try {
      const reply = await app.api.scoreHistory(region, HISTORY_DAYS);
      if (this.region === region) this.reply = reply;
    } catch {
      // The legend falls back to the default thresholds; the next refresh tries again.
    }
  }
}

/** The page's score history. */
export const scoreHistory = new ScoreHistory();
