import { Type, type Static } from '@sinclair/typebox';
import { ProblemReply } from './problems';

/*
 * HTTP shapes of the reporting workflow: report uploads (kept as records), templates, the
 * quarantine of implausible values, and the audit trail.
 */

/** A string that must be one of `values`: one `enum` keyword, so a bad value gets one message. */
const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const Instant = Type.String({ format: 'date-time' });
/** A page size in a query string (query strings are text; the route checks the maximum). */
const QueryLimit = (max: number, dflt: number) =>
  Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: `1 to ${max}, default ${dflt}` }),
  );
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The layouts of a report sheet the service reads. */
export const REPORT_FORMS = ['long', 'wide', 'transposed', 'monthly'] as const;
export type ReportForm = (typeof REPORT_FORMS)[number];
/** The layouts a template can be downloaded in (the transpose is read, not offered). */
export const TEMPLATE_FORMS = ['long', 'wide', 'monthly'] as const;
export type TemplateForm = (typeof TEMPLATE_FORMS)[number];

/** `all-or-nothing` (default): any problem refuses the file; `partial`: good values go in. */
export const UPLOAD_MODES = ['all-or-nothing', 'partial'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** Who did something: the API key id (`admin` for ADMIN_TOKEN, `cli` for `npm run keys`) and its label. */
export const Actor = Type.Object({ id: Type.String(), label: Type.String() });
export type Actor = Static<typeof Actor>;

/**
 * What became of one value of a report file: `rejected` (with the reason), `queued` (accepted,
 * not yet applied), `applied`, `corrected` (replaced the value reported earlier for that date),
 * `unchanged` (the same value was already current for that date), `duplicate` (this very value
 * was applied before), `quarantined` (held for review: not counted until an analyst releases it).
 */
export const ROW_STATUSES = [
  'rejected',
  'queued',
  'applied',
  'corrected',
  'unchanged',
  'duplicate',
  'quarantined',
] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** One value (or one refused cell or row) of a report file and what became of it. */
export const UploadRowResult = Type.Object({
  sheet: Type.String(),
  row: Type.Union([Type.Integer(), Type.Null()], { description: 'spreadsheet row (header = 1)' }),
  column: Type.Union([Type.String(), Type.Null()], { description: 'column letter, e.g. "D"' }),
  district: Type.Union([Type.String(), Type.Null()]),
  indicator: Type.Union([Type.String(), Type.Null()]),
  date: Type.Union([Day, Type.Null()]),
  value: Type.Union([Type.Number(), Type.Null()]),
  status: OneOf(ROW_STATUSES),
  /** Why it was rejected or quarantined; where the problem is (`row 5, value`) for rejections. */
  field: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  /** Rejections: the problem's code (IngestProblemCode), so a page can word it in its language. */
  code: Type.Optional(Type.String({ description: 'IngestProblemCode of a rejection' })),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]), {
      description: 'what the wording needs, e.g. `min`/`max` for below_min/above_max',
    }),
  ),
});
export type UploadRowResult = Static<typeof UploadRowResult>;

/** How one sheet of a workbook (or the CSV) was read. */
export const UploadSheet = Type.Object({
  name: Type.String(),
  form: Type.Union([OneOf(REPORT_FORMS), Type.Null()], { description: 'null: skipped' }),
  values: Type.Integer({ description: 'values read from the sheet' }),
  skipped: Type.Optional(Type.String({ description: 'why the sheet was not read' })),
});
export type UploadSheet = Static<typeof UploadSheet>;

export const UploadCounts = Type.Object({
  read: Type.Integer({ description: 'values read from the file' }),
  rejected: Type.Integer(),
  applied: Type.Integer({ description: 'new values and corrections now counted' }),
  corrected: Type.Integer({ description: 'of the applied: corrections of earlier values' }),
  quarantined: Type.Integer(),
  unchanged: Type.Integer({ description: 'already current (same value) or applied before' }),
});
export type UploadCounts = Static<typeof UploadCounts>;

