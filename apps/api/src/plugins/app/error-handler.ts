import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { ErrorCode, type ErrorReply } from '@region-score/contracts';
import { AlertLockTimeoutError, isRedisUnavailable } from '@region-score/platform';
import { ApiError, jsonPointerToPath, unavailable } from '../../errors';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
  500: 'Internal Server Error',
};

function reply(
  statusCode: number,
  code: string,
  message: string,
  problems?: readonly NonNullable<ErrorReply['problems']>[number][],
  upload?: string,
): ErrorReply {
  return {
    statusCode,
    code,
    error: STATUS_TEXT[statusCode] ?? 'Error',
    message,
    ...(problems && problems.length > 0 ? { problems: [...problems] } : {}),
    ...(upload ? { upload } : {}),
  };
}

/**
 * Domain errors thrown below the routes, as the API answers them. Each class is mapped here once;
 * a new transient condition gets its line instead of ending as a 500.
 */
function fromDomainError(error: unknown): ApiError | null {
  if (error instanceof AlertLockTimeoutError) return unavailable(`alerts: ${error.message}`, 1);
  if (isRedisUnavailable(error)) {
    return unavailable('service: the data store is unreachable for a moment; retry shortly', 1);
  }
  return null;
}

/** Turns a schema validation failure into one message that names the field. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = error.validationContext ?? 'body';
  let path = jsonPointerToPath(first.instancePath);
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'required' && typeof params.missingProperty === 'string') {
    path = path ? `${path}.${params.missingProperty}` : params.missingProperty;
    return `${path}: is required`;
  }
  if (first.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const extra = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
    return `${extra}: unknown field`;
  }
  return `${path || where}: ${first.message ?? 'is invalid'}`;
}

/**
 * One error handler: known errors map to their status and `{ code, message }`; anything else
 * is logged in full and answered without internals.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((thrown: FastifyError, request, res) => {
      const error = fromDomainError(thrown) ?? thrown;
      if (error instanceof ApiError) {
        if (error.retryAfter !== undefined)
          void res.header('retry-after', String(error.retryAfter));
        return res
          .status(error.statusCode)
          .send(reply(error.statusCode, error.code, error.message, error.problems, error.upload));
      }
      if (error.validation) {
        return res.status(400).send(reply(400, ErrorCode.validation, validationMessage(error)));
      }
      switch (error.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return res.status(400).send(reply(400, ErrorCode.validation, `body: ${error.message}`));
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return res
            .status(413)
            .send(reply(413, ErrorCode.payloadTooLarge, 'body: request body is too large'));
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return res
            .status(415)
            .send(reply(415, ErrorCode.validation, 'content-type: send application/json'));
      }
      if (error instanceof SyntaxError) {
        return res.status(400).send(reply(400, ErrorCode.validation, `body: ${error.message}`));
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        return res.status(status).send(reply(status, ErrorCode.validation, error.message));
      }
      request.log.error({ err: error }, 'request failed');
      return res
        .status(500)
        .send(reply(500, ErrorCode.internal, 'internal error; see server logs'));
    });
    app.setNotFoundHandler((request, res) =>
      res
        .status(404)
        .send(reply(404, ErrorCode.notFound, `route ${request.method} ${request.url} not found`)),
    );
  },
  { name: 'error-handler' },
);
