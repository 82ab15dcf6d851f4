export { startWorker, type WorkerDeps, type WorkerHandle } from './main';
export { Rescorer } from './rescorer';
export { evaluateRegionAlerts } from './alerts/evaluate-region';
export { verifyWebhookSignature } from './notifications';
