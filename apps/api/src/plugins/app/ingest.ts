import fp from 'fastify-plugin';
import { IngestBatcher } from '../../ingest/batcher';

declare module 'fastify' {
  interface FastifyInstance {
    ingest: IngestBatcher;
  }
}

/** The ingest batcher; on close it enqueues whatever is still waiting, so nothing accepted is lost. */
export default fp(
  async (app) => {
    const batcher = new IngestBatcher(app.services.platform.queues);
    app.decorate('ingest', batcher);
    app.addHook('onClose', () => batcher.close());
  },
  { name: 'ingest', dependencies: ['services'] },
);
