import { Type, type Static } from '@sinclair/typebox';
import type { LocalizedName } from './region-config';
import { ThresholdsSchema } from './region-config';

/**
 * Time travel: a ranking or a district as it stood at the end of a past day, recomputed from the
 * values the service had accepted by then (later values and corrections left out).
 */
export const AsOfQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description:
          "a day (YYYY-MM-DD, the region's calendar): the state at its end, as known then; " +
          'omitted: live',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AsOfQuery = Static<typeof AsOfQuery>;

/** Most days the daily-score history answers in one request. */
export const SCORE_HISTORY_MAX_DAYS = 92;

export const ScoreHistoryQuery = Type.Object(
  {
    days: Type.Optional(
      Type.String({
        pattern: '^\\d{1,3}$',
        description: `closed days before today to answer, 1 to ${SCORE_HISTORY_MAX_DAYS} (default 14)`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type ScoreHistoryQuery = Static<typeof ScoreHistoryQuery>;

/** One place's daily closing scores (aligned with the reply's `dates`) and its live score. */
export const ScoreHistoryRow = Type.Object({
  id: Type.String({ description: 'district id; the region id for the aggregate' }),
  closing: Type.Array(Type.Number(), {
    description: 'closing score of each day of `dates`, oldest first',
  }),
  live: Type.Number({ description: "today's live score" }),
});
export type ScoreHistoryRow = Static<typeof ScoreHistoryRow>;

/**
 * `GET /api/v1/regions/:region/history?days=N`: per district, the closing score of each of the
 * last N days (the score at the end of the day in the region's zone, as known then), and today's
 * live score. Sparklines draw `closing` then `live` on one scale for all rows, with `thresholds`.
 */
export const ScoreHistoryReply = Type.Object({
  region: Type.String(),
  timezone: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  methodology: Type.String(),
  thresholds: ThresholdsSchema,
  today: Type.String({ description: "today's date in the region's zone" }),
  dates: Type.Array(Type.String(), { description: 'the closed days, oldest first' }),
  configVersions: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0 }), {
      description:
        "the region's config version each day of `dates` was recomputed with (0: none stored)",
    }),
  ),
  aggregate: ScoreHistoryRow,
  districts: Type.Array(ScoreHistoryRow, { description: 'in ranking order of the live score' }),
});
export type ScoreHistoryReply = Static<typeof ScoreHistoryReply>;

/**
 * The scoring-relevant part of a region's config (what scoring and ranking read), as stored in
 * the config history: a new version is stored when this (or the methodology version) changes.
 */
export interface ScoringConfig {
  timezone: string;
  scoring: { cap: number; thresholds: { onTrack: number; atRisk: number } };
  indicators: {
    id: string;
    direction: 'higher' | 'lower';
    weight: number;
    mode: 'level' | 'sum';
    trajectory: 'linear' | 'flat';
    frequencyDays: number;
    graceDays: number;
    required: boolean;
  }[];
  districts: { id: string; kind: 'district' | 'city' }[];
  targets: {
    district: string;
    indicator: string;
    year: number;
    target: number;
    baseline?: number;
  }[];
}

/**
 * Names and units as they were when a version was stored: not part of its content hash (a new
 * translation is not a new methodology), used only for an indicator or district gone since.
 */
export interface ConfigLabels {
  indicators: Record<
    string,
    { name: LocalizedName; unit: string; unitName?: LocalizedName; category: string }
  >;
  districts: Record<string, { name: LocalizedName }>;
}

/** One stored version of a region's scoring config. */
export interface ConfigVersion {
  /** 1, 2, … in the order they came into force. */
  version: number;
  /** SHA-256 of the canonical `config`. */
  hash: string;
  /** When it came into force (epoch ms): the start of the first process that ran it. */
  since: number;
  /** `METHODOLOGY_VERSION` of the code that ran it. */
  methodology: string;
  config: ScoringConfig;
  labels: ConfigLabels;
}

/**
 * What a past day was recomputed with: the config version in force at the end of that day and
 * the methodology version stored with it. The formulas are always today's code (old code is not
 * kept): when the stored methodology differs, `current` is false and `note` says so.
 */
export const AsOfBasis = Type.Object({
  date: Type.String({ description: 'the day travelled to (YYYY-MM-DD)' }),
  configVersion: Type.Integer({
    minimum: 0,
    description: "version of the region's scoring config used; 0: none stored, today's used",
  }),
  configSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'when that config version came into force',
  }),
  methodology: Type.String({ description: 'methodology version stored with that config' }),
  current: Type.Boolean({
    description: "the stored methodology is the running code's: the day is recomputed exactly",
  }),
  note: Type.Optional(
    Type.String({ description: 'why the recomputation may differ from what was shown then' }),
  ),
});
export type AsOfBasis = Static<typeof AsOfBasis>;

/** One side of a year-over-year comparison: a district at the end of a day. */
export const YearOverYearSide = Type.Object({
  date: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()], {
    description: 'district score; null when no value was known by then',
  }),
  rank: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()]),
  indicators: Type.Array(
    Type.Object({
      indicator: Type.String(),
      percentOfPlan: Type.Union([Type.Number(), Type.Null()], {
        description:
          'indicator score: achievement of the plan to date in %, capped; null: not counted',
      }),
    }),
  ),
  basis: AsOfBasis,
});
export type YearOverYearSide = Static<typeof YearOverYearSide>;

/**
 * `GET /api/v1/districts/:district/year-over-year?asOf=`: the district at the end of `asOf`
 * (default today) beside the same day a year earlier (29 February: the 28th), both recomputed
 * the way `?asOf=` recomputes a day.
 */
export const YearOverYearReply = Type.Object({
  region: Type.String(),
  district: Type.String(),
  current: YearOverYearSide,
  yearEarlier: YearOverYearSide,
  change: Type.Object({
    score: Type.Union([Type.Number(), Type.Null()], { description: 'current − year earlier' }),
    rank: Type.Union([Type.Integer(), Type.Null()], {
      description: 'places gained since a year earlier (negative: lost)',
    }),
  }),
});
export type YearOverYearReply = Static<typeof YearOverYearReply>;
