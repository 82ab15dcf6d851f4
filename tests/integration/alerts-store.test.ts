import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@region-score/contracts';
import {
  AlertLockLostError,
  AlertLockTimeoutError,
  readAlertTransitions,
  readRegionAlerts,
  saveAlertSteps,
  withAlertLock,
} from '@region-score/platform';
import type { Harness } from '../helpers/harness';
import { DAY, alertId, rescoreAll, startAlertsHarness } from '../helpers/alerts';

const resolvedAlert = (district: string, resolvedAt: Date): Alert => ({
  id: alertId('score_drop', district, null),
  rule: 'score_drop',
  severity: 'warning',
  state: 'resolved',
  region: 'alertland',
  district,
  indicator: null,
  summary: `${district}: score fell`,
  value: 6,
  threshold: 5,
  activeAt: new Date(resolvedAt.getTime() - DAY).toISOString(),
  firedAt: new Date(resolvedAt.getTime() - DAY).toISOString(),
  resolvedAt: resolvedAt.toISOString(),
  updatedAt: resolvedAt.toISOString(),
  ack: null,
  silencedBy: null,
});

describe('alert store: region lock and retention', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAlertsHarness();
  });
  afterAll(() => h.close());

  it('serializes writers of one region', async () => {
    let inside = 0;
    let overlapped = false;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withAlertLock(h.redis, h.keys, 'alertland', async () => {
          inside += 1;
          overlapped ||= inside > 1;
          await new Promise((r) => setTimeout(r, 15));
          inside -= 1;
        }),
      ),
    );
    expect(overlapped).toBe(false);
    expect(await h.redis.exists(h.keys.alertLock('alertland'))).toBe(0);
  });

  it('gives up waiting for a held lock, and refuses a write once the lock is lost', async () => {
    await withAlertLock(h.redis, h.keys, 'alertland', async () => {
      await expect(
        withAlertLock(h.redis, h.keys, 'alertland', async () => undefined, { waitMs: 50 }),
      ).rejects.toBeInstanceOf(AlertLockTimeoutError);
    });

    const alert = resolvedAlert('west', h.clock.now());
    await expect(
      withAlertLock(h.redis, h.keys, 'alertland', async (lock) => {
        // The lock expired during a stall and another writer took it.
        await h.redis.set(h.keys.alertLock('alertland'), 'someone-else');
        await saveAlertSteps(h.redis, h.keys, lock, {
          put: [alert],
          remove: [],
          transitions: [],
          dropHistory: [],
        });
      }),
    ).rejects.toBeInstanceOf(AlertLockLostError);
    // The other writer's lock is left alone, and nothing was written.
    expect(await h.redis.get(h.keys.alertLock('alertland'))).toBe('someone-else');
    await h.redis.del(h.keys.alertLock('alertland'));
    expect(await readRegionAlerts(h.redis, h.keys, 'alertland')).toEqual([]);
  });

  it('prunes resolved alerts older than 7 days, with their history, on evaluation', async () => {
    const now = h.clock.now().getTime();
    const old = resolvedAlert('north', new Date(now - 8 * DAY));
    const recent = resolvedAlert('south', new Date(now - DAY));
    await withAlertLock(h.redis, h.keys, 'alertland', (lock) =>
      saveAlertSteps(h.redis, h.keys, lock, {
        put: [old, recent],
        remove: [],
        transitions: [old, recent].map((a) => ({
          id: a.id,
          from: 'firing' as const,
          to: 'resolved' as const,
          at: a.updatedAt,
          severity: a.severity,
          summary: a.summary,
        })),
        dropHistory: [],
      }),
    );
    expect(await readAlertTransitions(h.redis, h.keys, 'alertland', old.id)).toHaveLength(1);

    await rescoreAll(h);
    const kept = await readRegionAlerts(h.redis, h.keys, 'alertland');
    expect(kept.map((a) => a.id)).toEqual([recent.id]);
    expect(await readAlertTransitions(h.redis, h.keys, 'alertland', old.id)).toEqual([]);
    expect(await readAlertTransitions(h.redis, h.keys, 'alertland', recent.id)).toHaveLength(1);
  });
});
