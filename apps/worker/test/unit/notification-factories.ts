import type {
  Alert,
  AlertRule,
  NotificationItem,
  NotificationRoute,
  NotificationsConfig,
  Severity,
} from '@region-score/contracts';

/** A firing alert; override any field. */
export function alertOf(patch: Partial<Alert> = {}): Alert {
  const rule: AlertRule = patch.rule ?? 'stale_data';
  const district = patch.district ?? 'alpha';
  const indicator = patch.indicator === undefined ? 'roads' : patch.indicator;
  const region = patch.region ?? 'testland';
  return {
    id: `${rule}.${region}.${district}.${indicator ?? '-'}`,
    rule,
    severity: 'warning',
    state: 'firing',
    region,
    district,
    indicator,
    summary: `${district}: ${rule}`,
    value: 40,
    threshold: 37,
    activeAt: '2026-07-01T10:00:00.000Z',
    firedAt: '2026-07-01T10:00:00.000Z',
    resolvedAt: null,
    updatedAt: '2026-07-01T10:00:00.000Z',
    ack: null,
    silencedBy: null,
    ...patch,
  };
}

/** An item announcing the alert's current state. */
export function itemOf(patch: Partial<Alert> = {}): NotificationItem {
  const alert = alertOf(patch);
  const resolved = alert.state === 'resolved';
  return {
    alert,
    transition: {
      id: alert.id,
      from: resolved ? 'firing' : 'pending',
      to: alert.state,
      at: alert.updatedAt,
      severity: alert.severity,
      summary: alert.summary,
    },
  };
}

/** A route with no matchers and the defaults. */
export function routeOf(
  channel: string,
  patch: Partial<NotificationRoute> = {},
): NotificationRoute {
  return {
    channel,
    severities: null,
    regions: null,
    districts: null,
    rules: null,
    groupBy: ['rule', 'region', 'severity'],
    repeatIntervalMinutes: 240,
    sendResolved: true,
    ...patch,
  };
}

/** A resolved notifications config with a webhook, a Telegram chat and an Alertmanager. */
export function notificationsOf(routes: NotificationRoute[]): NotificationsConfig {
  return {
    channels: [
      {
        id: 'hook',
        type: 'webhook',
        language: 'en',
        url: 'http://127.0.0.1:1/hook',
        secret: 's'.repeat(32),
      },
      {
        id: 'tg',
        type: 'telegram',
        language: 'ru',
        chatId: '-100',
        token: '123:abc',
        apiBase: 'http://127.0.0.1:1',
      },
      { id: 'am', type: 'alertmanager', language: 'en', url: 'http://127.0.0.1:1' },
    ],
    routes,
    publicUrl: 'https://score.example.kz',
    timeoutMs: 1000,
    retry: { attempts: 3, backoffMs: 10 },
  };
}

export const severities: Severity[] = ['warning', 'critical'];
