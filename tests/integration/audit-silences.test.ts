import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReply } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

/**
 * A silence ends on its own, with no request: the worker's next alert evaluation records the end
 * in the audit trail, once, however often it evaluates afterwards.
 */

const AT = '2026-07-01T19:00:00Z';
const HOUR = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ at: AT, workers: 2 });
});
afterAll(() => h.close());

const audit = async (query: string) => {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/v1/audit?${query}`,
    headers: { authorization: `Bearer ${h.adminToken}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditReply>().events;
};

const report = async (value: number, date: string) => {
  const res = await h.post([{ district: 'alpha', indicator: 'roads', value, date }]);
  expect(res.statusCode, res.body).toBe(202);
};

describe('silences in the audit trail', () => {
  it('a silence that ends is recorded once, after its end and not before', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: {
        matchers: { district: 'alpha' },
        endsAt: new Date(Date.parse(AT) + HOUR).toISOString(),
        comment: 'road works',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;

    // Evaluated while the silence lasts: no end recorded.
    await report(72, '2026-07-01');
    await waitFor(async () => ((await audit('type=value')).length === 1 ? true : undefined), {
      what: 'first value applied',
    });
    expect(await audit('type=silence.expired')).toEqual([]);

    // Past its end, the next evaluations (two workers) record it once.
    h.clock.advance(2 * HOUR);
    await report(73, '2026-07-02');
    await report(74, '2026-07-03');
    const ended = await waitFor(
      async () => {
        const events = await audit('type=silence.expired');
        return events.length > 0 && (await audit('type=value')).length === 3 ? events : undefined;
      },
      { what: 'silence end audited' },
    );
    expect(ended).toEqual([
      expect.objectContaining({
        type: 'silence.expired',
        target: id,
        at: new Date(Date.parse(AT) + HOUR).toISOString(),
        actor: { id: 'system', label: 'silence ended' },
      }),
    ]);
  });
});
