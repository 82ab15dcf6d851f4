import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@region-score/contracts';
import { AlertLockLostError, AlertLockTimeoutError } from '@region-score/platform';
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
        h.platform.alertLocks.withLock('alertland', async () => {
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
    await h.platform.alertLocks.withLock('alertland', async () => {
      await expect(
        h.platform.alertLocks.withLock('alertland', async () => undefined, { waitMs: 50 }),
      ).rejects.toBeInstanceOf(AlertLockTimeoutError);
    });

    const alert = resolvedAlert('west', h.clock.now());
    await expect(
      h.platform.alertLocks.withLock('alertland', async (lock) => {
        // The lock expired during a stall and another writer took it.
        await h.redis.set(h.keys.alertLock('alertland'), 'someone-else');
        await h.platform.alerts.save(lock, {
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
    expect(await h.platform.alerts.region('alertland')).toEqual([]);
  });

  it('prunes resolved alerts older than 7 days, with their history, on evaluation', async () => {
    const now = h.clock.now().getTime();
    const old = resolvedAlert('north', new Date(now - 8 * DAY));
    const recent = resolvedAlert('south', new Date(now - DAY));
    await h.platform.alertLocks.withLock('alertland', (lock) =>
      h.platform.alerts.save(lock, {
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
    expect(await h.platform.alerts.transitions('alertland', old.id)).toHaveLength(1);

    await rescoreAll(h);
    const kept = await h.platform.alerts.region('alertland');
    expect(kept.map((a) => a.id)).toEqual([recent.id]);
    expect(await h.platform.alerts.transitions('alertland', old.id)).toEqual([]);
    expect(await h.platform.alerts.transitions('alertland', recent.id)).toHaveLength(1);
  });
});
