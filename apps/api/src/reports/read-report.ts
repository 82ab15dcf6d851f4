import { IngestProblemCode, type UploadSheet } from '@region-score/contracts';
import {
  checkObservations,
  readReport,
  type DistrictRef,
  type NameIndex,
  type RegionCatalog,
  type ReportItem,
  type ReportProblem,
} from '@region-score/core';
import { detectReportFormat, type ReportFormat } from './detect-format';
import type { Principal } from '../plugins/app/auth';
import type { ReaderPool } from '../spreadsheet/reader-pool';
import type { UploadedFile } from './read-upload';

/** Most values one file may hold. */
export const MAX_REPORT_VALUES = 5000;

/** A problem as an upload keeps it: with what its wording needs (`min`, `max`, `unit`). */
export type UploadProblem = ReportProblem & { params?: Record<string, number | string> };

/** A file that could not be read at all: `tooLarge` is answered 413, the rest 400. */
export interface UnreadableReport {
  ok: false;
  tooLarge: boolean;
  problem: ReportProblem;
}

/** What a report file holds: the values that passed every check, and the problems of the rest. */
export interface ReadReport {
  ok: true;
  format: ReportFormat;
  sheets: UploadSheet[];
  /** Values that may be applied. */
  items: ReportItem[];
  /** Problems with the file, its header or single values (each with its place). */
  problems: UploadProblem[];
}

const fileProblem = (message: string, code = IngestProblemCode.badFile): ReportProblem => ({
  sheet: null,
  row: null,
  column: null,
  field: 'file',
  code,
  message,
});

/**
 * Reads an uploaded report: format from the bytes and the name, cells in a reading thread, the
 * sheet layouts and names with core's `readReport`, then each value with the same checks as the
 * JSON API (`checkObservations`: scope, range, dates). Problems are data; nothing is written.
 */
export async function readUploadedReport(
  file: UploadedFile,
  deps: { pool: ReaderPool; names: NameIndex; catalog: RegionCatalog },
  principal: Principal,
  opts: { at: Date; district?: DistrictRef },
): Promise<ReadReport | UnreadableReport> {
  const format = detectReportFormat(file.bytes, file);
  if (typeof format !== 'string') {
    return { ok: false, tooLarge: false, problem: fileProblem(format.message) };
  }
  const name = file.filename?.trim() || (format === 'csv' ? 'report.csv' : 'report.xlsx');
  const read = await deps.pool.read({ bytes: file.bytes, format, charset: file.charset, name });
  if (!read.ok) {
    return { ok: false, tooLarge: read.kind === 'too_large', problem: fileProblem(read.message) };
  }
  const reading = readReport(read.sheets, {
    catalog: deps.catalog,
    names: deps.names,
    scope: principal.districts,
    ...(opts.district ? { district: opts.district } : {}),
    fileName: name,
    at: opts.at,
    maxValues: MAX_REPORT_VALUES,
  });
  const problems: UploadProblem[] = reading.problems.map(withName);
  const items: ReportItem[] = [];
  for (const item of reading.items) {
    // One at a time: every value gets its verdict (the batch check stops after 20 problems).
    const found = checkObservations(
      [item],
      deps.catalog,
      principal.districts,
      opts.at,
      principal.regions,
    );
    if (found.length === 0) {
      items.push(item);
      continue;
    }
    for (const p of found) {
      const params = rangeParams(p.code, item, deps.catalog);
      problems.push({
        ...(params ? { params } : {}),
        sheet: item.sheet,
        row: item.row,
        column: p.field === 'value' || p.field === 'date' ? item.column : null,
        field: p.field,
        code: p.code,
        message: p.message,
        district: item.district,
        indicator: item.indicator,
        date: item.date,
      });
    }
  }
  const sheets: UploadSheet[] = [
    ...reading.sheets.map((s) => ({
      name: s.name,
      form: s.form,
      values: s.values,
      ...(s.skipped ? { skipped: s.skipped } : {}),
    })),
    ...read.skipped.map((s) => ({ name: s.name, form: null, values: 0, skipped: s.reason })),
  ];
  return { ok: true, format, sheets, items, problems };
}

/**
 * Where a problem is, as a reporter reads the sheet: `row 5, value`, `sheet "Июнь", row 5,
 * value` when the file has several sheets, `header`, `file`.
 */
export function problemPlace(p: ReportProblem, manySheets: boolean): string {
  const parts: string[] = [];
  if (manySheets && p.sheet !== null) parts.push(`sheet "${p.sheet}"`);
  if (p.row !== null && p.row > 0) parts.push(`row ${p.row}`);
  parts.push(p.field);
  return parts.join(', ');
}

/** The plausible range a below_min/above_max value broke, for the page to word the problem. */
function rangeParams(
  code: string,
  item: ReportItem,
  catalog: RegionCatalog,
): Record<string, number | string> | null {
  if (code !== IngestProblemCode.belowMin && code !== IngestProblemCode.aboveMax) return null;
  const region = catalog.district(item.district)?.region;
  const indicator = region ? catalog.indicator(region.id, item.indicator) : undefined;
  if (!indicator?.range) return null;
  const { min, max } = indicator.range;
  return {
    value: item.value,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    unit: indicator.unit,
  };
}

/**
 * The name a reporter wrote, for the page to quote when it words unknown_district,
 * unknown_indicator and ambiguous_name itself: core's message quotes it first (`unknown district
 * "Нет такого"`).
 */
function withName(problem: ReportProblem): UploadProblem {
  const named =
    problem.code === IngestProblemCode.unknownDistrict ||
    problem.code === IngestProblemCode.unknownIndicator ||
    problem.code === IngestProblemCode.ambiguousName;
  const name = named ? /"([^"]*)"/.exec(problem.message)?.[1] : undefined;
  return name !== undefined ? { ...problem, params: { name } } : problem;
}
