import { Type, type Static } from '@sinclair/typebox';

/**
 * Why a submitted observation (a JSON item or a report file row) is refused. Validation returns
 * these as data; each route words where the problem is (`observations[3].value` for JSON,
 * `row 5, value` for a file) and picks the status (`forbidden_district` is a 403, the rest 400).
 */
export const IngestProblemCode = {
  unknownDistrict: 'unknown_district',
  unknownIndicator: 'unknown_indicator',
  forbiddenDistrict: 'forbidden_district',
  notFinite: 'not_finite',
  belowMin: 'below_min',
  aboveMax: 'above_max',
  invalidDate: 'invalid_date',
  dateTooEarly: 'date_too_early',
  futureDate: 'future_date',
  /** File problems: a cell that cannot be read, a missing column, a file that is not a report. */
  unreadable: 'unreadable',
  missingColumn: 'missing_column',
  badFile: 'bad_file',
  /** A name that fits several configured districts or indicators. */
  ambiguousName: 'ambiguous_name',
  /** The same district, indicator and date twice in one file, or a header column twice. */
  duplicate: 'duplicate',
} as const;
export type IngestProblemCode = (typeof IngestProblemCode)[keyof typeof IngestProblemCode];

/** One problem with one submitted item. `index` is the item's position (0-based). */
export interface IngestProblem {
  index: number;
  /** The item's field: `district`, `indicator`, `value`, `date`, `id`. */
  field: string;
  code: IngestProblemCode;
  /** Says what is wrong with the value, without saying where (the route adds that). */
  message: string;
}

/** A problem as an error reply lists it: `field` is where, as the route words it. */
export const ProblemReply = Type.Object({
  field: Type.String({ description: 'where: `observations[3].value`, `row 5, value`, `file`' }),
  code: Type.String(),
  message: Type.String(),
});
export type ProblemReply = Static<typeof ProblemReply>;
