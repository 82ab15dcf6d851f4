import { describe, expect, it } from 'vitest';
import { alertRuleName } from '@region-score/core';
import { alertText } from '../../src/lib/components/alert-text';
import { alert } from './factories';

describe('alertText', () => {
  it('names the rule as notifications do (core’s alertRuleName)', () => {
    const a = alert({ rule: 'projected_miss' });
    expect(alertText(a, undefined, 'ru')).toBe(
      `kokshetau — ${alertRuleName('projected_miss', 'ru')} (jobs)`,
    );
    expect(alertText(a, undefined, 'en')).toBe('kokshetau — Projected to miss target (jobs)');
    expect(alertText(alert({ rule: 'score_drop', indicator: null }), undefined, 'kk')).toBe(
      'kokshetau — Ұпайдың төмендеуі',
    );
  });
});
