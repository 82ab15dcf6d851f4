import type { District, Indicator, LocalizedName, Region, Target } from '@region-score/contracts';
import type { UnrankedEntry } from '../src/ranking/index';

/** One-line builders of domain objects for tests: defaults plus the fields a test cares about. */

export const names = (en: string): LocalizedName => ({ ru: en, kk: en, en });

export const makeIndicator = (over: Partial<Indicator> = {}): Indicator => ({
  id: 'jobs',
  name: names(over.id ?? 'jobs'),
  unit: '%',
  category: 'economy',
  direction: 'higher',
  weight: 1,
  mode: 'level',
  trajectory: 'linear',
  frequencyDays: 30,
  graceDays: 7,
  required: true,
  ...over,
});

export const makeTarget = (over: Partial<Target> = {}): Target => ({
  district: 'alpha',
  indicator: 'jobs',
  year: 2025,
  target: 100,
  ...over,
});

export const makeDistrict = (id: string, over: Partial<District> = {}): District => ({
  id,
  kind: 'district',
  name: names(id),
  ...over,
});

export const makeRegion = (over: Partial<Region> = {}): Region => ({
  id: 'akmola',
  name: names('Akmola'),
  timezone: 'Asia/Almaty',
  scoring: { cap: 120, thresholds: { onTrack: 90, atRisk: 75 } },
  indicators: [makeIndicator()],
  districts: [makeDistrict('alpha'), makeDistrict('beta')],
  targets: [makeTarget()],
  ...over,
});

export const makeRow = (id: string, score: number, en = id): UnrankedEntry => ({
  id,
  kind: 'district',
  name: names(en),
  score,
  status: 'on_track',
  coverage: 1,
  version: 1,
  history: [],
  sparkBucket: 0,
});
