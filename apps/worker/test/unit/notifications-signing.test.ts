import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhookSignature,
  webhookSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../../src/notifications/signing';

const SECRET = 'a-shared-secret-of-32-characters';
const BODY = '{"version":1,"alerts":[]}';

describe('webhook signing', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 and sends the timestamp alongside', () => {
    const headers = signWebhook(SECRET, BODY, 1_790_000_000);
    const hex = createHmac('sha256', SECRET).update(`1790000000.${BODY}`).digest('hex');
    expect(headers).toEqual({
      [TIMESTAMP_HEADER]: '1790000000',
      [SIGNATURE_HEADER]: `sha256=${hex}`,
    });
  });

  it('verifies a fresh, untouched request', () => {
    const ts = 1_790_000_000;
    const signature = webhookSignature(SECRET, ts, BODY);
    expect(
      verifyWebhookSignature(SECRET, BODY, { timestamp: String(ts), signature }, ts + 10),
    ).toBe(true);
  });

  it('rejects a changed body, a wrong secret, a moved timestamp and a replay', () => {
    const ts = 1_790_000_000;
    const signature = webhookSignature(SECRET, ts, BODY);
    const ok = { timestamp: String(ts), signature };
    expect(verifyWebhookSignature(SECRET, `${BODY} `, ok, ts)).toBe(false);
    expect(verifyWebhookSignature(`${SECRET}x`, BODY, ok, ts)).toBe(false);
    // A captured request sent again with a fresh timestamp: the signature no longer matches.
    expect(
      verifyWebhookSignature(SECRET, BODY, { ...ok, timestamp: String(ts + 600) }, ts + 600),
    ).toBe(false);
    // The same request replayed later than the tolerance.
    expect(verifyWebhookSignature(SECRET, BODY, ok, ts + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, { timestamp: undefined, signature }, ts)).toBe(
      false,
    );
    expect(
      verifyWebhookSignature(SECRET, BODY, { timestamp: String(ts), signature: 'sha256=00' }, ts),
    ).toBe(false);
  });
});
