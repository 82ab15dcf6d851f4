import type { Indicator, Region, Target } from '@region-score/contracts';
import { planToDate } from '@region-score/core';

/**
 * A believable district: how well it tracks its plan (1 = exactly on plan) and whether it is
 * slipping. Pure: the simulator draws the randomness and passes it in.
 */
export interface DistrictProfile {
  district: string;
  /** Multiplier on the plan: 1.05 reports 5% above plan to date, 0.8 is behind. */
  health: number;
  /** Change of health per hour of wall time (negative: slipping, visible within minutes). */
  driftPerHour: number;
}

/** Profiles for a region's districts: most on track, a few weak, a few slipping, some stars. */
export function makeProfiles(region: Region, random: () => number): DistrictProfile[] {
  return region.districts.map((d, i) => {
    if (i % 7 === 3)
      return {
        district: d.id,
        health: 0.95 + random() * 0.04,
        driftPerHour: -0.5 - random() * 0.3,
      };
    if (i % 6 === 5) return { district: d.id, health: 0.72 + random() * 0.1, driftPerHour: 0 };
    return { district: d.id, health: 0.9 + random() * 0.22, driftPerHour: (random() - 0.5) * 0.1 };
  });
}

/** Moves a profile along its drift for `hours` of wall time, never below 0.5 or above 1.2. */
export function drift(profile: DistrictProfile, hours: number): void {
  profile.health = Math.min(1.2, Math.max(0.5, profile.health + profile.driftPerHour * hours));
}

/** A level value for a point of the year: the plan to date times health, with noise (±%). */
export function levelValue(
  indicator: Indicator,
  target: Target,
  fraction: number,
  health: number,
  noisePct: number,
): number {
  const plan = planToDate(indicator, target, fraction);
  const factor = health * (1 + noisePct / 100);
  // Lower is better: a healthy district stays below its plan, an unhealthy one above it.
  return clamp(indicator, indicator.direction === 'higher' ? plan * factor : plan / factor);
}

/** A `sum` increment for a span of days: the planned share of the target, times health, with noise. */
export function sumIncrement(
  target: Target,
  days: number,
  health: number,
  noisePct: number,
): number {
  const planned = (target.target / 365) * days * health * (1 + noisePct / 100);
  return Math.max(0, Math.round(planned * 100) / 100);
}

function clamp(indicator: Indicator, value: number): number {
  const min = indicator.range?.min ?? -Infinity;
  const max = indicator.range?.max ?? Infinity;
  return Math.round(Math.min(max, Math.max(min, value)) * 100) / 100;
}
