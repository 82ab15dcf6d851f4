import {
  AlertmanagerChannelSchema,
  TelegramChannelSchema,
  WebhookChannelSchema,
  type NotificationChannel,
  type NotificationGroupLabel,
  type NotificationsConfig,
  type NotificationsInput,
} from '@region-score/contracts';
import type { TSchema } from '@sinclair/typebox';
import { describeValue, formatPath, schemaIssues, type Issue } from './schema-issues';
import { isRecord, items, str, type Path } from './loose';

/** The environment secrets are read from: passed in by the entry point, never `process.env` here. */
export type SecretEnv = Readonly<Record<string, string | undefined>>;

/**
 * The defaults of the `notifications:` section, in one place so the schema descriptions, the docs
 * (docs/notifications.md) and the loader agree.
 */
export const NOTIFICATION_DEFAULTS = {
  groupBy: ['rule', 'region', 'severity'] as NotificationGroupLabel[],
  language: 'ru',
  publicUrl: 'http://localhost:3000',
  timeoutMs: 5000,
  retry: { attempts: 8, backoffMs: 5000 },
  repeatIntervalMinutes: 240,
  /**
   * Alertmanager forgets an alert that is not re-sent within its `resolve_timeout` (5 min by
   * default), the way Prometheus re-sends every evaluation; so routes to it repeat every minute.
   */
  alertmanagerRepeatIntervalMinutes: 1,
  sendResolved: true,
  telegramApiBase: 'https://api.telegram.org',
} as const;

/** An HMAC key shorter than this is too easy to guess. */
const MIN_SECRET_LENGTH = 16;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Which secret fields each channel type takes: the inline one and the env-reference one. */
const SECRET_FIELDS: Record<string, { inline: string; env: string; what: string } | undefined> = {
  webhook: { inline: 'secret', env: 'secretEnv', what: 'an HMAC key' },
  telegram: { inline: 'token', env: 'tokenEnv', what: 'a bot token' },
};

/** The schema of each channel type: a channel is checked against its own type's schema. */
const CHANNEL_SCHEMAS: Record<string, TSchema | undefined> = {
  webhook: WebhookChannelSchema,
  telegram: TelegramChannelSchema,
  alertmanager: AlertmanagerChannelSchema,
};

/** A channel that failed the union of channel schemas, which says only "no form matched". */
function isChannelUnionIssue(issue: Issue): boolean {
  const [section, list, index, ...rest] = issue.path;
  return (
    section === 'notifications' &&
    list === 'channels' &&
    typeof index === 'number' &&
    rest.length === 0 &&
    issue.message.startsWith('does not match any allowed form')
  );
}

/**
 * Replaces "does not match any allowed form" on a channel with what is wrong with it as a
 * channel of its `type` (`notifications.channels[0].url: is required`), which a person can fix.
 */
export function refineChannelIssues(issues: readonly Issue[], doc: unknown): Issue[] {
  const kept = issues.filter((issue) => !isChannelUnionIssue(issue));
  const refined = issues.filter(isChannelUnionIssue).flatMap((issue) => {
    const index = issue.path[2] as number;
    const section = isRecord(doc) && isRecord(doc.notifications) ? doc.notifications : {};
    const channel: unknown = Array.isArray(section.channels) ? section.channels[index] : undefined;
    if (!isRecord(channel))
      return [{ ...issue, message: `must be a mapping, got ${describeValue(channel)}` }];
    const schema = CHANNEL_SCHEMAS[str(channel.type) ?? ''];
    if (!schema) {
      const types = Object.keys(CHANNEL_SCHEMAS).map((t) => JSON.stringify(t));
      return [
        {
          path: [...issue.path, 'type'],
          message: `must be one of ${types.join(', ')}, got ${describeValue(channel.type)}`,
        },
      ];
    }
    return schemaIssues(schema, channel).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
  });
  return [...kept, ...refined];
}

/**
 * The checks of the `notifications:` section a schema cannot express: unique channel ids, routes
 * naming known channels, regions and districts, exactly one of `secret`/`secretEnv` (`token`/
 * `tokenEnv`), and env-referenced secrets that are actually set. Runs on the raw document, like
 * the other cross-checks, so one run reports every problem. Secret values are never echoed.
 */
