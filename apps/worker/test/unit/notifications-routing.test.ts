import { describe, expect, it } from 'vitest';
import { planDeliveries, routeFor, routeMatches } from '../../src/notifications/routing';
import { alertOf, itemOf, notificationsOf, routeOf } from './notification-factories';

describe('routeMatches', () => {
  it('accepts everything without matchers and requires every given matcher', () => {
    const alert = alertOf({ severity: 'critical', district: 'beta', rule: 'behind_plan' });
    expect(routeMatches(routeOf('hook'), alert)).toBe(true);
    expect(routeMatches(routeOf('hook', { severities: ['critical'] }), alert)).toBe(true);
    expect(routeMatches(routeOf('hook', { severities: ['warning'] }), alert)).toBe(false);
    expect(routeMatches(routeOf('hook', { regions: ['otherland'] }), alert)).toBe(false);
    expect(routeMatches(routeOf('hook', { districts: ['alpha', 'beta'] }), alert)).toBe(true);
    expect(routeMatches(routeOf('hook', { rules: ['stale_data'] }), alert)).toBe(false);
    expect(
      routeMatches(routeOf('hook', { severities: ['critical'], districts: ['alpha'] }), alert),
    ).toBe(false);
  });

  it('picks the first matching route of the channel', () => {
    const config = notificationsOf([
      routeOf('tg', { severities: ['critical'] }),
      routeOf('hook', { severities: ['critical'], repeatIntervalMinutes: 5 }),
      routeOf('hook', { repeatIntervalMinutes: 60 }),
    ]);
    expect(routeFor(config, 'hook', alertOf({ severity: 'critical' }))?.index).toBe(1);
    expect(routeFor(config, 'hook', alertOf({ severity: 'warning' }))?.index).toBe(2);
    expect(routeFor(config, 'tg', alertOf({ severity: 'warning' }))).toBeNull();
  });
});

describe('planDeliveries', () => {
  it('fifteen districts going stale at once make one message per channel', () => {
    const items = Array.from({ length: 15 }, (_, i) => itemOf({ district: `d${i}` }));
    const config = notificationsOf([routeOf('hook'), routeOf('tg'), routeOf('am')]);
    const plans = planDeliveries(items, config);
    expect(plans.map((p) => p.channel)).toEqual(['hook', 'tg', 'am']);
    for (const plan of plans) expect(plan.group.items).toHaveLength(15);
    expect(plans[0]?.group.key).toBe('rule=stale_data,region=testland,severity=warning');
  });

  it('a warning-only route does not get critical alerts', () => {
    const items = [
      itemOf({ district: 'alpha', severity: 'warning' }),
      itemOf({ district: 'beta', severity: 'critical' }),
    ];
    const config = notificationsOf([
      routeOf('tg', { severities: ['warning'] }),
      routeOf('hook', { severities: ['critical'] }),
    ]);
    const plans = planDeliveries(items, config);
    expect(plans.map((p) => [p.channel, p.group.items.map((i) => i.alert.district)])).toEqual([
      ['hook', ['beta']],
      ['tg', ['alpha']],
    ]);
  });

  it('groups by the route groupBy, and sends each alert once per channel', () => {
    const items = [
      itemOf({ district: 'alpha', rule: 'stale_data' }),
      itemOf({ district: 'alpha', rule: 'behind_plan' }),
      itemOf({ district: 'beta', rule: 'stale_data' }),
    ];
    const config = notificationsOf([
      routeOf('hook', { groupBy: ['district'] }),
      // Matches too, but the first route of the channel decides.
      routeOf('hook', { groupBy: [] }),
    ]);
    const plans = planDeliveries(items, config);
    expect(plans.map((p) => [p.group.key, p.group.items.length])).toEqual([
      ['district=alpha', 2],
      ['district=beta', 1],
    ]);
  });

  it('leaves resolved alerts out of routes that do not send them', () => {
    const items = [itemOf({ district: 'alpha' }), itemOf({ district: 'beta', state: 'resolved' })];
    const config = notificationsOf([routeOf('hook', { sendResolved: false }), routeOf('tg')]);
    const plans = planDeliveries(items, config);
    expect(plans.map((p) => [p.channel, p.group.items.length])).toEqual([
      ['hook', 1],
      ['tg', 2],
    ]);
  });
});
