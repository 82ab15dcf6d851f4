import { Type, type Static } from '@sinclair/typebox';
import { LocalizedName } from './region-config';
import { AsOfBasis } from './history';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const Status = Type.Union([
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('behind'),
]);
export type Status = Static<typeof Status>;
export const IndicatorStatus = Type.Union([Status, Type.Literal('no_data')]);
export type IndicatorStatus = Static<typeof IndicatorStatus>;

export const Forecast = Type.Object({
  value: Type.Number({ description: 'projected value at the end of the period' }),
  target: Type.Number(),
  miss: Type.Boolean({ description: 'the projection misses the target' }),
  gapPct: Type.Number({ description: 'projected shortfall as % of target (0 when on course)' }),
  points: Type.Integer({ description: 'values the trend was fitted on' }),
});
export type Forecast = Static<typeof Forecast>;

export const IndicatorResult = Type.Object({
  indicator: Type.String(),
  value: Nullable(Type.Number()),
  valueDate: Nullable(Type.String({ description: 'date of the latest value in the period' })),
  target: Type.Number(),
  baseline: Nullable(Type.Number()),
  planToDate: Type.Number(),
  score: Nullable(Type.Number({ description: 'indicator score 0..cap; null when not counted' })),
  status: IndicatorStatus,
  counted: Type.Boolean({
    description: 'part of the district score (has data, or required past grace)',
  }),
  fresh: Type.Boolean({ description: 'reported within frequency + grace' }),
  weight: Type.Number({ description: 'share of the district score weight, 0..1' }),
  contribution: Type.Number({ description: 'points this indicator adds to the district score' }),
  impact: Type.Number({
    description: 'points above (+) or below (−) what it would add at 100% of plan',
  }),
  forecast: Nullable(Forecast),
});
export type IndicatorResult = Static<typeof IndicatorResult>;

/** A district's score as the worker stores it. */
export const DistrictScore = Type.Object({
  region: Type.String(),
  district: Type.String(),
  score: Type.Number(),
  status: Status,
  coverage: Type.Number({ description: 'share of weight with fresh data, 0..1' }),
  version: Type.Integer({ description: 'grows with every value written to the district' }),
  methodology: Type.String({ description: 'methodology version the score was computed with' }),
  computedAt: Type.String({ format: 'date-time' }),
  indicators: Type.Array(IndicatorResult),
});
export type DistrictScore = Static<typeof DistrictScore>;

/** One row of a ranking: a district/city in a region, or a region in the national view. */
export const RankingEntry = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('district'), Type.Literal('city'), Type.Literal('region')]),
  name: LocalizedName,
  score: Type.Number(),
  rank: Type.Integer({ minimum: 1 }),
  rankChange: Type.Integer({
    description: 'places gained since the previous day (negative: lost)',
  }),
  status: Status,
  coverage: Type.Number(),
  version: Type.Integer(),
  history: Type.Array(Type.Number(), {
    description: 'recent scores, oldest first, for sparklines',
  }),
  sparkBucket: Type.Integer({
    description:
      'start (epoch ms) of the sparkline bucket of the last history point; 0 when there is none',
  }),
});
export type RankingEntry = Static<typeof RankingEntry>;

export const RegionRanking = Type.Object({
  region: Type.String(),
  name: LocalizedName,
  score: Type.Number({ description: 'region aggregate score' }),
  status: Status,
  methodology: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  entries: Type.Array(RankingEntry),
  asOf: Type.Optional(AsOfBasis),
});
export type RegionRanking = Static<typeof RegionRanking>;

export const NationalRanking = Type.Object({
  name: LocalizedName,
  methodology: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  entries: Type.Array(RankingEntry),
  regionsAsOf: Type.Optional(
    Type.Record(Type.String(), AsOfBasis, {
      description: 'as of a past day: region id → what its aggregate was recomputed with',
    }),
  ),
});
export type NationalRanking = Static<typeof NationalRanking>;

/** What a lagging indicator needs to be on track (score at the on-track threshold). */
export const OnTrackNeed = Type.Object({
  indicator: Type.String(),
  nextReport: Type.String({ description: 'date the next report is due (today when overdue)' }),
  byNextReport: Type.Number({ description: 'value needed at the next report to be on track' }),
  byYearEnd: Type.Number({ description: 'value needed at the end of the year to be on track' }),
  moreByNextReport: Nullable(
    Type.Number({ description: 'sum indicators: still to add by the next report' }),
  ),
  moreByYearEnd: Nullable(
    Type.Number({ description: 'sum indicators: still to add by the end of the year' }),
  ),
});
export type OnTrackNeed = Static<typeof OnTrackNeed>;

export const DistrictDetail = Type.Object({
  region: Type.String(),
  district: Type.String(),
  kind: Type.Union([Type.Literal('district'), Type.Literal('city')]),
  name: LocalizedName,
  rank: Type.Integer(),
  rankChange: Type.Integer(),
  score: Nullable(DistrictScore),
  explanation: Type.Array(Type.Object({ indicator: Type.String(), impact: Type.Number() }), {
    description: 'counted indicators by impact on the score, what pulled it down first',
  }),
  needs: Type.Optional(
    Type.Array(OnTrackNeed, {
      description: 'each indicator not on track: the value needed to be on track',
    }),
  ),
  history: Type.Array(Type.Object({ at: Type.String(), score: Type.Number() })),
  asOf: Type.Optional(AsOfBasis),
});
export type DistrictDetail = Static<typeof DistrictDetail>;

export const RegionSummary = Type.Object({
  id: Type.String(),
  name: LocalizedName,
  timezone: Type.String(),
  districts: Type.Array(
    Type.Object({ id: Type.String(), kind: Type.String(), name: LocalizedName }),
  ),
  indicators: Type.Array(
    Type.Object({
      id: Type.String(),
      name: LocalizedName,
      unit: Type.String(),
      unitName: Type.Optional(LocalizedName),
      category: Type.String(),
      direction: Type.String(),
      weight: Type.Number(),
      mode: Type.String(),
      trajectory: Type.String({ description: 'linear or flat: how the plan moves over the year' }),
    }),
  ),
});
export type RegionSummary = Static<typeof RegionSummary>;
export const RegionsReply = Type.Object({ regions: Type.Array(RegionSummary) });
export type RegionsReply = Static<typeof RegionsReply>;

/** Every stored district score of a region, with indicator detail (for the heat map). */
export const RegionScoresReply = Type.Object({
  region: Type.String(),
  generatedAt: Type.String(),
  scores: Type.Array(DistrictScore),
});
export type RegionScoresReply = Static<typeof RegionScoresReply>;
