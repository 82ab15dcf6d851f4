import { describe, expect, it } from 'vitest';
import type { Alert } from '@region-score/contracts';
import {
  activeFingerprints,
  advanceAlert,
  advanceAlerts,
  type AlertCondition,
} from '../src/alerts/index';

const ID = 'behind_plan.aqmola.akkol.road_quality';
const cond = (over: Partial<AlertCondition> = {}): AlertCondition => ({
  fingerprint: ID,
  rule: 'behind_plan',
  severity: 'warning',
  region: 'aqmola',
  district: 'akkol',
  indicator: 'road_quality',
  value: 85,
  threshold: 90,
  summary: 'Akkol: road quality at 85% of plan (warning < 90%)',
  forMs: 0,
  ...over,
});

const T0 = Date.UTC(2025, 2, 10, 6);
const min = (m: number) => new Date(T0 + m * 60_000);
const iso = (m: number) => min(m).toISOString();
const FIVE_MIN = 5 * 60_000;

/** Steps an alert through a series of conditions, one minute apart. */
function walk(conds: readonly (AlertCondition | null)[], forMs: number) {
  let alert: Alert | null = null;
  return conds.map((c, i) => {
    const step = advanceAlert(alert, c, min(i), forMs);
    alert = step.alert;
    return step;
  });
}

describe('advanceAlert', () => {
  it('does nothing without an alert or a condition', () => {
    expect(advanceAlert(null, null, min(0), 0)).toEqual({ alert: null, transition: null });
  });

  it('fires at once when for is 0', () => {
    const { alert, transition } = advanceAlert(null, cond(), min(0), 0);
    expect(alert).toMatchObject({ id: ID, state: 'firing', activeAt: iso(0), firedAt: iso(0) });
    expect(alert).toMatchObject({ resolvedAt: null, ack: null, silencedBy: null, value: 85 });
    expect(transition).toEqual({
      id: ID,
      from: 'inactive',
      to: 'firing',
      at: iso(0),
      severity: 'warning',
      summary: cond().summary,
    });
  });

  it('stays pending until the condition has held for its duration', () => {
    const steps = walk(
      [cond(), cond(), cond({ value: 84 }), cond(), cond(), cond(), cond()],
      FIVE_MIN,
    );
    expect(steps.map((s) => s.alert?.state)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'firing', // five minutes after activeAt
      'firing',
    ]);
    expect(steps.map((s) => s.transition && `${s.transition.from}>${s.transition.to}`)).toEqual([
      'inactive>pending',
      null,
      null,
      null,
      null,
      'pending>firing',
      null,
    ]);
    expect(steps[2]?.alert).toMatchObject({ state: 'pending', value: 84, updatedAt: iso(2) });
    expect(steps[5]?.alert).toMatchObject({ activeAt: iso(0), firedAt: iso(5), value: 85 });
  });

  it('drops a pending alert whose condition goes before it fires', () => {
    const [, gone] = walk([cond(), null], FIVE_MIN);
    expect(gone?.alert).toBeNull();
    expect(gone?.transition).toMatchObject({ from: 'pending', to: 'inactive', at: iso(1) });
  });

  it('resolves a firing alert and keeps it resolved without a transition', () => {
    const [, resolved, still] = walk([cond(), null, null], 0);
    expect(resolved?.alert).toMatchObject({
      state: 'resolved',
      resolvedAt: iso(1),
      firedAt: iso(0),
    });
    expect(resolved?.transition).toMatchObject({ from: 'firing', to: 'resolved' });
    expect(still?.transition).toBeNull();
    expect(still?.alert).toBe(resolved?.alert);
  });

  it('announces a severity change while firing, keeping ack and silence', () => {
    const firing = advanceAlert(null, cond(), min(0), 0).alert as Alert;
    const acked: Alert = {
      ...firing,
      ack: { by: 'analyst', at: iso(1), comment: 'on it' },
      silencedBy: 's1',
    };
    const worse = advanceAlert(
      acked,
      cond({ severity: 'critical', value: 70, threshold: 75 }),
      min(2),
      0,
    );
    expect(worse.transition).toMatchObject({ from: 'firing', to: 'firing', severity: 'critical' });
    expect(worse.alert).toMatchObject({
      state: 'firing',
      severity: 'critical',
      value: 70,
      firedAt: iso(0),
      updatedAt: iso(2),
      ack: acked.ack,
      silencedBy: 's1',
    });
  });

  it('changes nothing, not even updatedAt, when the condition is the same', () => {
    const firing = advanceAlert(null, cond(), min(0), 0).alert as Alert;
    const same = advanceAlert(firing, cond(), min(1), 0);
    expect(same).toEqual({ alert: firing, transition: null });
    expect(same.alert).toBe(firing);
    const moved = advanceAlert(firing, cond({ value: 86 }), min(2), 0);
    expect(moved.transition).toBeNull();
    expect(moved.alert).toMatchObject({ value: 86, updatedAt: iso(2), activeAt: iso(0) });
  });

  it('opens a new episode when a resolved alert comes back', () => {
    const [, resolved] = walk([cond(), null], 0);
    const old: Alert = { ...(resolved?.alert as Alert), ack: { by: 'a', at: iso(0), comment: '' } };
    const again = advanceAlert(old, cond(), min(10), FIVE_MIN);
    expect(again.alert).toMatchObject({
      state: 'pending',
      activeAt: iso(10),
      firedAt: null,
      resolvedAt: null,
      ack: null,
    });
    expect(again.transition).toMatchObject({ from: 'resolved', to: 'pending' });
  });

  it('refuses a condition of another alert', () => {
    const firing = advanceAlert(null, cond(), min(0), 0).alert;
    expect(() => advanceAlert(firing, cond({ fingerprint: 'x' }), min(1), 0)).toThrow(/x/);
  });
});

describe('advanceAlerts', () => {
  it('advances stored alerts and opens new ones, each with its own for', () => {
    const stored = advanceAlert(null, cond(), min(0), 0).alert as Alert;
    const other = cond({
      fingerprint: 'rank_drop.aqmola.akkol.-',
      rule: 'rank_drop',
      indicator: null,
      forMs: FIVE_MIN,
    });
    const steps = advanceAlerts([stored], [other], min(1));
    expect(steps.map((s) => [s.id, s.alert?.state, s.changed])).toEqual([
      [ID, 'resolved', true],
      ['rank_drop.aqmola.akkol.-', 'pending', true],
    ]);
    const active = activeFingerprints(steps.flatMap((s) => (s.alert ? [s.alert] : [])));
    expect([...active]).toEqual(['rank_drop.aqmola.akkol.-']);
  });
});
