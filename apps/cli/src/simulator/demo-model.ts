import type { Indicator, Region, Target } from '@region-score/contracts';

/**
 * A believable district: how well it tracks its plan (1 = exactly on plan) and whether it is
 * slipping over time. Pure: the simulator draws the randomness and passes it in.
 */
export interface DistrictProfile {
  district: string;
  /** Multiplier on plan progress; < 0.85 makes a district fall behind. */
  health: number;
  /** Change of health per simulated hour (negative: slipping). */
  drift: number;
}

/** Profiles for a region's districts: mostly on track, a few slipping, one star. */
export function makeProfiles(region: Region, random: () => number): DistrictProfile[] {
  return region.districts.map((d, i) => {
    const slipping = i % 7 === 3;
    return {
      district: d.id,
      health: slipping ? 0.9 + random() * 0.05 : 0.88 + random() * 0.22,
      drift: slipping ? -0.04 - random() * 0.04 : (random() - 0.5) * 0.02,
    };
  });
}

/** Plan progress for a date (0..1), as `level` indicators move from baseline to target. */
function progress(indicator: Indicator, fraction: number): number {
  return indicator.trajectory === 'flat' ? 1 : fraction;
}

/** A level value for a date: baseline + (target − baseline)·progress·health, with noise. */
export function levelValue(
  indicator: Indicator,
  target: Target,
  fraction: number,
  health: number,
  noise: number,
): number {
  const baseline = target.baseline ?? target.target;
  const gap = target.target - baseline;
  let value: number;
  if (indicator.direction === 'higher') {
    value = baseline + gap * progress(indicator, fraction) * health;
    value *= health < 1 && gap === 0 ? health : 1;
  } else {
    // Lower is better: an unhealthy district stays above its falling plan.
    value = (baseline + gap * progress(indicator, fraction)) / Math.max(health, 0.3);
  }
  return clamp(indicator, value * (1 + noise * 0.01));
}

/** A `sum` increment for a span of days: the planned share of the target, times health, with noise. */
export function sumIncrement(target: Target, days: number, health: number, noise: number): number {
  const planned = (target.target / 365) * days * health * (1 + noise * 0.1);
  return Math.max(0, Math.round(planned * 100) / 100);
}

function clamp(indicator: Indicator, value: number): number {
  const min = indicator.range?.min ?? -Infinity;
  const max = indicator.range?.max ?? Infinity;
  return Math.round(Math.min(max, Math.max(min, value)) * 100) / 100;
}
