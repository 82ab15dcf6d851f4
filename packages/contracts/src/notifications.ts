import { Type, type Static } from '@sinclair/typebox';
import { AlertRule, Severity, type Alert, type AlertTransition } from './alerts';

/*
 * The `notifications:` section of the region config file: where alert notifications go (channels),
 * which alerts go where (routes), how they are grouped, repeated and retried. Defaults quoted in
 * the descriptions are applied by `@region-score/config` (`NOTIFICATION_DEFAULTS`).
 */

/** Alert fields notifications can be grouped by (core's `groupNotifications`). */
export const NotificationGroupLabel = Type.Union([
  Type.Literal('rule'),
  Type.Literal('region'),
  Type.Literal('severity'),
  Type.Literal('district'),
]);
export type NotificationGroupLabel = Static<typeof NotificationGroupLabel>;

const Language = Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')], {
  description: 'language of the message text',
});
/** The languages of `LocalizedName` (kept here too: region-config imports this module). */
type Lang = 'ru' | 'kk' | 'en';

/** A channel id: the same slug form as region and district ids. */
const ChannelId = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'lowercase Latin slug',
});

const HttpUrl = (description: string) =>
  Type.String({ pattern: '^https?://[^\\s]+$', description });

/** An env variable name, e.g. `WEBHOOK_SECRET`. */
const EnvName = (description: string) =>
  Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description });

const channelBase = {
  id: ChannelId,
  language: Type.Optional(Language),
};

export const WebhookChannelSchema = Type.Object(
  {
    ...channelBase,
    type: Type.Literal('webhook'),
    url: HttpUrl('receiver URL; gets a signed JSON POST'),
    secret: Type.Optional(
      Type.String({ minLength: 16, description: 'HMAC-SHA256 key (prefer secretEnv)' }),
    ),
    secretEnv: Type.Optional(EnvName('name of the environment variable holding the HMAC key')),
  },
  { additionalProperties: false },
);

export const TelegramChannelSchema = Type.Object(
  {
    ...channelBase,
    type: Type.Literal('telegram'),
    chatId: Type.Union([Type.String({ minLength: 1 }), Type.Integer()], {
      description: 'chat, group or channel id (e.g. -1001234567890 or "@akimat_alerts")',
    }),
    token: Type.Optional(Type.String({ minLength: 1, description: 'bot token (prefer tokenEnv)' })),
    tokenEnv: Type.Optional(EnvName('name of the environment variable holding the bot token')),
    apiBase: Type.Optional(HttpUrl('Bot API base URL (default https://api.telegram.org)')),
  },
  { additionalProperties: false },
);

export const AlertmanagerChannelSchema = Type.Object(
  {
    ...channelBase,
    type: Type.Literal('alertmanager'),
    url: HttpUrl('Alertmanager base URL, e.g. http://alertmanager:9093'),
  },
  { additionalProperties: false },
);

export const NotificationChannelSchema = Type.Union([
  WebhookChannelSchema,
  TelegramChannelSchema,
  AlertmanagerChannelSchema,
]);

export const NotificationRouteSchema = Type.Object(
  {
    channel: Type.String({ minLength: 1, description: 'id of a channel' }),
    severities: Type.Optional(Type.Array(Severity, { minItems: 1 })),
    regions: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    districts: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    rules: Type.Optional(Type.Array(AlertRule, { minItems: 1 })),
    groupBy: Type.Optional(
      Type.Array(NotificationGroupLabel, {
        description:
          'alerts sharing these fields go out as one message (default notifications.groupBy)',
      }),
    ),
    repeatIntervalMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          're-send alerts still firing (not acknowledged, not silenced) this often (default 240; 1 for Alertmanager channels)',
      }),
    ),
    sendResolved: Type.Optional(
      Type.Boolean({ description: 'also announce resolved alerts (default true)' }),
    ),
  },
  { additionalProperties: false },
);

