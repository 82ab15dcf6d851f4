import { Type, type Static } from '@sinclair/typebox';
import { AlertRulesSchema } from './alert-rules';
import { NotificationsSchema, type NotificationsConfig } from './notifications';
// Other names report files use for a district or indicator, and the quality gate's settings.
import { Aliases, PlausibilitySchema } from './plausibility';
export { Aliases, PlausibilitySchema, type PlausibilityInput } from './plausibility';

/** A lowercase Latin slug: the stable id API users type (`kokshetau`, `road_quality`). */
export const Slug = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'lowercase Latin slug',
});

/** A label in the three languages the service speaks. */
export const LocalizedName = Type.Object(
  {
    ru: Type.String({ minLength: 1 }),
    kk: Type.String({ minLength: 1 }),
    en: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type LocalizedName = Static<typeof LocalizedName>;
export type Lang = keyof LocalizedName;
export const LANGS: readonly Lang[] = ['ru', 'kk', 'en'];

export const IndicatorCategory = Type.Union(
  [
    'economy',
    'ecology',
    'infrastructure',
    'social',
    'agriculture',
    'digital',
    'education',
    'health',
  ].map((c) => Type.Literal(c)),
);

export const IndicatorSchema = Type.Object(
  {
    id: Slug,
    name: LocalizedName,
    unit: Type.String({ minLength: 1, description: 'display unit, e.g. "%", "bn KZT", "ha"' }),
    unitName: Type.Optional(
      Type.Object(
        { ru: Type.String(), kk: Type.String(), en: Type.String() },
        { description: 'the unit as each language writes it ("млрд тг"); `unit` when absent' },
      ),
    ),
    category: Type.String({ minLength: 1 }),
    direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')], {
      description: 'higher: more is better; lower: less is better',
    }),
    weight: Type.Number({ exclusiveMinimum: 0 }),
    mode: Type.Union([Type.Literal('level'), Type.Literal('sum')], {
      description:
        'level: the latest value counts; sum: values are increments summed over the period',
    }),
    trajectory: Type.Optional(
      Type.Union([Type.Literal('linear'), Type.Literal('flat')], {
        description: 'how the plan moves from baseline to target over the period (default linear)',
      }),
    ),
    frequencyDays: Type.Integer({ minimum: 1, description: 'expected reporting interval in days' }),
    graceDays: Type.Optional(
      Type.Integer({ minimum: 0, description: 'allowed delay after the frequency (default 7)' }),
    ),
    required: Type.Optional(
      Type.Boolean({ description: 'missing data counts as 0 after grace (default true)' }),
    ),
    range: Type.Optional(
      Type.Object(
        { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
        { additionalProperties: false, description: 'plausible range of one reported value' },
      ),
    ),
    aliases: Aliases,
    plausibility: Type.Optional(PlausibilitySchema),
  },
  { additionalProperties: false },
);
export type IndicatorInput = Static<typeof IndicatorSchema>;
/** An indicator after defaults are applied. */
export type Indicator = IndicatorInput & {
  trajectory: 'linear' | 'flat';
  graceDays: number;
  required: boolean;
};

export const DistrictSchema = Type.Object(
  {
    id: Slug,
    kind: Type.Union([Type.Literal('district'), Type.Literal('city')]),
    name: LocalizedName,
    aliases: Aliases,
  },
  { additionalProperties: false },
);
export type District = Static<typeof DistrictSchema>;

export const TargetSchema = Type.Object(
  {
    district: Slug,
    indicator: Slug,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    target: Type.Number(),
    baseline: Type.Optional(Type.Number({ description: 'value at the start of the period' })),
  },
  { additionalProperties: false },
);
export type Target = Static<typeof TargetSchema>;

export const ThresholdsSchema = Type.Object(
  {
    onTrack: Type.Number({
      minimum: 0,
      description: 'score at or above this is on track (default 90)',
    }),
    atRisk: Type.Number({
      minimum: 0,
      description: 'score at or above this is at risk, below is behind (default 75)',
    }),
  },
  { additionalProperties: false },
);
export type Thresholds = Static<typeof ThresholdsSchema>;

export const ScoringSettingsSchema = Type.Object(
  {
    cap: Type.Optional(
      Type.Number({ minimum: 100, description: 'indicator score cap (default 120)' }),
    ),
    thresholds: Type.Optional(ThresholdsSchema),
  },
  { additionalProperties: false },
);
export interface ScoringSettings {
  cap: number;
  thresholds: Thresholds;
}

// The alert rule settings have their own module; re-exported here so `RegionSchema` and importers
// of this module keep finding `AlertRulesSchema` where it always was.
export * from './alert-rules';

export const RegionSchema = Type.Object(
  {
    id: Slug,
    name: LocalizedName,
    timezone: Type.Optional(
      Type.String({ minLength: 1, description: 'IANA zone (default Asia/Almaty)' }),
    ),
    scoring: Type.Optional(ScoringSettingsSchema),
    indicators: Type.Array(IndicatorSchema, { minItems: 1 }),
    districts: Type.Array(DistrictSchema, { minItems: 1 }),
    targets: Type.Array(TargetSchema),
    alerts: Type.Optional(AlertRulesSchema),
  },
  { additionalProperties: false },
);
export type RegionInput = Static<typeof RegionSchema>;
/** A region after defaults are applied and cross-references are checked. */
export interface Region extends Omit<RegionInput, 'indicators' | 'timezone' | 'scoring'> {
  timezone: string;
  scoring: ScoringSettings;
  indicators: Indicator[];
}

/** The national view that ranks the regions of the deployment. */
export const NationalSchema = Type.Object(
  {
    name: Type.Optional(LocalizedName),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        description: "IANA zone of the national day (default: the first region's)",
      }),
    ),
  },
  { additionalProperties: false },
);
export interface NationalSettings {
  /** Title of the national ranking (default "All regions"). */
  name: LocalizedName;
  /** Zone whose calendar day the national rank change is measured by. */
  timezone: string;
}

export const RegionConfigSchema = Type.Object(
  {
    version: Type.Literal(1, { description: 'config file format version' }),
    demo: Type.Optional(
      Type.Boolean({ description: 'demo config: npm start simulates a live feed' }),
    ),
    national: Type.Optional(NationalSchema),
    regions: Type.Array(RegionSchema, { minItems: 1 }),
    notifications: Type.Optional(NotificationsSchema),
  },
  { additionalProperties: false },
);
export type RegionConfigInput = Static<typeof RegionConfigSchema>;
export interface RegionConfig {
  version: 1;
  demo: boolean;
  national: NationalSettings;
  regions: Region[];
  notifications?: NotificationsConfig;
}
