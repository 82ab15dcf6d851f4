import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@region-score/contracts';
import { ApiError, badRequest } from '../errors';
import { MAX_REPORT_BYTES, XLSX_MEDIA_TYPE } from './detect-format';

/** An uploaded report file, from a multipart form or a raw body. */
export interface UploadedFile {
  bytes: Buffer;
  filename?: string | undefined;
  contentType?: string | undefined;
  charset?: string | undefined;
}

const MAX_MB = MAX_REPORT_BYTES / 1024 / 1024;

export const fileTooLarge = () =>
  new ApiError(413, ErrorCode.payloadTooLarge, `file: larger than ${MAX_MB} MB`);

export const unsupportedType = () =>
  new ApiError(
    415,
    ErrorCode.validation,
    `content-type: send multipart/form-data with a field "file", text/csv or ${XLSX_MEDIA_TYPE}`,
  );

/** The file of an upload request: the form field `file`, or the raw body (`text/csv`, XLSX). */
export async function readUploadedFile(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<UploadedFile> {
  if (request.isMultipart()) {
    let upload: UploadedFile | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw badRequest(
            `file: send the file in a form field named "file", not "${part.fieldname}"`,
          );
        }
        upload = {
          bytes: await part.toBuffer(),
          filename: part.filename,
          contentType: part.mimetype,
        };
      }
    } catch (err) {
      if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw fileTooLarge();
      if (err instanceof app.multipartErrors.FilesLimitError) {
        throw badRequest('file: send one file per request');
      }
      if (err instanceof ApiError) throw err;
      // A body that is not the multipart it claims (no or a wrong boundary, cut short): the
      // client's fault, said as such, never a 500.
      const why = err instanceof Error ? err.message : String(err);
      throw badRequest(`file: the multipart/form-data body cannot be read (${why})`);
    }
    if (!upload) throw badRequest('file: the form has no file field named "file"');
    return upload;
  }
  const contentType = request.headers['content-type'];
  if (!Buffer.isBuffer(request.body)) throw unsupportedType();
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  return { bytes: request.body, contentType, charset, ...fileNameHeader(request) };
}

/** `X-File-Name` (URL-encoded) names a raw-body upload, as the upload page sends it. */
function fileNameHeader(request: FastifyRequest): { filename?: string } {
  const name = request.headers['x-file-name'];
  if (typeof name !== 'string' || name === '') return {};
  try {
    return { filename: decodeURIComponent(name).slice(0, 255) };
  } catch {
    throw badRequest('x-file-name: not a URL-encoded file name');
  }
}
