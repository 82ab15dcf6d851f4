import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header with the unix time (seconds) the webhook request was signed at. */
export const TIMESTAMP_HEADER = 'X-RegionScore-Timestamp';
/** Header with `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'X-RegionScore-Signature';
/** Header with the delivery id, the same on every retry, so receivers can drop duplicates. */
export const DELIVERY_HEADER = 'X-RegionScore-Delivery';

/** How far a receiver should let the timestamp stray from its clock (what `verify…` defaults to). */
export const DEFAULT_TOLERANCE_S = 300;

/**
 * The signature of a webhook body, as Stripe and GitHub do it: the timestamp is signed with the
 * body, so a captured request cannot be replayed later with a fresh timestamp.
 */
export function webhookSignature(secret: string, timestampS: number, body: string): string {
  const hex = createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `sha256=${hex}`;
}

/** The signing headers of one webhook request. */
export function signWebhook(
  secret: string,
  body: string,
  timestampS: number,
): Record<string, string> {
  return {
    [TIMESTAMP_HEADER]: String(timestampS),
    [SIGNATURE_HEADER]: webhookSignature(secret, timestampS, body),
  };
}

/**
 * What a receiver does (and what docs/notifications.md shows): true when the signature matches
 * the raw body and timestamp, and the timestamp is within `toleranceS` of `nowS`. Compares in
 * constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  nowS: number,
  toleranceS = DEFAULT_TOLERANCE_S,
): boolean {
  const { timestamp, signature } = headers;
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(nowS - ts) > toleranceS) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
