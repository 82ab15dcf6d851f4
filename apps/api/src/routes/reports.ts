import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  IdempotencyHeaders,
  TemplateQuery,
  UploadDetail,
  UploadQuery,
  UploadReply,
  UploadsQuery,
  UploadsReply,
  type UploadMode,
} from '@region-score/contracts';
import { NameIndex, describeDistrict, nameProblem, type DistrictRef } from '@region-score/core';
import { badRequest, forbidden, notFound, queryLimit } from '../errors';
import { idempotent } from '../ingest/accept';
import { CSV_MEDIA_TYPES, MAX_REPORT_BYTES, XLSX_MEDIA_TYPE } from '../reports/detect-format';
import type { Principal } from '../plugins/app/auth';
import { acceptUpload } from '../reports/accept-upload';
import { MAX_REPORT_VALUES } from '../reports/read-report';
import { readUploadedFile, unsupportedType } from '../reports/read-upload';
import { templateCsv, templateXlsx } from '../reports/template';
import { sha256 } from '../reports/upload-record';
import { ReaderPool } from '../spreadsheet/reader-pool';

const MAX_MB = MAX_REPORT_BYTES / 1024 / 1024;

/**
 * Documentation only: these schemas have no `type`, so they accept whatever the parsers below
 * produce (a Buffer, or nothing for multipart, which is read as a stream in the handler).
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
    [XLSX_MEDIA_TYPE]: { schema: binary('XLSX workbook; every sheet that matches a form is read') },
  },
};

const DESCRIPTION = `Uploads a report file (CSV or XLSX, up to ${MAX_REPORT_VALUES} values and ${MAX_MB} MB) in
any of the forms district offices fill in: long (district | indicator | value | date), wide (one row
per indicator, one column per district, the date above the table), transposed, or monthly (one row
per indicator, one column per month, the district named above the table, in the file name or in
\`?district=\`). Districts and indicators may be written as ids or as their ru/kk/en names.

Every upload is kept as a record (\`GET /api/v1/reports/{id}\`). \`?mode=all-or-nothing\` (default):
any problem refuses the whole file (400 naming the row and column; nothing is applied).
\`?mode=partial\`: good values are applied and the rest reported. The same file content uploaded
again for the same districts applies nothing again (200, status \`duplicate\`).`;

const UploadParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const dayMs = (text: string | undefined, field: string, endOfDay: boolean): number | undefined => {
  if (text === undefined) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw badRequest(`${field}: "${text}" is not a date`);
  return text.length === 10 && endOfDay ? ms + 86_400_000 - 1 : ms;
};

/** Report uploads (kept as records), their listing, and ready-to-fill templates. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog, clock, platform } = app.services;
  const names = new NameIndex(catalog);
  const pool = new ReaderPool();
  app.addHook('onClose', () => pool.close());

  // Encapsulated: multipart and the raw-file parsers exist for these routes only.
  await app.register(multipart, {
    limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 20, parts: 21 },
    throwFileSizeLimit: true,
  });
  app.addContentTypeParser(
    [...CSV_MEDIA_TYPES, XLSX_MEDIA_TYPE],
    { parseAs: 'buffer', bodyLimit: MAX_REPORT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Any other type reaches the handler, which answers 415 with what to send instead.
  app.addContentTypeParser('*', (_request, _payload, done) => done(unsupportedType()));

  /** The district a request names (`?district=`), by id or name, within the caller's scope. */
  function namedDistrict(text: string | undefined, principal: Principal): DistrictRef | undefined {
    if (text === undefined) return undefined;
    const inScope = (ref: DistrictRef) => principal.districts?.has(ref.district.id) ?? true;
    const match = names.district(text, inScope);
    if (!match.ok)
      throw badRequest(`district: ${nameProblem('district', text, match, describeDistrict)}`);
    if (!inScope(match.item))
      throw forbidden(`district: this key may not report for "${match.item.district.id}"`);
    return match.item;
  }

  app.post(
    '/api/v1/reports',
    {
      schema: {
        summary: 'Upload a report file (CSV or XLSX): long, wide, transposed or monthly form',
        description: DESCRIPTION,
        tags: ['ingest'],
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        querystring: UploadQuery,
        body: ReportBody,
        response: {
          200: UploadReply,
          202: UploadReply,
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
      const mode: UploadMode = request.query.mode ?? 'all-or-nothing';
      const district = namedDistrict(request.query.district, principal);
      const file = await readUploadedFile(app, request);
      const hash = sha256(file.bytes);
      return idempotent(
        request,
        reply,
        principal,
        () => hash,
        () =>
          acceptUpload(
            app,
            request,
            { pool, names },
            { principal, file, hash, mode, district, at },
          ),
      );
    },
  );

  app.get(
    '/api/v1/reports',
    {
      schema: {
        summary: 'Uploads, newest first: a reporter sees its own, admins and analysts all',
        tags: ['reports'],
        security: [{ bearer: [] }],
        querystring: UploadsQuery,
        response: { 200: UploadsReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
      },
      preHandler: app.requireRole('admin', 'analyst', 'reporter'),
    },
    async (request) => {
      const principal = app.principalOf(request);
      const q = request.query;
      const fromMs = dayMs(q.from, 'from', false);
      const toMs = dayMs(q.to, 'to', true);
      return platform.uploads.list(
        {
          ...(principal.role === 'reporter' ? { by: principal.id } : {}),
          ...(q.district === undefined ? {} : { district: q.district }),
          ...(fromMs === undefined ? {} : { fromMs }),
          ...(toMs === undefined ? {} : { toMs }),
        },
        queryLimit(q.limit, 200, 50),
        q.cursor ?? null,
      );
    },
  );

  app.get(
    '/api/v1/reports/template',
    {
      schema: {
        summary: 'A ready-to-fill report template for the caller’s districts (XLSX or CSV)',
        tags: ['reports'],
        querystring: TemplateQuery,
        response: {
          200: binary('the template: XLSX (default) or CSV'),
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
      preHandler: app.requireRead,
    },
    async (request, reply) => {
      const q = request.query;
      const principal = request.principal;
      const scope = principal?.districts ?? null;
      const district = q.district === undefined ? undefined : names.district(q.district);
      if (district && !district.ok) {
        throw badRequest(
          `district: ${nameProblem('district', q.district ?? '', district, describeDistrict)}`,
        );
      }
      const regionId =
        q.region ??
        (district?.ok ? district.item.region.id : undefined) ??
        (scope ? catalog.district([...scope][0] ?? '')?.region.id : undefined) ??
        (catalog.regions.length === 1 ? catalog.regions[0]?.id : undefined);
      if (regionId === undefined) throw badRequest('region: name the region (there are several)');
      const region = catalog.region(regionId);
      if (!region) throw notFound(`region: unknown region "${regionId}"`);
      if (!app.mayReadRegion(principal, region.id))
        throw forbidden(`region: this key may not read "${region.id}"`);
      if (district?.ok && district.item.region.id !== region.id) {
        throw badRequest(
          `district: "${district.item.district.id}" is not in region "${region.id}"`,
        );
      }
      let districts = district?.ok
        ? [district.item.district.id]
        : region.districts.map((d) => d.id);
      if (scope) districts = districts.filter((d) => scope.has(d));
      if (districts.length === 0)
        throw forbidden('district: this key reports for none of these districts');
      const form = q.form ?? 'long';
      if (form === 'monthly' && districts.length > 1) {
        throw badRequest('district: the monthly form is for one district; name it with ?district=');
      }
      const req = { region, districts, form, lang: q.lang ?? 'ru', at: clock() } as const;
      const base = `${region.id}-${districts.length === 1 ? districts[0] : 'districts'}-${form}`;
      if ((q.format ?? 'xlsx') === 'csv') {
        return reply
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(templateCsv(catalog, req));
      }
      return reply
        .header('content-disposition', `attachment; filename="${base}.xlsx"`)
        .type(XLSX_MEDIA_TYPE)
        .send(Buffer.from(templateXlsx(catalog, req)));
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        summary: 'One upload with what became of each of its values',
        tags: ['reports'],
        security: [{ bearer: [] }],
        params: UploadParams,
        response: { 200: UploadDetail, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRole('admin', 'analyst', 'reporter'),
    },
    async (request) => {
      const principal = app.principalOf(request);
      const upload = await platform.uploads.get(request.params.id);
      if (!upload || (principal.role === 'reporter' && upload.by.id !== principal.id)) {
        throw notFound(`id: no upload "${request.params.id}"`);
      }
      return upload;
    },
  );
};

export default reportRoutes;
