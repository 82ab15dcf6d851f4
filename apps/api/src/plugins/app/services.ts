import fp from 'fastify-plugin';
import type { AppConfig } from '@region-score/config';
import type { RegionCatalog } from '@region-score/core';
import type { Platform } from '@region-score/platform';

/** What the API is built from; the entry point creates and owns these. */
export interface ApiServices {
  config: AppConfig;
  catalog: RegionCatalog;
  /** Redis connection, stores and queues (see `createPlatform`); closed by its owner. */
  platform: Platform;
  /** Time source; tests pass a controllable clock. */
  clock: () => Date;
  /** Directory of the built dashboard, or null to serve none. */
  dashboardDir: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: ApiServices;
  }
}

/** Makes the services available to every plugin and route as `app.services`. */
export default fp<{ services: ApiServices }>(
  async (app, opts) => {
    app.decorate('services', opts.services);
  },
  { name: 'services' },
);
