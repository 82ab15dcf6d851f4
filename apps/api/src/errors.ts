import { ErrorCode } from '@region-score/contracts';

/** An error the API answers with its own status and code; the message names the field. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
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
export const unavailable = (message: string) => new ApiError(503, ErrorCode.unavailable, message);

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
