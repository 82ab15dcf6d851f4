import { parentPort } from 'node:worker_threads';
import { readReportFile, type ReadRequest } from './read-file';

/*
 * The reading thread: report files are read here, off the API's event loop, with a bounded heap
 * (see `ReaderPool`). One request at a time.
 */
parentPort?.on('message', (message: { id: number; request: ReadRequest }) => {
  const result = readReportFile(message.request);
  parentPort?.postMessage({ id: message.id, result });
});
