import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StampedObservation } from '@region-score/contracts';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  settleIdempotencyKey,
} from '@region-score/platform';
import { conflict } from '../errors';
import type { Principal } from '../plugins/app/auth';

/**
 * The end of every ingest route: honours `Idempotency-Key` (a repeat within 24 h gets the first
 * answer and enqueues nothing), enqueues the validated observations as one job, and answers 202
 * once the job is stored in Redis. `extra` adds route-specific fields to the reply.
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
  const { redis, keys } = app.services;
  const header = request.headers['idempotency-key'];
  const idemKey = typeof header === 'string' ? header : undefined;
  if (idemKey !== undefined) {
    const claim = await claimIdempotencyKey(redis, keys, principal.id, idemKey);
    if (claim.kind === 'replay') {
      void reply.header('idempotent-replayed', 'true');
      return reply.status(claim.statusCode).send(claim.body);
    }
    if (claim.kind === 'in-flight') {
      throw conflict('idempotency-key: a request with this key is still being processed');
    }
  }
  try {
    const jobId = await app.ingest.submit(observations);
    const body = { accepted: observations.length, jobId, receivedAt: at.toISOString(), ...extra };
    app.metrics.observationsAccepted.inc(observations.length);
    if (idemKey !== undefined) {
      await settleIdempotencyKey(redis, keys, principal.id, idemKey, 202, body);
    }
    return reply.status(202).send(body);
  } catch (err) {
    if (idemKey !== undefined) await releaseIdempotencyKey(redis, keys, principal.id, idemKey);
    throw err;
  }
}
