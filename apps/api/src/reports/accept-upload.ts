import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ErrorCode,
  IngestProblemCode,
  type StampedObservation,
  type UploadMode,
  type UploadReply,
} from '@region-score/contracts';
import type { DistrictRef, NameIndex } from '@region-score/core';
import { ApiError } from '../errors';
import { confirmOnReplicas } from '../ingest/accept';
import type { Principal } from '../plugins/app/auth';
import type { ReaderPool } from '../spreadsheet/reader-pool';
import { readUploadedReport } from './read-report';
import { fileTooLarge, type UploadedFile } from './read-upload';
import { problemReplies, uploadRecord, uploadResults } from './upload-record';

/** What an upload needs besides the request: the reading threads and the name index. */
export interface UploadDeps {
  pool: ReaderPool;
  names: NameIndex;
}

export interface UploadArgs {
  principal: Principal;
  file: UploadedFile;
  hash: string;
  mode: UploadMode;
  /** The district the request named (`?district=`). */
  district: DistrictRef | undefined;
  at: Date;
}

/**
 * One report upload, kept as a record whatever becomes of it: read (forms, names, checks), then
 * refused (400/403/413 naming the place, nothing applied), recognised as a duplicate of an earlier
 * upload of the same content for the same districts (200, nothing applied), or queued as one
 * ingest job whose values the worker records on the upload (202).
 */
export async function acceptUpload(
  app: FastifyInstance,
  request: FastifyRequest,
  deps: UploadDeps,
  args: UploadArgs,
): Promise<{ statusCode: number; body: UploadReply }> {
  const { catalog, platform } = app.services;
  const { pool, names } = deps;
  const { principal, file, hash, mode, district, at } = args;
  const id = randomUUID();
  const by = { id: principal.id, label: principal.label };
  const base = { id, at, by, file, hash, mode };
  const report = await readUploadedReport(file, { pool, names, catalog }, principal, {
    at,
    ...(district ? { district } : {}),
  });
  if (!report.ok) {
    const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    const problems = problemReplies([report.problem], false);
    await platform.uploads.create(
      uploadRecord({
        ...base,
        format: isZip ? 'xlsx' : 'csv',
        status: 'refused',
        scope: district?.district.id ?? null,
        report: null,
        results: [],
        problems,
      }),
      [],
    );
    const p = problems[0] as (typeof problems)[number];
    await audit(`refused: ${p.field}: ${p.message}`);
    if (report.tooLarge) throw fileTooLarge();
    throw new ApiError(
      400,
      ErrorCode.validation,
      `${p.field}: ${p.message}`,
      problems,
      undefined,
      id,
    );
  }
  const manySheets = report.sheets.filter((s) => s.form !== null).length > 1;
  if (report.items.length === 0 && report.problems.length === 0) {
    report.problems.push({
      sheet: null,
      row: null,
      column: null,
      field: 'file',
      code: IngestProblemCode.badFile,
      message: 'no values: every value cell is empty',
    });
  }
  const results = uploadResults(report);
  const problems = problemReplies(report.problems, manySheets);
  const scope =
    district?.district.id ??
    ([...new Set(report.items.map((i) => i.district))].sort().join(',') || null);
  const refused = report.items.length === 0 || (mode === 'all-or-nothing' && problems.length > 0);
  if (refused) {
    await platform.uploads.create(
      uploadRecord({
        ...base,
        format: report.format,
        status: 'refused',
        scope,
        report,
        results,
        problems,
      }),
      results,
    );
    await audit(`refused: ${problems[0]?.field}: ${problems[0]?.message}`);
    const first = report.problems[0];
    const forbiddenFirst = first?.code === IngestProblemCode.forbiddenDistrict;
    const p = problems[0] as (typeof problems)[number];
    throw new ApiError(
      forbiddenFirst ? 403 : 400,
      forbiddenFirst ? ErrorCode.forbidden : ErrorCode.validation,
      `${p.field}: ${p.message}`,
      problems,
      undefined,
      id,
    );
  }
  const duplicateOf = await platform.uploads.claimContent(hash, scope ?? '', id);
  if (duplicateOf !== null) {
    const dup = results.map((r) =>
      r.status === 'queued'
        ? {
            ...r,
            status: 'duplicate' as const,
            message: `uploaded before (${duplicateOf})`,
            code: 'uploaded_before',
            params: { upload: duplicateOf },
          }
        : r,
    );
    const record = uploadRecord({
      ...base,
      format: report.format,
      status: 'duplicate',
      scope,
      report,
      results: dup,
      problems,
      duplicateOf,
    });
    await platform.uploads.create(record, dup);
    await audit(`duplicate of ${duplicateOf}: nothing applied again`);
    return {
      statusCode: 200,
      body: {
        accepted: 0,
        jobId: null,
        receivedAt: at.toISOString(),
        rows: report.items.length,
        format: report.format,
        upload: { ...record, results: dup },
      },
    };
  }
  const observations: StampedObservation[] = report.items.map((item, i) => ({
    region: catalog.district(item.district)?.region.id ?? '',
    district: item.district,
    indicator: item.indicator,
    value: item.value,
    date: item.date,
    obsId: item.id === undefined ? `${id}.${i}` : `c:${item.district}:${item.id}`,
    at: at.getTime(),
    by: principal.id,
    ...(item.id === undefined ? {} : { clientId: item.id }),
    src: { sheet: item.sheet, row: item.row, column: item.column, result: i },
  }));
  const record = uploadRecord({
    ...base,
    format: report.format,
    status: 'queued',
    scope,
    report,
    results,
    problems,
  });
  await platform.uploads.create(record, results);
  let jobId: string;
  try {
    const job = await platform.queues.add('apply-observations', {
      observations,
      upload: { id, file: record.file.name },
      labels: { [by.id]: by.label },
    });
    jobId = job.id ?? '';
  } catch (err) {
    await platform.uploads.releaseContent(hash, scope ?? '', id);
    throw err;
  }
  await platform.uploads.setJob(id, jobId);
  await confirmOnReplicas(request, jobId);
  app.metrics.observationsAccepted.inc(observations.length);
  await audit(
    `${observations.length} values queued (${report.sheets
      .map((s) => s.form)
      .filter(Boolean)
      .join(', ')})`,
  );
  return {
    statusCode: 202,
    body: {
      accepted: observations.length,
      jobId,
      receivedAt: at.toISOString(),
      rows: report.items.length,
      format: report.format,
      upload: { ...record, jobId, results },
    },
  };

  function audit(detail: string) {
    return platform.audit.append({
      at: at.toISOString(),
      type: 'upload',
      actor: by,
      target: id,
      source: { upload: id, file: file.filename ?? '' },
      detail,
    });
  }
}
