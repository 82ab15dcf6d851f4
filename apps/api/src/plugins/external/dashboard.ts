import { existsSync } from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Client-side routes of the dashboard: each serves index.html. */
const SPA_ROUTES = ['/', '/wall', '/matrix', '/national', '/alerts', '/district/:id'];

/** Serves the built Svelte dashboard on the API's port. */
export default fp<{ root: string | null }>(
  async (app, { root }) => {
    if (!root || !existsSync(root)) {
      app.log.warn({ root }, 'dashboard not built: run `npm run build` to serve it');
      app.get('/', async (_req, reply) =>
        reply
          .type('text/plain')
          .send('Region Score API is running. The dashboard is not built: run `npm run build`.'),
      );
      return;
    }
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false });
    for (const url of SPA_ROUTES) {
      app.get(url, { schema: { hide: true } }, async (_req, reply) =>
        reply.header('cache-control', 'no-cache').sendFile('index.html'),
      );
    }
  },
  { name: 'dashboard' },
);
