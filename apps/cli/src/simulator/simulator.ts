import type { Logger } from 'pino';
import type { ObservationInput, RegionConfig, Region } from '@region-score/contracts';
import {
  RegionCatalog,
  currentYear,
  elapsedFraction,
  localDate,
  periodOf,
} from '@region-score/core';
import type { ApiKeyStore } from '@region-score/platform';
import { drift, levelValue, makeProfiles, sumIncrement, type DistrictProfile } from './demo-model';

export interface Simulator {
  stop(): Promise<void>;
}

export interface SimulatorDeps {
  url: string;
  /** Where the simulator's own reporter key is created. */
  apiKeys: ApiKeyStore;
  regionConfig: RegionConfig;
  logger: Logger;
  /** Live tick interval (default 800 ms). */
  intervalMs?: number;
}

const BATCH = 500;

/**
 * The demo feed: posts realistic values through the public API like a district office would.
 * At start it back-fills the year so far with monthly reports (when the region has no data for
 * this year yet), then keeps posting fresh values: trends, noise, and a few districts slipping.
 */
export async function startSimulator(deps: SimulatorDeps): Promise<Simulator> {
  const { url, apiKeys, regionConfig, logger } = deps;
  const districts = regionConfig.regions.flatMap((r) => r.districts.map((d) => d.id));
  const { token } = await apiKeys.create(
    { id: 'simulator', role: 'reporter', districts, label: 'demo simulator' },
    new Date(),
  );
  const post = async (observations: ObservationInput[]): Promise<void> => {
    for (let i = 0; i < observations.length; i += BATCH) {
      const res = await fetch(`${url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ observations: observations.slice(i, i + BATCH) }),
      });
      if (res.status !== 202)
        logger.warn({ status: res.status, body: await res.text() }, 'simulator post rejected');
    }
  };
  const catalog = new RegionCatalog(regionConfig);
  const profiles = new Map<string, DistrictProfile[]>(
    regionConfig.regions.map((r) => [r.id, makeProfiles(r, Math.random)]),
  );

  for (const region of regionConfig.regions) {
    const needsBackfill = await regionIsEmpty(url, token, region.id);
    if (needsBackfill) {
      const obs = backfill(catalog, region, profiles.get(region.id) ?? [], new Date());
      await post(obs);
      logger.info({ region: region.id, observations: obs.length }, 'demo back-fill posted');
    }
  }

  const todayTotals = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastTick = Date.now();
  const tick = () => {
    if (stopped) return;
    const hours = (Date.now() - lastTick) / 3_600_000;
    lastTick = Date.now();
    for (const list of profiles.values()) for (const p of list) drift(p, hours);
    running = post(liveValues(catalog, regionConfig.regions, profiles, todayTotals, new Date()))
      .catch((err: unknown) => logger.warn({ err }, 'simulator tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.intervalMs ?? 800);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 500);
  logger.info('demo simulator running (SIMULATE=0 turns it off)');
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function regionIsEmpty(url: string, token: string, region: string): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/regions/${region}/rankings`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) return true;
  const body = (await res.json()) as { entries: { version: number }[] };
  return body.entries.every((e) => e.version === 0);
}

/** Monthly reports from January to today for every district × indicator with a target. */
function backfill(
  catalog: RegionCatalog,
  region: Region,
  profiles: DistrictProfile[],
  now: Date,
): ObservationInput[] {
  const year = currentYear(now, region.timezone);
  const period = periodOf(year, region.timezone);
  const today = localDate(now, region.timezone);
  const out: ObservationInput[] = [];
  for (const profile of profiles) {
    for (const indicator of region.indicators) {
      const target = catalog.target(region.id, profile.district, indicator.id, year);
      if (!target) continue;
      const step = Math.max(1, Math.round(indicator.frequencyDays / 30));
      for (let month = step; month <= 12; month += step) {
        const date = `${year}-${String(month).padStart(2, '0')}-01`;
        if (date > today) break;
        const fraction = elapsedFraction(period, new Date(`${date}T12:00:00Z`));
        const noise = (Math.random() * 2 - 1) * 3;
        const value =
          indicator.mode === 'sum'
            ? countable(target, sumIncrement(target, 30 * step, profile.health, noise))
            : levelValue(indicator, target, fraction, profile.health, noise);
        out.push({ district: profile.district, indicator: indicator.id, value, date });
      }
    }
  }
  return out;
}

/** A handful of fresh reports dated today; slipping districts lose ground as time passes. */
function liveValues(
  catalog: RegionCatalog,
  regions: readonly Region[],
  profiles: Map<string, DistrictProfile[]>,
  todayTotals: Map<string, number>,
  now: Date,
): ObservationInput[] {
  const out: ObservationInput[] = [];
  for (const region of regions) {
    const year = currentYear(now, region.timezone);
    const period = periodOf(year, region.timezone);
    const today = localDate(now, region.timezone);
    const fraction = elapsedFraction(period, now);
    const list = profiles.get(region.id) ?? [];
    for (let n = 0; n < 3; n++) {
      const profile = list[Math.floor(Math.random() * list.length)];
      const indicator = region.indicators[Math.floor(Math.random() * region.indicators.length)];
      if (!profile || !indicator) continue;
      const target = catalog.target(region.id, profile.district, indicator.id, year);
      if (!target) continue;
      const noise = (Math.random() * 2 - 1) * 2;
      let value: number;
      if (indicator.mode === 'sum') {
        // Today's running total: a second report for the same date is a correction.
        const key = `${today}/${profile.district}/${indicator.id}`;
        value =
          (todayTotals.get(key) ?? 0) +
          countable(target, sumIncrement(target, 0.05, profile.health, noise));
        value = Math.round(value * 100) / 100;
        todayTotals.set(key, value);
      } else {
        value = levelValue(indicator, target, fraction, profile.health, noise);
      }
      out.push({ district: profile.district, indicator: indicator.id, value, date: today });
    }
  }
  return out;
}

/**
 * Jobs, projects and schools come in whole numbers: when the target is whole, an increment is
 * rounded up or down at random in proportion to its fraction, so totals stay right on average.
 */
function countable(target: { target: number }, increment: number): number {
  if (!Number.isInteger(target.target)) return increment;
  const whole = Math.floor(increment);
  return whole + (Math.random() < increment - whole ? 1 : 0);
}
