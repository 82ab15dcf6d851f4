import { existsSync } from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths that are never dashboard pages: an unknown one there is a 404, not index.html. */
const NOT_PAGES = /^\/(api|docs|socket\.io|metrics|healthz|readyz)(\/|$)/;

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
    // Every other GET is a client-side route of the dashboard (/wall, /district/akkol, …): the
    // page decides what to show, so new screens need no server change.
    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      if (NOT_PAGES.test(request.url)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    };
    app.get('/', { schema: { hide: true } }, page);
    app.get('/*', { schema: { hide: true } }, page);
  },
  { name: 'dashboard' },
);
