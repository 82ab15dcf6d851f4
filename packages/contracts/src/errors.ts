import { Type, type Static } from '@sinclair/typebox';
import { ProblemReply } from './problems';

/** Machine-readable error codes every HTTP error reply carries. */
export const ErrorCode = {
  validation: 'VALIDATION_FAILED',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  tooManyRequests: 'TOO_MANY_REQUESTS',
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  error: Type.String(),
  message: Type.String({ description: 'human-readable, names the offending field' }),
  problems: Type.Optional(
    Type.Array(ProblemReply, {
      description: 'every problem found (up to 20), the first one being the message',
    }),
  ),
  upload: Type.Optional(
    Type.String({
      description: 'a refused report file: its upload record (GET /api/v1/reports/{id})',
    }),
  ),
});
export type ErrorReply = Static<typeof ErrorReply>;
