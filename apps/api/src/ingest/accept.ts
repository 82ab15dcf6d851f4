import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type StampedObservation } from '@region-score/contracts';
import { ApiError, conflict } from '../errors';
import type { Principal } from '../plugins/app/auth';

/** What a request asked to store, independent of when it came and the ids given to it. */
function requestFingerprint(observations: readonly StampedObservation[]): string {
  const hash = createHash('sha256');
  for (const o of observations) {
    hash.update(JSON.stringify([o.district, o.indicator, o.value, o.date, o.clientId ?? null]));
  }
  return hash.digest('hex');
}

/**
 * Runs `handle` at most once per `Idempotency-Key`: a repeat of the same request within 24 h gets
 * the first answer (header `idempotent-replayed`) and runs nothing; the same key with a different
 * `fingerprint` is a 422; one still running is a 409. Without the header, `handle` just runs.
 */
export async function idempotent(
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  fingerprint: () => string,
  handle: () => Promise<{ statusCode: number; body: Record<string, unknown> }>,
): Promise<FastifyReply> {
  const { idempotency } = request.server.services.platform;
  const header = request.headers['idempotency-key'];
  const idemKey = typeof header === 'string' ? header : undefined;
  if (idemKey === undefined) {
    const { statusCode, body } = await handle();
    return reply.status(statusCode).send(body);
  }
  const print = fingerprint();
  const claim = await idempotency.claim(principal.id, idemKey, print);
  if (claim.kind === 'replay') {
    void reply.header('idempotent-replayed', 'true');
    return reply.status(claim.statusCode).send(claim.body);
  }
  if (claim.kind === 'mismatch') {
    throw new ApiError(
      422,
      ErrorCode.idempotencyKeyReused,
      `idempotency-key: "${idemKey}" was already used for a request with different values; use a new key`,
    );
  }
  if (claim.kind === 'in-flight') {
    throw conflict('idempotency-key: a request with this key is still being processed');
  }
  try {
    const { statusCode, body } = await handle();
    await idempotency.settle(principal.id, idemKey, print, statusCode, body);
    return reply.status(statusCode).send(body);
  } catch (err) {
    await idempotency.release(principal.id, idemKey);
    throw err;
  }
}

/**
 * The end of the JSON ingest route: honours `Idempotency-Key` (see `idempotent`), enqueues the
 * validated observations as one job, and answers 202 once the job is stored in Redis. `extra`
 * adds route-specific fields to the reply.
 */
export async function acceptObservations(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  observations: StampedObservation[],
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<FastifyReply> {
  return idempotent(
    request,
    reply,
    principal,
    () => requestFingerprint(observations),
    async () => {
      const { ingest } = app;
      const jobId = await ingest.submit(observations);
      await confirmOnReplicas(request, jobId);
      const body = { accepted: observations.length, jobId, receivedAt: at.toISOString(), ...extra };
      app.metrics.observationsAccepted.inc(observations.length);
      return { statusCode: 202, body };
    },
  );
}

/** With REDIS_WAIT_REPLICAS, a job is on the replicas too before anyone is told it is safe. */
export async function confirmOnReplicas(request: FastifyRequest, jobId: string): Promise<void> {
  const { platform } = request.server.services;
  const replicas = await platform.replication.confirm(`${platform.queuePrefix}:ingest`);
  if (replicas < platform.replication.replicas) {
    request.log.warn({ jobId, replicas }, 'job acknowledged before reaching every replica');
  }
}
