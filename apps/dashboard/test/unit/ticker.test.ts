import { describe, expect, it } from 'vitest';
import type { Alert } from '@region-score/contracts';
import {
  dwellMs,
  MIN_DWELL_MS,
  severityCounts,
  tickerIndex,
  tickerOrder,
} from '../../src/lib/state/ticker';

const alert = (id: string, severity: Alert['severity'], firedAt: string): Alert =>
  ({ id, severity, state: 'firing', firedAt, activeAt: firedAt }) as Alert;

describe('ticker', () => {
  const alerts = [
    alert('w-new', 'warning', '2026-06-30T10:00:00Z'),
    alert('c-old', 'critical', '2026-06-29T10:00:00Z'),
    alert('w-old', 'warning', '2026-06-28T10:00:00Z'),
    alert('c-new', 'critical', '2026-06-30T09:00:00Z'),
  ];

  it('puts criticals first, newest first within a severity', () => {
    expect(tickerOrder(alerts).map((a) => a.id)).toEqual(['c-new', 'c-old', 'w-new', 'w-old']);
  });

  it('counts by severity', () => {
    expect(severityCounts(alerts)).toEqual({ critical: 2, warning: 2 });
  });

  it('fits three alerts into one rotation visit, never faster than readable', () => {
    expect(dwellMs(6)).toBe(MIN_DWELL_MS);
    expect(dwellMs(10)).toBeCloseTo(3333, 0);
    expect(dwellMs(12)).toBe(4000);
    expect(dwellMs(null)).toBe(5000);
  });

  it('follows the clock, so a remount carries on the loop', () => {
    expect(tickerIndex(0, 4, 3000)).toBe(0);
    expect(tickerIndex(3000, 4, 3000)).toBe(1);
    expect(tickerIndex(12_000, 4, 3000)).toBe(0);
    expect(tickerIndex(5000, 0, 3000)).toBe(0);
  });
});
