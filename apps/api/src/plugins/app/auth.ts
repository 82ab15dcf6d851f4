import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyRecord, Role } from '@region-score/contracts';
import { forbidden, unauthorized } from '../../errors';

/** Who is calling. `districts` is null when the caller may act for every district. */
export interface Principal {
  id: string;
  role: Role;
  districts: ReadonlySet<string> | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Resolves a bearer token (HTTP header or socket handshake); throws 401 when unknown. */
    authenticate(token: string | null): Promise<Principal | null>;
    /** preHandler: reads are open when OPEN_READS is on, else need any valid key. */
    requireRead(request: FastifyRequest): Promise<void>;
    /** preHandler factory: the caller must hold one of these roles. */
    requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void>;
    /** The authenticated caller of a route guarded by `requireRole` (401 if there is none). */
    principalOf(request: FastifyRequest): Principal;
  }
}

/** Key look-ups are cached briefly so 5,000 requests/s do not cost 5,000 Redis reads. */
const CACHE_MS = 10_000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function toPrincipal(record: ApiKeyRecord): Principal {
  return {
    id: record.id,
    role: record.role,
    districts: record.role === 'reporter' ? new Set(record.districts) : null,
  };
}

/** Bearer-token authentication with roles: admin, analyst, reporter (scoped), viewer. */
export default fp(
  async (app) => {
    const { platform, config } = app.services;
    const cache = new Map<string, { principal: Principal | null; until: number }>();

    app.decorate('authenticate', async (token: string | null) => {
      if (!token) return null;
      if (config.http.adminToken && sameSecret(token, config.http.adminToken)) {
        return { id: 'admin', role: 'admin', districts: null } satisfies Principal;
      }
      const now = Date.now();
      const hit = cache.get(token);
      let principal = hit && hit.until > now ? hit.principal : undefined;
      if (principal === undefined) {
        const record = await platform.apiKeys.find(token);
        principal = record ? toPrincipal(record) : null;
        if (cache.size > 10_000) cache.clear();
        cache.set(token, { principal, until: now + CACHE_MS });
      }
      if (!principal) throw unauthorized('authorization: unknown or revoked API key');
      return principal;
    });

    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header === undefined) return;
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw unauthorized('authorization: expected "Bearer <key>"');
      request.principal = await app.authenticate(match[1]);
    });

    app.decorate('requireRead', async (request: FastifyRequest) => {
      if (!config.http.openReads && !request.principal) {
        throw unauthorized('authorization: reads need an API key (OPEN_READS is off)');
      }
    });
    app.decorate('principalOf', (request: FastifyRequest) => {
      if (!request.principal) throw unauthorized('authorization: an API key is required');
      return request.principal;
    });
    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      if (!request.principal) throw unauthorized('authorization: an API key is required');
      if (!roles.includes(request.principal.role)) {
        throw forbidden(
          `authorization: role "${request.principal.role}" may not do this (needs ${roles.join(' or ')})`,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['services'] },
);
