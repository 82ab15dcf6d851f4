import {
  ErrorCode,
  IngestProblemCode,
  type IngestProblem,
  type ProblemReply,
} from '@region-score/contracts';

/** An error the API answers with its own status and code; the message names the field. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Every problem found, worded for the route (the first one is the message). */
    readonly problems?: readonly ProblemReply[],
    /** Seconds to wait before retrying (sent as `Retry-After`). */
    readonly retryAfter?: number,
    /** A refused report file: the id of its upload record. */
    readonly upload?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, ErrorCode.validation, message);
export const unauthorized = (message: string) => new ApiError(401, ErrorCode.unauthorized, message);
export const forbidden = (message: string) => new ApiError(403, ErrorCode.forbidden, message);
export const notFound = (message: string) => new ApiError(404, ErrorCode.notFound, message);
export const conflict = (message: string) => new ApiError(409, ErrorCode.conflict, message);
export const unavailable = (message: string, retryAfter = 1) =>
  new ApiError(503, ErrorCode.unavailable, message, undefined, retryAfter);

/**
 * The error for refused observations: every problem worded by `where` (the route's way of naming
 * a JSON path or a spreadsheet row), the first one as the message; 403 when the first problem is a
 * district outside the caller's scope, else 400.
 */
export function ingestError(
  problems: readonly IngestProblem[],
  where: (problem: IngestProblem) => string,
): ApiError {
  const replies = problems.map((p) => ({ field: where(p), code: p.code, message: p.message }));
  const first = replies[0] ?? { field: 'observations', code: 'bad_file', message: 'refused' };
  const forbiddenFirst = problems[0]?.code === IngestProblemCode.forbiddenDistrict;
  return new ApiError(
    forbiddenFirst ? 403 : 400,
    forbiddenFirst ? ErrorCode.forbidden : ErrorCode.validation,
    `${first.field}: ${first.message}`,
    replies,
  );
}

/** `/observations/3/value` → `observations[3].value`: the path form our messages use. */
export function jsonPointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce(
      (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
      '',
    );
}

/** A `limit` query parameter: default when absent, 400 naming it above `max`. */
export function queryLimit(text: string | undefined, max: number, dflt: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest(`limit: must be a whole number from 1 to ${max}`);
  }
  return n;
}
