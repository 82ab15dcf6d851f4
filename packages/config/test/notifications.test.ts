import { describe, expect, it } from 'vitest';
import { parseRegionConfig, RegionConfigError } from '../src/index';
import { configInput } from './factories';

const withNotifications = (notifications: unknown) =>
  JSON.stringify({ ...configInput(), notifications }, null, 2);

function issuesOf(text: string, env?: Record<string, string>): string[] {
  try {
    parseRegionConfig(text, 'test.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(RegionConfigError);
    return (error as RegionConfigError).issues;
  }
  throw new Error('expected parseRegionConfig to throw');
}

const SECRET = 'x'.repeat(32);

describe('notifications section', () => {
  it('applies defaults and reads secrets from the environment passed in', () => {
    const config = parseRegionConfig(
      withNotifications({
        channels: [
          {
            id: 'hook',
            type: 'webhook',
            url: 'https://hooks.example.kz/rs',
            secretEnv: 'HOOK_SECRET',
          },
          { id: 'tg', type: 'telegram', chatId: -1001, tokenEnv: 'TG_TOKEN', language: 'kk' },
          { id: 'am', type: 'alertmanager', url: 'http://am:9093/' },
        ],
        routes: [
          { channel: 'hook' },
          {
            channel: 'tg',
            severities: ['critical'],
            districts: ['akkol'],
            repeatIntervalMinutes: 60,
          },
          { channel: 'am', groupBy: ['district'] },
        ],
      }),
      'test.yaml',
      { HOOK_SECRET: SECRET, TG_TOKEN: '123:abc' },
    );
    const n = config.notifications;
    expect(n?.channels).toEqual([
      {
        id: 'hook',
        type: 'webhook',
        language: 'ru',
        url: 'https://hooks.example.kz/rs',
        secret: SECRET,
      },
      {
        id: 'tg',
        type: 'telegram',
        language: 'kk',
        chatId: '-1001',
        token: '123:abc',
        apiBase: 'https://api.telegram.org',
      },
      { id: 'am', type: 'alertmanager', language: 'ru', url: 'http://am:9093' },
    ]);
    expect(n?.routes.map((r) => [r.channel, r.repeatIntervalMinutes, r.groupBy])).toEqual([
      ['hook', 240, ['rule', 'region', 'severity']],
      ['tg', 60, ['rule', 'region', 'severity']],
      ['am', 1, ['district']],
    ]);
    expect(n?.routes[1]).toMatchObject({
      severities: ['critical'],
      districts: ['akkol'],
      regions: null,
    });
    expect(n?.retry).toEqual({ attempts: 8, backoffMs: 5000 });
    expect(n?.timeoutMs).toBe(5000);
    expect(Object.isFrozen(n?.channels[0])).toBe(true);
  });

  it('names every problem by its path, without echoing secrets', () => {
    const issues = issuesOf(
      withNotifications({
        channels: [
          { id: 'hook', type: 'webhook', url: 'https://x.kz', secretEnv: 'HOOK_SECRET' },
          { id: 'hook', type: 'webhook', url: 'https://y.kz', secret: SECRET, secretEnv: 'B' },
          { id: 'tg', type: 'telegram', chatId: 1 },
          { id: 'short', type: 'webhook', url: 'https://z.kz', secretEnv: 'SHORT' },
        ],
        routes: [
          { channel: 'nope' },
          { channel: 'hook', severities: ['fatal'], districts: ['atlantis'] },
        ],
      }),
      { SHORT: 'tiny-secret' },
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'notifications.channels[0].secretEnv: environment variable HOOK_SECRET is not set',
        'notifications.channels[1].id: duplicate "hook" (first at notifications.channels[0].id)',
        'notifications.channels[1]: give either secret or secretEnv, not both',
        'notifications.channels[2]: needs a bot token: set tokenEnv (or token)',
        'notifications.channels[3].secretEnv: environment variable SHORT must hold at least 16 characters (value not shown)',
        'notifications.routes[0].channel: unknown channel "nope" (channels: hook, tg, short)',
        'notifications.routes[1].districts[0]: unknown district "atlantis"',
      ]),
    );
    expect(issues.some((i) => i.startsWith('notifications.routes[1].severities[0]'))).toBe(true);
    expect(issues.join('\n')).not.toContain('tiny-secret');
  });

  it('rejects unknown fields and bad URLs', () => {
    const issues = issuesOf(
      withNotifications({
        channels: [{ id: 'am', type: 'alertmanager', url: 'ftp://am' }],
        routes: [{ channel: 'am', every: 5 }],
        retry: { attempts: 0 },
      }),
    );
    expect(issues).toContain(
      'notifications.channels[0].url: must match ^https?://[^\\s]+$, got "ftp://am"',
    );
    expect(issues).toContain(
      'notifications.routes[0].every: unknown property (allowed: channel, severities, regions, districts, rules, groupBy, repeatIntervalMinutes, sendResolved)',
    );
    expect(issues).toContain('notifications.retry.attempts: must be >= 1, got 0');
  });

  it('says what is wrong with a channel as a channel of its type', () => {
    const issues = issuesOf(
      withNotifications({
        channels: [
          { id: 'hook', type: 'webhook', secret: 'y'.repeat(20) },
          { id: 'mail', type: 'email' },
          'oops',
        ],
        routes: [],
      }),
    );
    expect(issues).toEqual([
      'notifications.channels[0].url: is required',
      'notifications.channels[1].type: must be one of "webhook", "telegram", "alertmanager", got "email"',
      'notifications.channels[2]: must be a mapping, got "oops"',
    ]);
  });
});
