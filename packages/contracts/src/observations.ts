import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './region-config';

/** Maximum observations in one request (and one job). */
export const MAX_BATCH = 5000;

export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'calendar date YYYY-MM-DD the value refers to',
});

export const ObservationInput = Type.Object(
  {
    district: Slug,
    indicator: Slug,
    value: Type.Number(),
    date: IsoDate,
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: 'client id: a repeated id is ignored',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ObservationInput = Static<typeof ObservationInput>;

export const PostObservationsBody = Type.Object(
  { observations: Type.Array(ObservationInput, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);
export type PostObservationsBody = Static<typeof PostObservationsBody>;

export const PostObservationsReply = Type.Object({
  accepted: Type.Integer({ description: 'observations stored durably for processing' }),
  jobId: Type.String({ description: 'ingest job holding the observations' }),
  receivedAt: Type.String({ format: 'date-time' }),
});
export type PostObservationsReply = Static<typeof PostObservationsReply>;

/** One observation as the worker receives it: validated, with its region and a unique id. */
export interface StampedObservation {
  region: string;
  district: string;
  indicator: string;
  value: number;
  date: string;
  /** Unique id: the client id when given (scoped by district), else `<jobId>.<index>`. */
  obsId: string;
  clientId?: string;
  /** When the API accepted it (epoch ms): orders corrections of the same date. */
  at: number;
  /** Who reported it: an API key id, or `admin`. */
  by: string;
  /**
   * The file cell it was read from (report uploads; the upload id is the job's), and the index of
   * its entry in the upload's results.
   */
  src?: { sheet: string; row: number; column?: string; result?: number };
}

/** One stored version of a value, as kept in the audit history. */
export const HistoryEntry = Type.Object({
  date: IsoDate,
  value: Type.Number(),
  reportedAt: Type.String({ format: 'date-time' }),
  reportedBy: Type.String(),
  obsId: Type.String(),
  clientId: Type.Optional(Type.String()),
  correction: Type.Boolean({ description: 'replaced an earlier value for the same date' }),
  current: Type.Boolean({ description: 'the value scoring uses for this date' }),
  review: Type.Optional(
    Type.Union([Type.Literal('held'), Type.Literal('released'), Type.Literal('discarded')], {
      description:
        'set for a value the quality gate held: held (awaiting review, not counted), released, discarded',
    }),
  ),
  reason: Type.Optional(Type.String({ description: 'why the quality gate held it' })),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

export const IndicatorHistoryReply = Type.Object({
  region: Type.String(),
  district: Type.String(),
  indicator: Type.String(),
  entries: Type.Array(HistoryEntry),
});
export type IndicatorHistoryReply = Static<typeof IndicatorHistoryReply>;

export const PostReportReply = Type.Object({
  accepted: Type.Integer({ description: 'observations stored durably for processing' }),
  jobId: Type.String({ description: 'ingest job holding every row of the file' }),
  receivedAt: Type.String({ format: 'date-time' }),
  rows: Type.Integer({ description: 'data rows read from the file (header and empty rows aside)' }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
    description: 'how the file was read',
  }),
});
export type PostReportReply = Static<typeof PostReportReply>;

/** Request headers of the ingest routes: a repeat with the same key within 24 h is not applied. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
