import type { Alert } from '@region-score/contracts';
import { acknowledgeAlert } from './silences';

/** What an acknowledgement of an alert comes to. */
export type AckDecision =
  | { status: 'acked'; alert: Alert }
  | { status: 'not_found' }
  /** Resolved alerts need no acknowledgement; a new episode can be acknowledged. */
  | { status: 'resolved'; alert: Alert }
  /** The first acknowledgement is kept: it says who took the alert on. */
  | { status: 'already_acked'; alert: Alert };

/**
 * Decides an acknowledgement of the alert as stored now (`null`: none stored): only an active,
 * unacknowledged alert is acknowledged, and the first acknowledgement wins.
 */
export function decideAcknowledgement(
  alert: Alert | null,
  ack: { by: string; comment: string; at: Date },
): AckDecision {
  if (!alert) return { status: 'not_found' };
  if (alert.state === 'resolved') return { status: 'resolved', alert };
  if (alert.ack !== null) return { status: 'already_acked', alert };
  return { status: 'acked', alert: acknowledgeAlert(alert, ack.by, ack.comment, ack.at) };
}
