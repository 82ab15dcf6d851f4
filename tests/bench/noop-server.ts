/**
 * The anchor for single-observation requests: a Fastify app with one POST route that parses the
 * JSON body and answers 202, nothing else — what the same load generator gets from Fastify on this
 * machine before the service does any work. Run as a child process, like the service.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/v1/observations', async (_request, reply) =>
  reply.status(202).send({ accepted: 1 }),
);
const address = await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.send?.({ type: 'ready', url: address });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
