import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  ErrorCode,
  ErrorReply,
  IdempotencyHeaders,
  MAX_BATCH,
  PostReportReply,
} from '@region-score/contracts';
import { checkObservations } from '@region-score/core';
import { ApiError, badRequest, ingestError } from '../errors';
import { acceptObservations } from '../ingest/accept';
import {
  CSV_MEDIA_TYPES,
  MAX_REPORT_BYTES,
  XLSX_MEDIA_TYPE,
  detectReportFormat,
  parseReportFile,
  reportError,
} from '../ingest/report-file';
import { stampObservations } from '../ingest/stamp';
import type { Principal } from '../plugins/app/auth';

const MAX_MB = MAX_REPORT_BYTES / 1024 / 1024;
const tooLarge = () =>
  new ApiError(413, ErrorCode.payloadTooLarge, `file: larger than ${MAX_MB} MB`);
const unsupportedType = () =>
  new ApiError(
    415,
    ErrorCode.validation,
    `content-type: send multipart/form-data with a field "file", text/csv or ${XLSX_MEDIA_TYPE}`,
  );

/**
 * Documentation only: these schemas have no `type`, so they accept whatever the parsers below
 * produce (a Buffer, or nothing for multipart, which is read as a stream in the handler). The
 * file itself is validated by hand, with messages naming the row and column.
 */
const binary = (description: string) => Type.Unsafe<unknown>({ format: 'binary', description });
const ReportBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Unsafe<unknown>({
        properties: { file: { type: 'string', format: 'binary' } },
        description: 'one file field named "file": a .csv or .xlsx report',
      }),
    },
    'text/csv': {
      schema: binary('CSV, UTF-8 or Windows-1251 (or the declared charset); , ; or tab separated'),
    },
    [XLSX_MEDIA_TYPE]: { schema: binary('XLSX workbook; the first visible sheet is read') },
  },
};

const DESCRIPTION = `Uploads a monthly report file. The first row holds the headers (any order, any case):
\`district\` (\`район\`), \`indicator\` (\`показатель\`), \`value\` (\`значение\`), \`date\` (\`дата\`) and
an optional \`id\`; other columns are ignored. Dates are \`YYYY-MM-DD\` or \`DD.MM.YYYY\` (or date
cells in XLSX); values may use a decimal comma and spaces between thousands. At most ${MAX_BATCH} rows and
${MAX_MB} MB. The file is all or nothing: any problem is a 400 naming the row (as the spreadsheet
numbers it, header = row 1) and the column, and nothing is stored.`;

interface Upload {
  bytes: Buffer;
  filename?: string | undefined;
  contentType?: string | undefined;
  charset?: string | undefined;
}

/** POST /api/v1/reports: a CSV/XLSX report becomes one ingest job, as a batch of observations. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog, clock } = app.services;

  // Encapsulated: multipart and the raw-file parsers exist for this route only.
  await app.register(multipart, {
    limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 20, parts: 21 },
    throwFileSizeLimit: true,
  });
  app.addContentTypeParser(
    [...CSV_MEDIA_TYPES, XLSX_MEDIA_TYPE],
    { parseAs: 'buffer', bodyLimit: MAX_REPORT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Any other type reaches the handler, which answers 415 with what to send instead of the
  // app-wide "send application/json".
  app.addContentTypeParser('*', (_request, _payload, done) => done(unsupportedType()));

  /** The uploaded file, from a multipart form or a raw body. */
  async function readUpload(request: FastifyRequest): Promise<Upload> {
    if (request.isMultipart()) {
      let upload: Upload | undefined;
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
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw tooLarge();
        if (err instanceof app.multipartErrors.FilesLimitError) {
          throw badRequest('file: send one file per request');
        }
        throw err;
      }
      if (!upload) throw badRequest('file: the form has no file field named "file"');
      return upload;
    }
    const contentType = request.headers['content-type'];
    if (!Buffer.isBuffer(request.body)) throw unsupportedType();
    const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
    return { bytes: request.body, contentType, charset };
  }

  /** Parses and checks the file; every problem is thrown with its row and column. */
  async function readReport(upload: Upload, principal: Principal, at: Date) {
    const format = detectReportFormat(upload.bytes, upload);
    if (typeof format !== 'string') throw reportError([format]);
    const parsed = await parseReportFile(upload.bytes, format, {
      charset: upload.charset,
      maxRows: MAX_BATCH,
    });
    if (!parsed.ok) throw reportError(parsed.problems);
    const items = parsed.observations;
    const problems = checkObservations(items, catalog, principal.districts, at);
    // The reporter thinks in spreadsheet rows: `row 5, value: …`.
    if (problems.length > 0) {
      throw ingestError(problems, (p) => `row ${parsed.rows[p.index] ?? p.index + 2}, ${p.field}`);
    }
    const observations = stampObservations(items, catalog, principal.id, at, randomUUID());
    return { observations, rows: parsed.rows.length, format: parsed.format };
  }

  app.post(
    '/api/v1/reports',
    {
      schema: {
        summary: 'Upload a report file (CSV or XLSX, up to 5,000 rows)',
        description: DESCRIPTION,
        tags: ['ingest'],
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: ReportBody,
        response: {
          202: PostReportReply,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          409: ErrorReply,
          413: ErrorReply,
          415: ErrorReply,
          422: ErrorReply,
        },
      },
      preHandler: app.requireRole('admin', 'reporter'),
    },
    async (request, reply) => {
      const principal = app.principalOf(request);
      const at = clock();
      const upload = await readUpload(request);
      const { observations, rows, format } = await readReport(upload, principal, at);

      return acceptObservations(app, request, reply, principal, observations, at, { rows, format });
    },
  );
};

export default reportRoutes;
