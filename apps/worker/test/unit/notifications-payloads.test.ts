import { describe, expect, it } from 'vitest';
import type { DeliverNotificationPayload, Lang } from '@region-score/contracts';
import {
  alertmanagerAlertName,
  alertmanagerAlerts,
  telegramRequest,
  webhookBody,
  type MessageNames,
} from '../../src/notifications/payloads';
import { itemOf, notificationsOf } from './notification-factories';

const DISTRICTS: Record<string, Record<Lang, string>> = {
  alpha: { ru: 'Альфа', kk: 'Альфа', en: 'Alpha' },
  beta: { ru: 'Бета', kk: 'Бета', en: 'Beta' },
};
const names: MessageNames = {
  district: (id, lang) => DISTRICTS[id]?.[lang] ?? id,
  indicator: (_region, id, lang) =>
    id === 'roads' ? { ru: 'Дороги', kk: 'Жолдар', en: 'Roads' }[lang] : id,
};
const config = notificationsOf([]);
const channel = <T extends string>(type: T) => {
  const found = config.channels.find((c) => c.type === type);
  if (!found) throw new Error(type);
  return found as Extract<(typeof config.channels)[number], { type: T }>;
};

const payload = (items = [itemOf({ district: 'alpha' }), itemOf({ district: 'beta' })]) =>
  ({
    channel: 'x',
    groupKey: 'rule=stale_data,region=testland,severity=warning',
    items,
    repeat: false,
    queuedAt: '2026-07-01T10:00:01.000Z',
  }) satisfies DeliverNotificationPayload;

describe('webhook body', () => {
  it('carries the alerts with their transitions and links, and the readable text', () => {
    const body = webhookBody(payload(), {
      deliveryId: 'n-1',
      language: 'en',
      sentAt: new Date('2026-07-01T10:00:02Z'),
      names,
      publicUrl: 'https://score.example.kz',
    });
    expect(body).toMatchObject({
      version: 1,
      id: 'n-1',
      status: 'firing',
      repeat: false,
      sentAt: '2026-07-01T10:00:02.000Z',
      language: 'en',
    });
    expect(body.alerts).toHaveLength(2);
    expect(body.alerts[0]).toMatchObject({
      id: 'stale_data.testland.alpha.roads',
      transition: { from: 'pending', to: 'firing' },
      url: 'https://score.example.kz/api/v1/alerts/stale_data.testland.alpha.roads',
    });
    expect(body.text).toContain('Alpha — Roads');
  });

  it('is resolved only when every alert of the group resolved', () => {
    const resolved = itemOf({ state: 'resolved', resolvedAt: '2026-07-02T00:00:00.000Z' });
    const ctx = {
      deliveryId: 'n',
      language: 'en' as const,
      sentAt: new Date(),
      names,
      publicUrl: '',
    };
    expect(webhookBody(payload([resolved]), ctx).status).toBe('resolved');
    expect(webhookBody(payload([resolved, itemOf({ district: 'beta' })]), ctx).status).toBe(
      'firing',
    );
  });
});

describe('telegram request', () => {
  it('posts to /bot<token>/sendMessage with the chat id and Russian text naming the districts', () => {
    const req = telegramRequest(payload(), channel('telegram'), names);
    expect(req.url).toBe('http://127.0.0.1:1/bot123:abc/sendMessage');
    expect(req.body.chat_id).toBe('-100');
    expect(req.body.text).toContain('Нет свежих данных');
    expect(req.body.text).toContain('Альфа — Дороги');
    expect(req.body.text).toContain('Бета');
  });

  it('stays within Telegram length limit', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      itemOf({ district: `district_with_a_very_long_name_${'x'.repeat(100)}_${i}` }),
    );
    expect(
      telegramRequest(payload(many), channel('telegram'), names).body.text.length,
    ).toBeLessThanOrEqual(4096);
  });
});

describe('alertmanager alerts', () => {
  it('builds v2 alerts: labels, annotations, startsAt, and endsAt only when resolved', () => {
    const firing = itemOf({ district: 'alpha', severity: 'critical', rule: 'behind_plan' });
    const resolved = itemOf({
      district: 'beta',
      indicator: null,
      rule: 'rank_drop',
      state: 'resolved',
      resolvedAt: '2026-07-02T00:00:00.000Z',
    });
    const [a, b] = alertmanagerAlerts(
      payload([firing, resolved]),
      channel('alertmanager'),
      names,
      'https://score.example.kz',
    );
    expect(a).toEqual({
      labels: {
        alertname: 'RegionScoreBehindPlan',
        severity: 'critical',
        region: 'testland',
        district: 'alpha',
        indicator: 'roads',
        rule: 'behind_plan',
      },
      annotations: { summary: 'alpha: behind_plan', description: expect.stringContaining('Alpha') },
      startsAt: '2026-07-01T10:00:00.000Z',
      generatorURL: 'https://score.example.kz/api/v1/alerts/behind_plan.testland.alpha.roads',
    });
    expect(b?.labels).not.toHaveProperty('indicator');
    expect(b?.endsAt).toBe('2026-07-02T00:00:00.000Z');
  });

  it('names alerts the Prometheus way', () => {
    expect(alertmanagerAlertName('stale_data')).toBe('RegionScoreStaleData');
    expect(alertmanagerAlertName('projected_miss')).toBe('RegionScoreProjectedMiss');
  });
});
