import { describe, expect, it } from 'vitest';
import { alertDetail } from '@region-score/core';
import { filterAlerts, groupAlerts, orderAlerts, severityCounts } from '../../src/lib/state/alerts';
import { alert } from './factories';

const list = [
  alert({ id: 'w-new', severity: 'warning', district: 'akkol', firedAt: '2026-06-30T10:00:00Z' }),
  alert({
    id: 'c-old',
    severity: 'critical',
    district: 'zerendi',
    firedAt: '2026-06-01T10:00:00Z',
  }),
  alert({ id: 'w-old', severity: 'warning', district: 'akkol', firedAt: '2026-06-02T10:00:00Z' }),
  alert({ id: 'c-new', severity: 'critical', district: 'akkol', firedAt: '2026-06-29T10:00:00Z' }),
];

describe('the alerts page list', () => {
  it('puts criticals first, then the most recently fired', () => {
    expect(orderAlerts(list).map((a) => a.id)).toEqual(['c-new', 'c-old', 'w-new', 'w-old']);
  });

  it('counts by severity and filters by every set field', () => {
    expect(severityCounts(list)).toEqual({ critical: 2, warning: 2 });
    const akkolCritical = filterAlerts(list, { severity: 'critical', district: 'akkol', rule: '' });
    expect(akkolCritical.map((a) => a.id)).toEqual(['c-new']);
  });

  it('groups by district, the groups with a critical and more alerts first', () => {
    const groups = groupAlerts(orderAlerts(list), 'district', (k) => k);
    expect(groups.map((g) => [g.key, g.alerts.length])).toEqual([
      ['akkol', 3],
      ['zerendi', 1],
    ]);
  });

  it('words the summary in the chosen language', () => {
    const a = alert({ rule: 'behind_plan', value: 82, threshold: 90 });
    expect(alertDetail(a, 'ru')).toBe('выполнение плана 82% (порог 90%)');
    expect(alertDetail(a, 'kk')).toBe('жоспардың орындалуы 82% (шегі 90%)');
  });
});
