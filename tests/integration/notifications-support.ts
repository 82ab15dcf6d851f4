import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { parseRegionConfig } from '@region-score/config';
import type { Alert, AlertRule, NotificationItem, Severity } from '@region-score/contracts';
import { RegionCatalog, alertFingerprint } from '@region-score/core';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

/** A request a test receiver got. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A local HTTP server standing in for a webhook receiver, Telegram or Alertmanager. */
export interface Receiver {
  url: string;
  requests: Received[];
  /** Answers with this status for request number `n` (0-based); default 200. */
  respond: (n: number) => number;
  /** Requests answered 2xx. */
  ok(): Received[];
  close(): Promise<void>;
}

export async function startReceiver(respond: (n: number) => number = () => 200): Promise<Receiver> {
  const requests: Received[] = [];
  const receiver: Receiver = {
    url: '',
    requests,
    respond,
    ok: () => requests.filter((r) => r.status < 300),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = receiver.respond(requests.length);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? '{"ok":true}' : '{"ok":false,"description":"down"}');
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** Fifteen districts (`d01`…`d15`, Russian names `Район 1`…) in one region, `north`. */
export function regionYaml(): string {
  const districts = Array.from({ length: 15 }, (_, i) => {
    const n = i + 1;
    const id = `d${String(n).padStart(2, '0')}`;
    return `      - { id: ${id}, kind: district, name: { ru: Район ${n}, kk: Аудан ${n}, en: District ${n} } }`;
  });
  return [
    'version: 1',
    'regions:',
    '  - id: north',
    '    name: { ru: Северная, kk: Солтүстік, en: North }',
    '    indicators:',
    '      - id: roads',
    '        name: { ru: Дороги, kk: Жолдар, en: Roads }',
    "        unit: '%'",
    '        category: infrastructure',
    '        direction: higher',
    '        weight: 1',
    '        mode: level',
    '        frequencyDays: 30',
    '    districts:',
    ...districts,
    '    targets: []',
  ].join('\n');
}

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';
export const BOT_TOKEN = '123456:TEST-token';

/** The harness (API, no domain workers) plus the notify worker on a config with these channels. */
export interface NotifyEnv {
  h: Harness;
  catalog: RegionCatalog;
  dispatch(items: NotificationItem[]): Promise<void>;
  /** Waits until no notify job is waiting, running or delayed (retries included). */
  settle(): Promise<void>;
  admin(method: 'GET' | 'POST' | 'DELETE', url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * Starts the API through the harness with a worker on the notify queue only (so no evaluation
 * sends alerts of its own), on `notificationsYaml` (the `notifications:` section, indented
 * by two spaces) over the fifteen-district region.
 */
export async function startNotifyEnv(
  notificationsYaml: string,
  opts: { at?: string } = {},
): Promise<NotifyEnv> {
  const text = `${regionYaml()}\nnotifications:\n${notificationsYaml}`;
  const regionConfig = parseRegionConfig(text, 'notifications-test.yaml', {
    WEBHOOK_SECRET,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
  });
  const catalog = new RegionCatalog(regionConfig);
  // One worker on the notify queue only: no evaluation sends alerts of its own.
  const h = await startHarness({
    catalog,
    worker: {
      queues: ['notify'],
      ...(regionConfig.notifications ? { notifications: regionConfig.notifications } : {}),
    },
    ...(opts.at ? { at: opts.at } : {}),
  });
  const settle = async (): Promise<void> => {
    await waitFor(
      async () => {
        const counts = await h.queues
          .queue('notify')
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0) ? true : undefined;
      },
      { what: 'idle notify queue' },
    );
  };
  return {
    h,
    catalog,
    async dispatch(items) {
      await h.queues.add('dispatch-notifications', { items });
    },
    settle,
    admin: (method, url) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${h.adminToken}` } }),
    close: () => h.close(),
  };
}

/** An alert of the `north` region; the id is its real fingerprint. */
export function alertOf(
  patch: Partial<Alert> & { district: string },
  at = '2026-07-01T18:00:00.000Z',
): Alert {
  const rule: AlertRule = patch.rule ?? 'stale_data';
  const indicator = patch.indicator === undefined ? 'roads' : patch.indicator;
  const severity: Severity = patch.severity ?? 'warning';
  return {
    id: alertFingerprint(rule, 'north', patch.district, indicator),
    rule,
    severity,
    state: 'firing',
    region: 'north',
    indicator,
    summary: `${patch.district}: ${rule} (${severity})`,
    value: 45,
    threshold: 37,
    activeAt: at,
    firedAt: at,
    resolvedAt: null,
    updatedAt: at,
    ack: null,
    silencedBy: null,
    ...patch,
  };
}

/** The item the alert engine would queue for the alert's current state. */
export function itemOf(alert: Alert): NotificationItem {
  return {
    alert,
    transition: {
      id: alert.id,
      from: alert.state === 'resolved' ? 'firing' : 'pending',
      to: alert.state,
      at: alert.updatedAt,
      severity: alert.severity,
      summary: alert.summary,
    },
  };
}

/** District id of the n-th district (1-based). */
export const d = (n: number): string => `d${String(n).padStart(2, '0')}`;
