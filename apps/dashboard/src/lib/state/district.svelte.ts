import type { Alert, DistrictDetail, HistoryEntry } from '@region-score/contracts';
import { errorMessage } from '../api/client';
import { app } from './app.svelte';

/** Refetch at most this often while values keep arriving for the district. */
const REFRESH_MS = 2000;

/**
 * One district page's data: detail with indicator results, each indicator's reported history,
 * and the district's alerts. Created by the page; refreshed when the live score version moves.
 */
export class DistrictPage {
  detail = $state.raw<DistrictDetail | null>(null);
  histories = $state.raw<Record<string, HistoryEntry[]>>({});
  alerts = $state.raw<Alert[]>([]);
  error = $state<string | null>(null);
  loaded = $state(false);
  private version = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `asOf`: the day whose end the page shows (a fixed past state, not refreshed); null: live. */
  constructor(
    readonly id: string,
    readonly asOf: string | null = null,
  ) {}

  async load(): Promise<void> {
    try {
      const [detail, alerts] = await Promise.all([
        app.api.district(this.id, this.asOf),
        app.api.alerts({ district: this.id }).catch(() => ({ alerts: [] as Alert[] })),
      ]);
      this.detail = detail;
      this.version = Math.max(this.version, detail.score?.version ?? -1);
      this.alerts = [...alerts.alerts].sort((a, b) => b.activeAt.localeCompare(a.activeAt));
      const ids = detail.score?.indicators.map((r) => r.indicator) ?? [];
      const replies = await Promise.all(
        ids.map((i) => app.api.indicatorHistory(this.id, i).catch(() => null)),
      );
      const histories: Record<string, HistoryEntry[]> = {};
      for (const reply of replies) if (reply) histories[reply.indicator] = reply.entries;
      this.histories = histories;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  /** Called with the live ranking version of the district: refetch when it grew. */
  sync(version: number | undefined): void {
    if (this.asOf !== null) return;
    if (version === undefined || version <= this.version || this.timer) return;
    this.version = version;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, REFRESH_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
