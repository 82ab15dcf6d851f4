/*
 * Notification delivery: the `notify` queue's jobs. `dispatch-notifications` (queued by the
 * alert engine after each evaluation) routes and groups alert transitions into one
 * `deliver-notification` job per (channel, group); those send with retries and backoff and end
 * on a dead-letter list when they keep failing; `repeat-notifications` re-sends what still fires.
 */
export {
  notifyHandlers,
  registerNotificationSchedule,
  dispatchNotifications,
  deliverNotification,
  repeatNotifications,
  REPEAT_CHECK_EVERY_MS,
  type AlertSource,
  type NotifierDeps,
} from './notifier';
export { namesFromCatalog, type MessageNames } from './payloads';
export { alertSourceFromStore } from './alert-source';
export { startNotifier, type NotifierOptions, type NotifierHandle } from './start';
export {
  signWebhook,
  verifyWebhookSignature,
  webhookSignature,
  TIMESTAMP_HEADER,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
} from './signing';
