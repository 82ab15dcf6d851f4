import { Type, type Static } from '@sinclair/typebox';

export const AlertRule = Type.Union([
  Type.Literal('behind_plan'),
  Type.Literal('projected_miss'),
  Type.Literal('score_drop'),
  Type.Literal('rank_drop'),
  Type.Literal('stale_data'),
  Type.Literal('quarantined_value'),
]);
export type AlertRule = Static<typeof AlertRule>;
export const Severity = Type.Union([Type.Literal('warning'), Type.Literal('critical')]);
export type Severity = Static<typeof Severity>;
export const AlertState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('firing'),
  Type.Literal('resolved'),
]);
export type AlertState = Static<typeof AlertState>;

export const Alert = Type.Object({
  id: Type.String({ description: 'fingerprint of (rule, region, district, indicator)' }),
  rule: AlertRule,
  severity: Severity,
  state: AlertState,
  region: Type.String(),
  district: Type.String(),
  indicator: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String({ description: 'one line, English' }),
  value: Type.Union([Type.Number(), Type.Null()]),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  activeAt: Type.String({ format: 'date-time', description: 'condition first seen' }),
  firedAt: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  ack: Type.Union([
    Type.Object({ by: Type.String(), at: Type.String(), comment: Type.String() }),
    Type.Null(),
  ]),
  silencedBy: Type.Union([Type.String(), Type.Null()]),
});
export type Alert = Static<typeof Alert>;

/**
 * Which alerts a silence mutes: every given field must equal the alert's. At least one matcher is
 * required so a silence cannot mute the whole service by accident.
 */
export const SilenceMatchers = Type.Object(
  {
    rule: Type.Optional(AlertRule),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    severity: Type.Optional(Severity),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SilenceMatchers = Static<typeof SilenceMatchers>;

/**
 * A silence, as Alertmanager has them: matching alerts still change state and show on screens, but
 * nobody is notified while `startsAt <= now < endsAt`.
 */
export const Silence = Type.Object({
  id: Type.String(),
  matchers: SilenceMatchers,
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String({ description: 'key or user that created it' }),
  comment: Type.String(),
});
export type Silence = Static<typeof Silence>;

/** Body of a request creating a silence; the server adds `id` and `createdBy`. */
/**
 * An RFC 3339 instant as people write them: `2026-12-31T00:00:00Z`, `…T06:00:00+06:00`, at most
 * millisecond precision. Stricter than JSON Schema's `date-time` (which lets a space stand for
 * the `T` and any number of fraction digits), so what is stored is what was meant.
 */
const Rfc3339 = {
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$',
  maxLength: 29,
  description: 'RFC 3339 date-time, e.g. 2026-12-31T00:00:00Z',
} as const;

export const SilenceInput = Type.Object(
  {
    matchers: SilenceMatchers,
    startsAt: Type.Optional(
      Type.String({ ...Rfc3339, description: 'default: when the request arrives' }),
    ),
    endsAt: Type.String(Rfc3339),
    comment: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'why the alerts are silenced',
    }),
  },
  { additionalProperties: false },
);
export type SilenceInput = Static<typeof SilenceInput>;

/** A change of an alert's state, or of a firing alert's severity: what gets announced. */
export interface AlertTransition {
  /** The alert's fingerprint. */
  id: string;
  from: AlertState | 'inactive';
  to: AlertState | 'inactive';
  /** ISO instant of the evaluation that saw the change. */
  at: string;
  severity: Severity;
  summary: string;
}

/*
 * HTTP shapes of the alert and silence routes.
 */

/** A string that must be one of `values`: one `enum` keyword, so a bad value gets one message. */
const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const TransitionState = Type.Union([AlertState, Type.Literal('inactive')]);

/**
 * `AlertTransition` as a schema, for replies. The interface above stays the type everyone
 * imports; the check below fails the build if the two ever disagree.
 */
export const AlertTransition = Type.Object({
  id: Type.String(),
  from: TransitionState,
  to: TransitionState,
  at: Type.String({ format: 'date-time' }),
  severity: Severity,
  summary: Type.String(),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _TransitionSchemaMatches = Assert<Same<Static<typeof AlertTransition>, AlertTransition>>;

/** Query of `GET /api/v1/alerts`: every given filter must match. */
export const AlertsQuery = Type.Object(
  {
    state: Type.Optional(OneOf<AlertState>(['pending', 'firing', 'resolved'])),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    severity: Type.Optional(OneOf<Severity>(['warning', 'critical'])),
  },
  { additionalProperties: false },
);
export type AlertsQuery = Static<typeof AlertsQuery>;

export const AlertsReply = Type.Object({
  alerts: Type.Array(Alert, {
    description: 'firing first, then pending, then resolved; critical before warning; newest first',
  }),
});
export type AlertsReply = Static<typeof AlertsReply>;

/** One alert with the history of its state changes, oldest first (the last 200 are kept). */
export const AlertDetail = Type.Object({
  ...Alert.properties,
  transitions: Type.Array(AlertTransition),
});
export type AlertDetail = Static<typeof AlertDetail>;

/** Body of `POST /api/v1/alerts/:id/ack`. */
export const AckBody = Type.Object(
  {
    comment: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'what is being done about it',
    }),
  },
  { additionalProperties: false },
);
export type AckBody = Static<typeof AckBody>;

export const SilencesReply = Type.Object({
  silences: Type.Array(Silence, { description: 'ordered by start, then end' }),
});
export type SilencesReply = Static<typeof SilencesReply>;
