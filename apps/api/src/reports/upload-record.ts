import { createHash } from 'node:crypto';
import type {
  Actor,
  ProblemReply,
  UploadMode,
  UploadRecord,
  UploadRowResult,
  UploadStatus,
} from '@region-score/contracts';
import type { ReportProblem } from '@region-score/core';
import { countRows } from '@region-score/platform';
import type { UploadedFile } from './read-upload';
import { problemPlace, type ReadReport } from './read-report';

/** Problems an upload record keeps (the per-value results keep every one). */
const RECORD_PROBLEMS = 20;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The results of an upload: each value read (queued) and each problem (rejected), in sheet order. */
export function uploadResults(report: ReadReport): UploadRowResult[] {
  const rejected: UploadRowResult[] = report.problems.map((p) => ({
    sheet: p.sheet ?? '',
    row: p.row !== null && p.row > 0 ? p.row : null,
    column: p.column,
    district: p.district ?? null,
    indicator: p.indicator ?? null,
    date: p.date ?? null,
    value: null,
    status: 'rejected',
    field: p.field,
    message: p.message,
    code: p.code,
    ...(p.params ? { params: p.params } : {}),
  }));
  const queued: UploadRowResult[] = report.items.map((i) => ({
    sheet: i.sheet,
    row: i.row,
    column: i.column,
    district: i.district,
    indicator: i.indicator,
    date: i.date,
    value: i.value,
    status: 'queued',
  }));
  // Values first (their index is what the worker reports back on), then the rejections.
  return [...queued, ...rejected];
}

export function problemReplies(
  problems: readonly ReportProblem[],
  manySheets: boolean,
): ProblemReply[] {
  return problems
    .slice(0, RECORD_PROBLEMS)
    .map((p) => ({ field: problemPlace(p, manySheets), code: p.code, message: p.message }));
}

/** A new upload record. */
export function uploadRecord(args: {
  id: string;
  at: Date;
  by: Actor;
  file: UploadedFile;
  format: 'csv' | 'xlsx';
  hash: string;
  mode: UploadMode;
  status: UploadStatus;
  scope: string | null;
  report: ReadReport | null;
  results: UploadRowResult[];
  problems: ProblemReply[];
  duplicateOf?: string;
}): UploadRecord {
  const { report } = args;
  return {
    id: args.id,
    at: args.at.toISOString(),
    by: args.by,
    file: {
      name: args.file.filename?.trim() || `report.${args.format}`,
      size: args.file.bytes.length,
      sha256: args.hash,
      format: args.format,
    },
    mode: args.mode,
    status: args.status,
    ...(args.duplicateOf ? { duplicateOf: args.duplicateOf } : {}),
    scope: args.scope,
    districts: [...new Set((report?.items ?? []).map((i) => i.district))].sort(),
    sheets: report?.sheets ?? [],
    counts: countRows(args.results),
    problems: args.problems,
    jobId: null,
    finishedAt: args.status === 'queued' ? null : args.at.toISOString(),
  };
}
