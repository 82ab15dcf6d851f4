import type { Logger } from 'pino';
import type { Alert, NotificationsConfig, Silence } from '@region-score/contracts';
import type { JobQueues, NotificationStore } from '@region-score/platform';
import type { MessageNames } from './payloads';

/**
 * Current alert state, read to double-check items before sending (an alert acknowledged or
 * silenced since its evaluation is not sent) and to find alerts due for a repeat.
 */
export interface AlertSource {
  /** Alerts now firing. */
  firing(): Promise<Alert[]>;
  /** Stored alerts by id (missing ids: not stored any more). */
  current(items: readonly Alert[]): Promise<Map<string, Alert>>;
  silences(): Promise<Silence[]>;
}

/** What the `notify` queue's processors work with. */
export interface NotifyContext {
  notifications: NotificationStore;
  queues: JobQueues;
  /** `undefined` when the region config has no `notifications:` section: nothing is sent. */
  config: NotificationsConfig | undefined;
  names: MessageNames;
  /** Domain time: silences and repeat intervals are judged by it. */
  clock: () => Date;
  /** Wall-clock time for webhook timestamps, which receivers compare with their own clock. */
  wallClock?: () => Date;
  alerts: AlertSource;
  logger: Logger;
  fetch?: typeof fetch;
}
