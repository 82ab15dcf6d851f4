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
 * The end of every ingest route: honours `Idempotency-Key` (a repeat of the same request within
 * 24 h gets the first answer and enqueues nothing; the same key with different values is a 422),
 * enqueues the validated observations as one job, and answers 202 once the job is stored in
 * Redis. `extra` adds route-specific fields to the reply.
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
  const { idempotency } = app.services.platform;
  const header = request.headers['idempotency-key'];
  const idemKey = typeof header === 'string' ? header : undefined;
  const fingerprint = idemKey === undefined ? '' : requestFingerprint(observations);
  if (idemKey !== undefined) {
    const claim = await idempotency.claim(principal.id, idemKey, fingerprint);
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
  }
  try {
    const { ingest, services } = app;
    const jobId = await ingest.submit(observations);
    // With REDIS_WAIT_REPLICAS, the job is on the replicas too before anyone is told it is safe.
    const replicas = await services.platform.replication.confirm(
      `${services.platform.queuePrefix}:ingest`,
    );
    if (replicas < services.platform.replication.replicas) {
      request.log.warn({ jobId, replicas }, 'job acknowledged before reaching every replica');
    }
    const body = { accepted: observations.length, jobId, receivedAt: at.toISOString(), ...extra };
    app.metrics.observationsAccepted.inc(observations.length);
    if (idemKey !== undefined) {
      await idempotency.settle(principal.id, idemKey, fingerprint, 202, body);
    }
    return reply.status(202).send(body);
  } catch (err) {
    if (idemKey !== undefined) await idempotency.release(principal.id, idemKey);
    throw err;
  }
}