/**
 * `queued`: accepted and waiting for the worker; `applied`: the worker has applied it (see the
 * counts); `refused`: nothing was applied (problems say why); `duplicate`: the same file content
 * was uploaded before for the same scope, so nothing was applied again (`duplicateOf`).
 */
export const UPLOAD_STATUSES = ['queued', 'applied', 'refused', 'duplicate'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** One upload, as kept. */
export const UploadRecord = Type.Object({
  id: Type.String(),
  at: Instant,
  by: Actor,
  file: Type.Object({
    name: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    format: OneOf(['csv', 'xlsx'] as const),
  }),
  mode: OneOf(UPLOAD_MODES),
  status: OneOf(UPLOAD_STATUSES),
  duplicateOf: Type.Optional(Type.String()),
  /** The district the request named (`?district=`), when it named one. */
  scope: Type.Union([Type.String(), Type.Null()]),
  districts: Type.Array(Type.String(), { description: 'districts the file reports for' }),
  sheets: Type.Array(UploadSheet),
  counts: UploadCounts,
  problems: Type.Array(ProblemReply, { description: 'the first problems found (up to 20)' }),
  jobId: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Instant, Type.Null()]),
});
export type UploadRecord = Static<typeof UploadRecord>;

/** An upload with what became of each of its values. */
export const UploadDetail = Type.Object({
  ...UploadRecord.properties,
  results: Type.Array(UploadRowResult),
});
export type UploadDetail = Static<typeof UploadDetail>;

/** Reply of `POST /api/v1/reports`: the upload as recorded, with every value's result. */
export const UploadReply = Type.Object({
  accepted: Type.Integer({ description: 'values queued for the worker (0 for a duplicate)' }),
  jobId: Type.Union([Type.String(), Type.Null()], { description: 'the ingest job, if any' }),
  receivedAt: Instant,
  rows: Type.Integer({ description: 'values read from the file' }),
  format: OneOf(['csv', 'xlsx'] as const),
  upload: UploadDetail,
});
export type UploadReply = Static<typeof UploadReply>;

/** Query of `POST /api/v1/reports`. */
export const UploadQuery = Type.Object(
  {
    mode: Type.Optional(OneOf(UPLOAD_MODES, 'default all-or-nothing')),
    district: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'the district of a monthly sheet that does not name it (id or name); also the scope of duplicate detection',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UploadQuery = Static<typeof UploadQuery>;

/** Query of `GET /api/v1/reports`: reporters see their own uploads, admins and analysts all. */
export const UploadsQuery = Type.Object(
  {
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 29 })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 29 })),
    limit: QueryLimit(200, 50),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UploadsQuery = Static<typeof UploadsQuery>;

export const UploadsReply = Type.Object({
  uploads: Type.Array(UploadRecord, { description: 'newest first' }),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor of the next page' }),
});
export type UploadsReply = Static<typeof UploadsReply>;

/** Query of `GET /api/v1/reports/template`. */
export const TemplateQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    format: Type.Optional(OneOf(['xlsx', 'csv'] as const, 'default xlsx')),
    form: Type.Optional(OneOf(TEMPLATE_FORMS, 'default long')),
    lang: Type.Optional(OneOf(['ru', 'kk', 'en'] as const, 'default ru')),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;

/*
 * Quarantine.
 */

/** Why the quality gate held a value. */
export const QUARANTINE_REASONS = ['jump', 'jump_pct', 'increment'] as const;
export type QuarantineReasonCode = (typeof QUARANTINE_REASONS)[number];

export const QuarantineReason = Type.Object({
  code: OneOf(QUARANTINE_REASONS),
  /** One English line, e.g. "moved 70 % from 78 (limit 25)". */
  message: Type.String(),
  limit: Type.Number(),
  previous: Type.Union([Type.Object({ date: Day, value: Type.Number() }), Type.Null()]),
});
export type QuarantineReason = Static<typeof QuarantineReason>;

