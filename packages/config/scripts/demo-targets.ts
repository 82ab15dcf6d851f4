import type { Target } from '@region-score/contracts';
import type { Place } from './demo-places';

/** The plan years of the demo. */
export const DEMO_YEARS = [2025, 2026, 2027] as const;

/**
 * A small seeded PRNG (mulberry32) per (place, indicator), so the file is the same on every run and
 * adding a place or indicator does not reshuffle the others' numbers.
 */
function random(seed: string): (min: number, max: number) => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619);
  return (min, max) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + (max - min) * unit;
  };
}

const roundTo = (value: number, step: number): number =>
  Number((Math.round(value / step) * step).toFixed(2));

/** A rising (or falling) level: baseline = where the year starts, target = where it should end. */
interface LevelPlan {
  start: number;
  /** Change per year; negative where lower is better. */
  step: number;
  limit: number;
  /** How far the actual start of a year may lag the previous year's target. */
  lag: number;
  precision: number;
}

function levelTargets(place: Place, indicator: string, plan: LevelPlan): Target[] {
  const rand = random(`${place.id}/${indicator}/years`);
  const bound = (value: number): number =>
    plan.step >= 0 ? Math.min(plan.limit, value) : Math.max(plan.limit, value);
  let baseline = plan.start;
  return DEMO_YEARS.map((year) => {
    const target = bound(baseline + plan.step * rand(0.8, 1.2));
    const row: Target = {
      district: place.id,
      indicator,
      year,
      baseline: roundTo(baseline, plan.precision),
      target: roundTo(target, plan.precision),
    };
    baseline = bound(target - Math.sign(plan.step) * plan.lag * rand(0, 1));
    return row;
  });
}

/** A yearly total growing by `growth` a year. */
function sumTargets(
  place: Place,
  indicator: string,
  first: number,
  growth: number,
  step: number,
): Target[] {
  const rand = random(`${place.id}/${indicator}/years`);
  let total = first;
  return DEMO_YEARS.map((year) => {
    const row: Target = {
      district: place.id,
      indicator,
      year,
      target: Math.max(step, roundTo(total, step)),
    };
    total *= 1 + growth * rand(0.5, 1.5);
    return row;
  });
}

/** Targets of one place for every demo indicator and year, scaled by its size and economy. */
export function placeTargets(place: Place): Target[] {
  const r = (indicator: string) => random(`${place.id}/${indicator}`);
  const city = place.kind === 'city';
  const invest = place.invest ?? 1;
  const out: Target[] = [];
  {
    const rand = r('road_quality');
    const start = city ? rand(82, 90) : rand(68, 82);
    out.push(
      ...levelTargets(place, 'road_quality', {
        start,
        step: rand(2, 4),
        limit: 98,
        lag: 1.5,
        precision: 0.5,
      }),
    );
  }
  {
    const rand = r('emissions_cut');
    const start = invest > 1.2 ? rand(2, 5) : rand(4, 10);
    out.push(
      ...levelTargets(place, 'emissions_cut', {
        start,
        step: rand(1.5, 3),
        limit: 40,
        lag: 1,
        precision: 0.5,
      }),
    );
  }
  {
    const rand = r('jobs_created');
    const first = place.pop * (city ? 13 : 9) * rand(0.85, 1.15);
    out.push(...sumTargets(place, 'jobs_created', first, 0.06, 10));
  }
  {
    const rand = r('investment');
    const first = place.pop * (city ? 1 : 0.7) * invest * rand(0.85, 1.15);
    out.push(...sumTargets(place, 'investment', first, 0.08, first < 20 ? 0.5 : 1));
  }
  {
    const rand = r('projects_launched');
    out.push(
      ...sumTargets(place, 'projects_launched', (place.pop / 9) * invest * rand(0.8, 1.2), 0.1, 1),
    );
  }
  {
    const rand = r('land_returned');
    const first = place.farm * rand(4000, 12000);
    out.push(...sumTargets(place, 'land_returned', first, -0.05, first < 1000 ? 10 : 100));
  }
  {
    const rand = r('grain_yield');
    const start = rand(9.5, 11.5) + place.farm * rand(1.5, 4);
    out.push(
      ...levelTargets(place, 'grain_yield', {
        start,
        step: rand(0.4, 1.2),
        limit: 25,
        lag: 1.5,
        precision: 0.1,
      }),
    );
  }
  {
    const rand = r('services_online');
    out.push(
      ...levelTargets(place, 'services_online', {
        start: city ? rand(89, 94) : rand(84, 91),
        step: rand(1.5, 2.5),
        limit: 99.5,
        lag: 0.5,
        precision: 0.5,
      }),
    );
  }
  {
    const rand = r('schools_built');
    out.push(...sumTargets(place, 'schools_built', (place.pop / 25) * rand(0.8, 1.3), 0.05, 1));
  }
  {
    const rand = r('water_supply');
    // Cities are near full coverage and creep up; villages are where the pipes are being laid.
    out.push(
      ...levelTargets(place, 'water_supply', {
        start: city ? rand(95, 98) : rand(72, 91),
        step: city ? rand(0.3, 0.6) : rand(1.5, 3),
        limit: 99.8,
        lag: city ? 0.1 : 0.5,
        precision: city ? 0.1 : 0.5,
      }),
    );
  }
  {
    const rand = r('unemployment');
    out.push(
      ...levelTargets(place, 'unemployment', {
        start: city ? rand(4.5, 5) : rand(4.4, 5.3),
        step: -rand(0.1, 0.25),
        limit: 3.5,
        lag: 0.1,
        precision: 0.1,
      }),
    );
  }
  return out;
}
