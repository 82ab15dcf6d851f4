// Starts the reading thread from the TypeScript sources (tests, `npm run dev`): registers tsx in
// this thread, then loads the entry. The built server starts its bundled thread directly.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