export function notificationIssues(doc: unknown, env: SecretEnv | undefined): Issue[] {
  if (!isRecord(doc) || !isRecord(doc.notifications)) return [];
  const section = doc.notifications;
  const issues: Issue[] = [];
  const add = (path: Path, message: string): void => {
    issues.push({ path: ['notifications', ...path], message });
  };

  const channelIds = new Map<string, string>();
  items(section.channels).forEach((channel, c) => {
    const id = str(channel.id);
    if (id !== undefined) {
      const first = channelIds.get(id);
      if (first) add(['channels', c, 'id'], `duplicate ${JSON.stringify(id)} (first at ${first})`);
      else channelIds.set(id, formatPath(['notifications', 'channels', c, 'id']));
    }
    const fields = SECRET_FIELDS[str(channel.type) ?? ''];
    if (!fields) return;
    const inline = channel[fields.inline];
    const envName = str(channel[fields.env]);
    if (inline !== undefined && envName !== undefined) {
      add(['channels', c], `give either ${fields.inline} or ${fields.env}, not both`);
    } else if (inline === undefined && envName === undefined) {
      add(['channels', c], `needs ${fields.what}: set ${fields.env} (or ${fields.inline})`);
    } else if (envName !== undefined) {
      const value = env?.[envName];
      if (value === undefined || value === '') {
        add(['channels', c, fields.env], `environment variable ${envName} is not set`);
      } else if (channel.type === 'webhook' && value.length < MIN_SECRET_LENGTH) {
        add(
          ['channels', c, fields.env],
          `environment variable ${envName} must hold at least ${MIN_SECRET_LENGTH} characters (value not shown)`,
        );
      }
    }
  });

  const regions = items(doc.regions);
  const regionIds = new Set(regions.flatMap((r) => str(r.id) ?? []));
  const districtIds = new Set(
    regions.flatMap((r) => items(r.districts).flatMap((d) => str(d.id) ?? [])),
  );
  items(section.routes).forEach((route, r) => {
    const channel = str(route.channel);
    if (channel !== undefined && channel !== '' && !channelIds.has(channel)) {
      const known = [...channelIds.keys()];
      add(
        ['routes', r, 'channel'],
        `unknown channel ${JSON.stringify(channel)}${known.length > 0 ? ` (channels: ${known.join(', ')})` : ' (no channels defined)'}`,
      );
    }
    strings(route.regions).forEach((region, i) => {
      if (!regionIds.has(region))
        add(['routes', r, 'regions', i], `unknown region ${JSON.stringify(region)}`);
    });
    strings(route.districts).forEach((district, i) => {
      if (!districtIds.has(district)) {
        add(['routes', r, 'districts', i], `unknown district ${JSON.stringify(district)}`);
      }
    });
  });
  return issues;
}

/**
 * Applies the defaults and reads env-referenced secrets. Call on a section that passed the schema
 * and `notificationIssues`, so every referenced variable is set.
 */
export function resolveNotifications(
  input: NotificationsInput,
  env: SecretEnv | undefined,
): NotificationsConfig {
  const d = NOTIFICATION_DEFAULTS;
  const language = input.language ?? d.language;
  const secret = (inline: string | undefined, envName: string | undefined): string =>
    inline ?? (envName === undefined ? '' : (env?.[envName] ?? ''));

  const channels = input.channels.map((c): NotificationChannel => {
    const base = { id: c.id, language: c.language ?? language };
    switch (c.type) {
      case 'webhook':
        return { ...base, type: 'webhook', url: c.url, secret: secret(c.secret, c.secretEnv) };
      case 'telegram':
        return {
          ...base,
          type: 'telegram',
          chatId: String(c.chatId),
          token: secret(c.token, c.tokenEnv),
          apiBase: (c.apiBase ?? d.telegramApiBase).replace(/\/+$/, ''),
        };
      case 'alertmanager':
        return { ...base, type: 'alertmanager', url: c.url.replace(/\/+$/, '') };
    }
  });
  const typeOf = new Map(channels.map((c) => [c.id, c.type]));
  const groupBy = input.groupBy ?? d.groupBy;

  return {
    channels,
    routes: input.routes.map((r) => ({
      channel: r.channel,
      severities: r.severities ?? null,
      regions: r.regions ?? null,
      districts: r.districts ?? null,
      rules: r.rules ?? null,
      groupBy: [...(r.groupBy ?? groupBy)],
      repeatIntervalMinutes:
        r.repeatIntervalMinutes ??
        (typeOf.get(r.channel) === 'alertmanager'
          ? d.alertmanagerRepeatIntervalMinutes
          : d.repeatIntervalMinutes),
      sendResolved: r.sendResolved ?? d.sendResolved,
    })),
    publicUrl: (input.publicUrl ?? d.publicUrl).replace(/\/+$/, ''),
    timeoutMs: input.timeoutMs ?? d.timeoutMs,
    retry: {
      attempts: input.retry?.attempts ?? d.retry.attempts,
      backoffMs: input.retry?.backoffMs ?? d.retry.backoffMs,
    },
  };
}
