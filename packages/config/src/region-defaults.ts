import type {
  LocalizedName,
  Indicator,
  IndicatorInput,
  Region,
  RegionConfig,
  RegionConfigInput,
  RegionInput,
  ScoringSettings,
} from '@region-score/contracts';
import { resolveNotifications, type SecretEnv } from './notifications';

/**
 * The defaults a region config file may leave out. Kept in one place so the docs, the demo file and
 * the loader agree.
 */
export const REGION_DEFAULTS = {
  timezone: 'Asia/Almaty',
  scoring: { cap: 120, thresholds: { onTrack: 90, atRisk: 75 } },
  indicator: { trajectory: 'linear', graceDays: 7, required: true },
  demo: false,
  national: { name: { ru: 'Все регионы', kk: 'Барлық өңірлер', en: 'All regions' } },
} as const satisfies {
  timezone: string;
  scoring: ScoringSettings;
  indicator: Pick<Indicator, 'trajectory' | 'graceDays' | 'required'>;
  demo: boolean;
  national: { name: LocalizedName };
};

/**
 * Applies every default to a schema-valid, cross-checked config. Does not mutate its input.
 * `env` supplies the notification secrets referenced by `secretEnv` / `tokenEnv`.
 */
export function applyDefaults(input: RegionConfigInput, env?: SecretEnv): RegionConfig {
  return {
    version: input.version,
    demo: input.demo ?? REGION_DEFAULTS.demo,
    national: {
      name: { ...(input.national?.name ?? REGION_DEFAULTS.national.name) },
      timezone: input.national?.timezone ?? input.regions[0]?.timezone ?? REGION_DEFAULTS.timezone,
    },
    regions: input.regions.map(resolveRegion),
    ...(input.notifications === undefined
      ? {}
      : { notifications: resolveNotifications(input.notifications, env) }),
  };
}

function resolveRegion(region: RegionInput): Region {
  const { timezone, scoring, indicators, ...rest } = region;
  const thresholds = scoring?.thresholds ?? REGION_DEFAULTS.scoring.thresholds;
  return {
    ...rest,
    timezone: timezone ?? REGION_DEFAULTS.timezone,
    scoring: {
      cap: scoring?.cap ?? REGION_DEFAULTS.scoring.cap,
      thresholds: { onTrack: thresholds.onTrack, atRisk: thresholds.atRisk },
    },
    indicators: indicators.map(resolveIndicator),
    districts: region.districts.map((district) => ({ ...district, name: { ...district.name } })),
    targets: region.targets.map((target) => ({ ...target })),
  };
}

/** A `%` indicator's values lie in 0-100, so its range defaults to that. */
function resolveIndicator(indicator: IndicatorInput): Indicator {
  const range =
    indicator.unit === '%'
      ? { min: indicator.range?.min ?? 0, max: indicator.range?.max ?? 100 }
      : indicator.range && { ...indicator.range };
  return {
    ...indicator,
    name: { ...indicator.name },
    trajectory: indicator.trajectory ?? REGION_DEFAULTS.indicator.trajectory,
    graceDays: indicator.graceDays ?? REGION_DEFAULTS.indicator.graceDays,
    required: indicator.required ?? REGION_DEFAULTS.indicator.required,
    ...(range ? { range } : {}),
  };
}
