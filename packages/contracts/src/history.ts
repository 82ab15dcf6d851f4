import { Type, type Static } from '@sinclair/typebox';
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
  aggregate: ScoreHistoryRow,
  districts: Type.Array(ScoreHistoryRow, { description: 'in ranking order of the live score' }),
});
export type ScoreHistoryReply = Static<typeof ScoreHistoryReply>;