export const QUARANTINE_STATES = ['held', 'released', 'discarded'] as const;
export type QuarantineState = (typeof QUARANTINE_STATES)[number];

/** Where a value came from: a request (JSON) or a row of an uploaded file. */
export const ValueSource = Type.Object({
  upload: Type.Optional(Type.String()),
  file: Type.Optional(Type.String()),
  sheet: Type.Optional(Type.String()),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
});
export type ValueSource = Static<typeof ValueSource>;

/** A value the quality gate held, and what an analyst decided. */
export const QuarantineItem = Type.Object({
  id: Type.String({ description: 'the observation id' }),
  region: Type.String(),
  district: Type.String(),
  indicator: Type.String(),
  date: Day,
  value: Type.Number(),
  reason: QuarantineReason,
  reportedAt: Instant,
  reportedBy: Actor,
  source: ValueSource,
  state: OneOf(QUARANTINE_STATES),
  review: Type.Union([
    Type.Object({ by: Actor, at: Instant, comment: Type.String() }),
    Type.Null(),
  ]),
});
export type QuarantineItem = Static<typeof QuarantineItem>;

export const QuarantineQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    state: Type.Optional(OneOf(QUARANTINE_STATES, 'default held')),
    limit: QueryLimit(500, 200),
  },
  { additionalProperties: false },
);
export type QuarantineQuery = Static<typeof QuarantineQuery>;

export const QuarantineReply = Type.Object({
  items: Type.Array(QuarantineItem, { description: 'newest first' }),
});
export type QuarantineReply = Static<typeof QuarantineReply>;

/** Body of `POST /api/v1/quarantine/:id/release` and `/discard`. */
export const ReviewBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000, description: 'why' }) },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ReviewReply = Type.Object({
  id: Type.String(),
  action: OneOf(['release', 'discard'] as const),
  jobId: Type.String({ description: 'the worker applies the decision and rescores' }),
});
export type ReviewReply = Static<typeof ReviewReply>;

/*
 * Audit trail.
 */

/** What an audit event records. */
export const AUDIT_TYPES = [
  'value',
  'correction',
  'quarantine',
  'release',
  'discard',
  'upload',
  'key.created',
  'key.rotated',
  'key.revoked',
  'silence.created',
  'silence.deleted',
  'silence.expired',
  'alert.acknowledged',
  'job.retried',
  'notification.retried',
  'notification.discarded',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** One audit event. `id` orders events (newest last) and is the paging cursor. */
export const AuditEvent = Type.Object({
  id: Type.String(),
  at: Instant,
  type: OneOf(AUDIT_TYPES),
  actor: Actor,
  region: Type.Optional(Type.String()),
  district: Type.Optional(Type.String()),
  indicator: Type.Optional(Type.String()),
  date: Type.Optional(Day),
  value: Type.Optional(Type.Number()),
  /** The value it replaced (corrections). */
  previous: Type.Optional(Type.Number()),
  /** The observation id, key id, silence id, alert id or job the event is about. */
  target: Type.Optional(Type.String()),
  /** The request (`req:<id>`) or upload it came from, with the file, sheet and row. */
  source: Type.Optional(
    Type.Object({
      request: Type.Optional(Type.String()),
      ...ValueSource.properties,
    }),
  ),
  comment: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String({ description: 'one English line' })),
});
export type AuditEvent = Static<typeof AuditEvent>;
/** An audit event before it is stored (the store gives it its id). */
export type AuditEntry = Omit<AuditEvent, 'id'>;

export const AuditQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    type: Type.Optional(OneOf(AUDIT_TYPES)),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 29 })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 29 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: QueryLimit(500, 100),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditReply = Type.Object({
  events: Type.Array(AuditEvent, { description: 'newest first' }),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'cursor of the next (older) page; null at the end',
  }),
});
export type AuditReply = Static<typeof AuditReply>;
