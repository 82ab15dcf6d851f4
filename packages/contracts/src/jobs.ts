import type { Alert, AlertTransition } from './alerts';
import type { DeliverNotificationPayload } from './notifications';
import type { StampedObservation } from './observations';

/** Queue names; each job name below belongs to exactly one queue. */
export const QueueName = {
  ingest: 'ingest',
  maintenance: 'maintenance',
  notify: 'notify',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Payload of every job, by job name. */
export interface JobPayloads {
  /**
   * Observations to apply. `upload`: the report upload they come from (the worker records what
   * became of each value); `labels`: key id → label of the reporters, for the audit trail.
   */
  'apply-observations': {
    observations: StampedObservation[];
    upload?: { id: string; file: string };
    labels?: Record<string, string>;
  };
  /** An analyst's decision on a quarantined value: release it (apply, rescore) or discard it. */
  'review-quarantine': {
    region: string;
    id: string;
    action: 'release' | 'discard';
    by: { id: string; label: string };
    comment: string;
    at: number;
  };
  'rescore-all': { reason: 'schedule' | 'startup' | 'manual' };
  /** Alert transitions of one evaluation, to route, group and deliver. */
  'dispatch-notifications': { items: { alert: Alert; transition: AlertTransition }[] };
  /** One message to one channel; retried with backoff, then dead-lettered. */
  'deliver-notification': DeliverNotificationPayload;
  /** Re-sends alerts still firing, unacknowledged and unsilenced after their repeat interval. */
  'repeat-notifications': { reason: 'schedule' | 'manual' };
}
export type JobName = keyof JobPayloads;

/** Which queue carries which job. */
export const JobQueue = {
  'apply-observations': QueueName.ingest,
  'review-quarantine': QueueName.ingest,
  'rescore-all': QueueName.maintenance,
  'dispatch-notifications': QueueName.notify,
  'deliver-notification': QueueName.notify,
  'repeat-notifications': QueueName.notify,
} as const satisfies { [K in JobName]: QueueName };
