import type { IndicatorHistoryReply, ObservationInput } from '@region-score/contracts';
import { localDate } from '@region-score/core';

const DISTRICTS = ['alpha', 'beta', 'gamma'] as const;

/**
 * Exact accounting of posted values: each observation is a `jobs` increment (a `sum` indicator of
 * the small test region) with a client id unique to the run, so a lost or doubled value shows in
 * the stored history. Only values the API acknowledged with 202 must be there, each exactly once.
 */
export class Ledger {
  readonly acknowledged = new Set<string>();
  readonly statuses = new Map<number, number>();
  private next = 0;

  constructor(readonly run: string) {}

  batch(size: number): ObservationInput[] {
    const date = localDate(new Date(), 'Asia/Almaty');
    return Array.from({ length: size }, () => {
      const n = this.next++;
      return {
        district: DISTRICTS[n % DISTRICTS.length] as string,
        indicator: 'jobs',
        value: 1,
        date,
        id: `${this.run}-${n}`,
      };
    });
  }

  /** Posts one batch; records the ids when the API acknowledged them. */
  async post(url: string, token: string, size = 20, timeoutMs = 10_000): Promise<number> {
    const observations = this.batch(size);
    let status = 0;
    try {
      const res = await fetch(`${url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ observations }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0; // connection refused, reset or timed out: not acknowledged
    }
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status === 202) for (const o of observations) this.acknowledged.add(o.id as string);
    return status;
  }

  /** Posts batches back to back until `until()` is true; `clients` loops run in parallel. */
  async load(
    url: string,
    token: string,
    until: () => boolean,
    { clients = 4, size = 20, pauseMs = 0 } = {},
  ): Promise<void> {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (!until()) {
          await this.post(url, token, size);
          if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        }
      }),
    );
  }

  /** Acknowledged ids missing from the history, and ids stored more than once. */
  async audit(url: string, token: string): Promise<{ missing: string[]; doubled: string[] }> {
    const counts = new Map<string, number>();
    for (const district of DISTRICTS) {
      const res = await fetch(`${url}/api/v1/districts/${district}/indicators/jobs/history`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`history of ${district}: ${res.status}`);
      const body = (await res.json()) as IndicatorHistoryReply;
      for (const e of body.entries) {
        if (e.clientId?.startsWith(`${this.run}-`)) {
          counts.set(e.clientId, (counts.get(e.clientId) ?? 0) + 1);
        }
      }
    }
    return {
      missing: [...this.acknowledged].filter((id) => !counts.has(id)),
      doubled: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    };
  }
}
