import type {
  Alert,
  AlertRule,
  AlertTransition,
  AlertmanagerChannel,
  DeliverNotificationPayload,
  Lang,
  TelegramChannel,
} from '@region-score/contracts';
import { formatAlertText, type RegionCatalog } from '@region-score/core';

/*
 * What each channel receives, built from a delivery job's payload. Pure: the senders add the
 * transport (HTTP, signature, timeout).
 */

/** Localized names for messages; ids stand in for anything the config no longer has. */
export interface MessageNames {
  district(id: string, lang: Lang): string;
  indicator(region: string, id: string, lang: Lang): string;
}

/** Names from the loaded region config. */
export function namesFromCatalog(catalog: RegionCatalog): MessageNames {
  return {
    district: (id, lang) => catalog.district(id)?.district.name[lang] ?? id,
    indicator: (region, id, lang) => catalog.indicator(region, id)?.name[lang] ?? id,
  };
}

/** Telegram refuses longer messages. */
export const TELEGRAM_MAX_CHARS = 4096;

/** The readable message of a group of alerts in one language (core's `formatAlertText`). */
export function messageText(alerts: readonly Alert[], lang: Lang, names: MessageNames): string {
  const regionOf = new Map(alerts.flatMap((a) => (a.indicator ? [[a.indicator, a.region]] : [])));
  return formatAlertText(
    alerts,
    lang,
    (district) => names.district(district, lang),
    (indicator) => names.indicator(regionOf.get(indicator) ?? '', indicator, lang),
  );
}

/** Link to an alert in the service's API, for people and for Alertmanager's `generatorURL`. */
export function alertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl}/api/v1/alerts/${encodeURIComponent(alertId)}`;
}

/** `firing` when any alert of the group still fires, else `resolved`. */
export function groupStatus(alerts: readonly Alert[]): 'firing' | 'resolved' {
  return alerts.some((a) => a.state !== 'resolved') ? 'firing' : 'resolved';
}

/** One alert in a webhook body: the stored alert, the change announced, and a link. */
export type WebhookAlert = Alert & { transition: AlertTransition; url: string };

/** The JSON body of a webhook request (documented in docs/notifications.md). */
export interface WebhookBody {
  version: 1;
  /** Delivery id, the same on every retry: receivers drop duplicates by it. */
  id: string;
  channel: string;
  status: 'firing' | 'resolved';
  repeat: boolean;
  groupKey: string;
  /** When this attempt was sent (the signed timestamp, as ISO). */
  sentAt: string;
  /** When the notification was first queued. */
  queuedAt: string;
  language: Lang;
  /** The same readable text Telegram gets. */
  text: string;
  alerts: WebhookAlert[];
}

export function webhookBody(
  payload: DeliverNotificationPayload,
  ctx: {
    deliveryId: string;
    language: Lang;
    sentAt: Date;
    names: MessageNames;
    publicUrl: string;
  },
): WebhookBody {
  const alerts = payload.items.map((i) => i.alert);
  return {
    version: 1,
    id: ctx.deliveryId,
    channel: payload.channel,
    status: groupStatus(alerts),
    repeat: payload.repeat,
    groupKey: payload.groupKey,
    sentAt: ctx.sentAt.toISOString(),
    queuedAt: payload.queuedAt,
    language: ctx.language,
    text: messageText(alerts, ctx.language, ctx.names),
    alerts: payload.items.map(({ alert, transition }) => ({
      ...alert,
      transition,
      url: alertUrl(ctx.publicUrl, alert.id),
    })),
  };
}

/** The `sendMessage` request of the Bot API. */
export function telegramRequest(
  payload: DeliverNotificationPayload,
  channel: TelegramChannel,
  names: MessageNames,
): { url: string; body: { chat_id: string; text: string; disable_web_page_preview: true } } {
  const text = messageText(
    payload.items.map((i) => i.alert),
    channel.language,
    names,
  );
  return {
    url: `${channel.apiBase}/bot${channel.token}/sendMessage`,
    body: {
      chat_id: channel.chatId,
      text: text.length > TELEGRAM_MAX_CHARS ? `${text.slice(0, TELEGRAM_MAX_CHARS - 1)}…` : text,
      // Plain text (no parse_mode): district names with `_` or `*` need no escaping.
      disable_web_page_preview: true,
    },
  };
}

/** An alert as Alertmanager's `POST /api/v2/alerts` takes it. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
  startsAt: string;
  endsAt?: string;
  generatorURL: string;
}

/** `stale_data` → `RegionScoreStaleData`: Prometheus-style alert names. */
export function alertmanagerAlertName(rule: AlertRule): string {
  const pascal = rule.replace(/(^|_)([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
  return `RegionScore${pascal}`;
}

/**
 * The body of `POST {url}/api/v2/alerts`: one entry per alert, labelled so Alertmanager's own
 * routing, grouping and silences can use them. Firing alerts carry no `endsAt` (Alertmanager
 * holds them for its `resolve_timeout`, which is why routes to it repeat every minute by
 * default); resolved ones carry `endsAt`, which resolves them there.
 */
export function alertmanagerAlerts(
  payload: DeliverNotificationPayload,
  channel: AlertmanagerChannel,
  names: MessageNames,
  publicUrl: string,
): AlertmanagerAlert[] {
  return payload.items.map(({ alert }) => {
    const labels: Record<string, string> = {
      alertname: alertmanagerAlertName(alert.rule),
      severity: alert.severity,
      region: alert.region,
      district: alert.district,
      rule: alert.rule,
    };
    // An empty label value means "no label" to Alertmanager; district-wide rules have none.
    if (alert.indicator !== null) labels.indicator = alert.indicator;
    const out: AlertmanagerAlert = {
      labels,
      annotations: {
        summary: alert.summary,
        description: messageText([alert], channel.language, names),
      },
      startsAt: alert.firedAt ?? alert.activeAt,
      generatorURL: alertUrl(publicUrl, alert.id),
    };
    if (alert.state === 'resolved') out.endsAt = alert.resolvedAt ?? alert.updatedAt;
    return out;
  });
}
