export { startWorker, type WorkerDeps, type WorkerHandle } from './main';
export { Rescorer } from './rescorer';
