import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, type ApiKeyRecord, type Role } from '@region-score/contracts';
import { ApiError, forbidden, unauthorized } from '../../errors';

/** Who is calling. `districts`/`regions` are null when the caller may act for every one. */
export interface Principal {
  id: string;
  /** The key's label (who holds it), for the audit trail. */
  label: string;
  role: Role;
  districts: ReadonlySet<string> | null;
  regions: ReadonlySet<string> | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /**
     * Resolves a bearer token (HTTP header or socket handshake) from a client at `ip`; throws 401
     * when unknown, revoked or expired, and 429 once that IP has failed too often.
     */
    authenticate(token: string | null, ip: string): Promise<Principal | null>;
    /** preHandler: reads are open when OPEN_READS is on, else need any valid key. */
    requireRead(request: FastifyRequest): Promise<void>;
    /** preHandler factory: the caller must hold one of these roles. */
    requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void>;
    /** The authenticated caller of a route guarded by `requireRole` (401 if there is none). */
    principalOf(request: FastifyRequest): Principal;
    /** Whether the caller may see this region (keys limited to regions see only those). */
    mayReadRegion(principal: Principal | null, region: string): boolean;
  }
}

/** Key look-ups are cached briefly so 5,000 requests/s do not cost 5,000 Redis reads. */
const CACHE_MS = 10_000;
/** "Last used" is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;
/** Failed authentications are counted per client IP over this window. */
const AUTH_FAILURE_WINDOW_MS = 15 * 60_000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function toPrincipal(record: ApiKeyRecord): Principal {
  return {
    id: record.id,
    label: record.label,
    role: record.role,
    districts: record.role === 'reporter' ? new Set(record.districts) : null,
    regions: record.regions && record.regions.length > 0 ? new Set(record.regions) : null,
  };
}

/**
 * Bearer-token authentication with roles (admin, analyst, reporter scoped to districts, viewer),
 * optional region scope and expiry, "last used" bookkeeping, and a per-IP limit on failed
 * authentications counted in Redis (so it holds across API nodes).
 */
export default fp(
  async (app) => {
    const { platform, config, catalog } = app.services;
    const cache = new Map<string, { record: ApiKeyRecord | null; until: number }>();
    const touched = new Map<string, number>();
    const failureLimit = config.limits.authFailuresPerIp;

    const tooManyFailures = (resetMs: number) =>
      new ApiError(
        429,
        ErrorCode.tooManyRequests,
        'authorization: too many failed attempts from this address; try again later',
        undefined,
        Math.max(1, Math.ceil(resetMs / 1000)),
      );

    app.decorate('authenticate', async (token: string | null, ip: string) => {
      if (!token) return null;
      if (config.http.adminToken && sameSecret(token, config.http.adminToken)) {
        return {
          id: 'admin',
          label: 'ADMIN_TOKEN',
          role: 'admin',
          districts: null,
          regions: null,
        } satisfies Principal;
      }
      const now = Date.now();
      const hit = cache.get(token);
      let record = hit && hit.until > now ? hit.record : undefined;
      // A known good key costs no Redis round trip; anything else is checked against the
      // address's failed attempts first, so guessing keys is throttled.
      if (!record && failureLimit > 0) {
        const seen = await platform.throttle.peek('auth-fail', ip);
        if (seen.count >= failureLimit) throw tooManyFailures(seen.resetMs);
      }
      if (record === undefined) {
        record = await platform.apiKeys.find(token);
        if (cache.size > 10_000) cache.clear();
        cache.set(token, { record, until: now + CACHE_MS });
      }
      const expired = record?.expiresAt ? Date.parse(record.expiresAt) <= now : false;
      if (!record || expired) {
        if (failureLimit > 0) await platform.throttle.hit('auth-fail', ip, AUTH_FAILURE_WINDOW_MS);
        throw unauthorized(
          expired
            ? 'authorization: this API key has expired'
            : 'authorization: unknown or revoked API key',
        );
      }
      if ((touched.get(record.id) ?? 0) + TOUCH_EVERY_MS <= now) {
        touched.set(record.id, now);
        platform.apiKeys.touch(record.id, new Date(now)).catch(() => undefined);
      }
      return toPrincipal(record);
    });

    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header === undefined) return;
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
      if (!match?.[1]) throw unauthorized('authorization: expected "Bearer <key>"');
      request.principal = await app.authenticate(match[1], request.ip);
    });

    app.decorate(
      'mayReadRegion',
      (principal: Principal | null, region: string) =>
        !principal?.regions || principal.regions.has(region),
    );

    // A key limited to some regions sees nothing of the others, whatever the route: checked on
    // the route's region or district (path or query) and on the national ranking.
    app.addHook('preHandler', async (request) => {
      const scope = request.principal?.regions;
      if (!scope) return;
      const named = { ...(request.query as object), ...(request.params as object) } as Record<
        string,
        unknown
      >;
      const regions: string[] = [];
      if (typeof named.region === 'string') regions.push(named.region);
      if (typeof named.district === 'string') {
        const found = catalog.district(named.district);
        if (found) regions.push(found.region.id);
      }
      if (request.routeOptions.url?.startsWith('/api/v1/rankings/national')) regions.push('*');
      const outside = regions.find((r) => !scope.has(r));
      if (outside !== undefined) {
        throw forbidden(
          outside === '*'
            ? 'authorization: this key is limited to its regions; the national ranking is not one'
            : `authorization: this key may not read region "${outside}"`,
        );
      }
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
