/*
 * Notification delivery: routing, grouping, message payloads, senders and webhook signing. The
 * `notify` queue's job handlers are in `../processors/`.
 */
export { alertSourceFromStores } from './alert-source';
export type { AlertSource, NotifyContext } from './context';
export { namesFromCatalog, type MessageNames } from './payloads';
export {
  signWebhook,
  verifyWebhookSignature,
  webhookSignature,
  TIMESTAMP_HEADER,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
} from './signing';