export const NotificationsSchema = Type.Object(
  {
    channels: Type.Array(NotificationChannelSchema),
    routes: Type.Array(NotificationRouteSchema),
    groupBy: Type.Optional(
      Type.Array(NotificationGroupLabel, {
        description: 'default grouping of routes (default [rule, region, severity])',
      }),
    ),
    language: Type.Optional(Language),
    publicUrl: Type.Optional(
      HttpUrl('where people open the service; used in links (default http://localhost:3000)'),
    ),
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 120_000,
        description: 'one HTTP attempt is abandoned after this (default 5000)',
      }),
    ),
    retry: Type.Optional(
      Type.Object(
        {
          attempts: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 100,
              description: 'tries before dead-lettering (default 8)',
            }),
          ),
          backoffMs: Type.Optional(
            Type.Integer({
              minimum: 1,
              description: 'first retry delay, doubled at each try (default 5000)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type NotificationsInput = Static<typeof NotificationsSchema>;

/* The section after defaults are applied and secrets are read from the environment. */

interface ChannelCommon {
  id: string;
  language: Lang;
}
export interface WebhookChannel extends ChannelCommon {
  type: 'webhook';
  url: string;
  /** The HMAC key, resolved from `secret` or `secretEnv`. Never logged or served. */
  secret: string;
}
export interface TelegramChannel extends ChannelCommon {
  type: 'telegram';
  chatId: string;
  /** Resolved from `token` or `tokenEnv`. Never logged or served. */
  token: string;
  apiBase: string;
}
export interface AlertmanagerChannel extends ChannelCommon {
  type: 'alertmanager';
  url: string;
}
export type NotificationChannel = WebhookChannel | TelegramChannel | AlertmanagerChannel;
export type NotificationChannelType = NotificationChannel['type'];

export interface NotificationRoute {
  channel: string;
  /** `null`: any. */
  severities: Severity[] | null;
  regions: string[] | null;
  districts: string[] | null;
  rules: AlertRule[] | null;
  groupBy: NotificationGroupLabel[];
  repeatIntervalMinutes: number;
  sendResolved: boolean;
}

export interface NotificationsConfig {
  channels: NotificationChannel[];
  routes: NotificationRoute[];
  publicUrl: string;
  timeoutMs: number;
  retry: { attempts: number; backoffMs: number };
}

/* Jobs and the dead-letter list. */

/**
 * One alert to announce, with the transition that made it announceable: what core's
 * `planAlerts` yields, `groupNotifications` groups and a delivery job carries.
 */
export interface NotificationItem {
  alert: Alert;
  transition: AlertTransition;
}

/** Payload of a `deliver-notification` job: one message to one channel. */
export interface DeliverNotificationPayload {
  channel: string;
  /** e.g. `rule=stale_data,region=aqmola,severity=warning` (see `groupNotifications`). */
  groupKey: string;
  items: NotificationItem[];
  /** True when re-sent because the alerts are still firing after the repeat interval. */
  repeat: boolean;
  /** When the notification was first queued (ISO). */
  queuedAt: string;
  /** Set when an admin retried it from the dead-letter list: that entry's id and retry count. */
  retryOf?: { id: string; retries: number };
}

/** A notification that exhausted its retries (or can never succeed), kept for an admin. */
export const FailedNotification = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  groupKey: Type.String(),
  alertIds: Type.Array(Type.String()),
  summaries: Type.Array(Type.String()),
  repeat: Type.Boolean(),
  attempts: Type.Integer({ description: 'tries made before giving up' }),
  error: Type.String({ description: 'the last failure' }),
  queuedAt: Type.String({ format: 'date-time' }),
  failedAt: Type.String({ format: 'date-time' }),
  retries: Type.Integer({ description: 'times an admin retried it from this list' }),
});
export type FailedNotification = Static<typeof FailedNotification>;

/** What the store keeps for a failed notification: the public record plus what a retry needs. */
export interface FailedNotificationRecord extends FailedNotification {
  payload: DeliverNotificationPayload;
  /** Job options to retry with, as configured when it failed. */
  retry: { attempts: number; backoffMs: number };
}

export const FailedNotificationsReply = Type.Object({
  failed: Type.Array(FailedNotification),
});
export type FailedNotificationsReply = Static<typeof FailedNotificationsReply>;

export const RetryNotificationReply = Type.Object({
  retried: Type.String({ description: 'id of the dead-letter entry' }),
  jobId: Type.String({ description: 'the new delivery job' }),
});
export type RetryNotificationReply = Static<typeof RetryNotificationReply>;
