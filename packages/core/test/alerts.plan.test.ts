import { describe, expect, it } from 'vitest';
import type { Alert, DistrictScore, Silence } from '@region-score/contracts';
import {
  RESOLVED_ALERT_RETENTION_MS,
  planAlerts,
  resolveAlertRules,
  type DistrictInputs,
} from '../src/alerts/index';
import { scoreDistrict } from '../src/scoring/index';
import { makeDistrict, makeIndicator, makeRegion, makeTarget } from './factories';

const region = makeRegion({
  indicators: [makeIndicator({ id: 'roads', frequencyDays: 30 })],
  districts: [makeDistrict('alpha'), makeDistrict('beta')],
  targets: ['alpha', 'beta'].map((district) =>
    makeTarget({ district, indicator: 'roads', year: 2026, baseline: 80, target: 80 }),
  ),
});
const settings = resolveAlertRules(undefined);
const AT = new Date('2026-07-01T12:00:00Z');
const TODAY = '2026-07-01';

/** The district's score with one road-quality value reported yesterday. */
function scored(district: string, value: number, at = AT): DistrictScore {
  return scoreDistrict({
    region,
    district,
    values: { roads: [{ date: '2026-06-30', value }] },
    at,
    version: 1,
  });
}

const input = (score: DistrictScore): DistrictInputs => ({
  score,
  dailyScores: [],
  rank: 1,
  previousRank: 1,
});

function plan(stored: Alert[], inputs: DistrictInputs[], silences: Silence[] = [], at = AT) {
  return planAlerts({ region, settings, stored, inputs, silences, today: TODAY, at });
}

describe('planAlerts: one evaluation of a region as a pure function', () => {
  it('a value far below plan fires a critical behind-plan alert, announced and published', () => {
    const p = plan([], [input(scored('alpha', 40))]);
    const fired = p.changes.put.find((a) => a.rule === 'behind_plan');
    expect(fired).toMatchObject({ state: 'firing', severity: 'critical', district: 'alpha' });
    expect(p.transitions.map((t) => [t.id, t.to])).toContainEqual([fired?.id, 'firing']);
    expect(p.events).toContainEqual({ type: 'alert', alert: fired });
    expect(p.notify.map((n) => n.alert.id)).toContain(fired?.id);
  });

  it('resolves once the value is back above the resolve threshold, and says so', () => {
    const first = plan([], [input(scored('alpha', 40))]);
    const stored = [...first.changes.put];
    const later = new Date(AT.getTime() + 3600_000);
    const second = plan(stored, [input(scored('alpha', 79, later))], [], later);
    const resolved = second.changes.put.find((a) => a.rule === 'behind_plan');
    expect(resolved?.state).toBe('resolved');
    expect(second.notify.map((n) => n.alert.id)).toContain(resolved?.id);
  });

  it('acknowledged and silenced alerts change state without notifying anyone', () => {
    const first = plan([], [input(scored('alpha', 40))]);
    const acked = first.changes.put.map((a) => ({
      ...a,
      ack: { by: 'ana', at: AT.toISOString(), comment: 'on it' },
    }));
    const later = new Date(AT.getTime() + 3600_000);
    expect(plan(acked, [input(scored('alpha', 79, later))], [], later).notify).toEqual([]);

    const silence: Silence = {
      id: 's1',
      matchers: { district: 'beta' },
      startsAt: '2026-06-01T00:00:00Z',
      endsAt: '2026-08-01T00:00:00Z',
      createdBy: 'ana',
      comment: 'works',
    };
    const muted = plan([], [input(scored('beta', 40))], [silence]);
    expect(muted.notify).toEqual([]);
    expect(muted.changes.put.every((a) => a.silencedBy === 's1')).toBe(true);
  });

  it('prunes resolved alerts past the retention, with their history; leaves others alone', () => {
    const first = plan([], [input(scored('alpha', 40)), input(scored('beta', 40))]);
    const oldResolved = first.changes.put
      .filter((a) => a.district === 'alpha')
      .map((a) => ({
        ...a,
        state: 'resolved' as const,
        resolvedAt: new Date(AT.getTime() - RESOLVED_ALERT_RETENTION_MS - 1000).toISOString(),
      }));
    const betaAlerts = first.changes.put.filter((a) => a.district === 'beta');
    // alpha is fine now; beta is not evaluated at all.
    const p = plan([...oldResolved, ...betaAlerts], [input(scored('alpha', 80))]);
    for (const a of oldResolved) {
      expect(p.changes.remove).toContain(a.id);
      expect(p.changes.dropHistory).toContain(a.id);
    }
    const touched = [...p.changes.put.map((a) => a.id), ...p.changes.remove];
    expect(betaAlerts.some((a) => touched.includes(a.id))).toBe(false);
  });
});
