export { startWorker, type WorkerDeps, type WorkerHandle } from './main';
export { Rescorer } from './rescorer';
export {
  startNotifier,
  verifyWebhookSignature,
  type NotifierHandle,
  type NotifierOptions,
} from './notifications';
