import {
  IngestProblemCode,
  type IngestProblem,
  type ObservationInput,
} from '@region-score/contracts';
import type { RegionCatalog } from '../catalog';
import { addDays, isRealDate, localDate } from '../time';

/** Earliest date a value may refer to. */
export const MIN_OBSERVATION_DATE = '2000-01-01';
/** Problems collected before checking stops: the first few are what a reporter fixes. */
export const MAX_PROBLEMS = 20;

/**
 * What the JSON schema cannot check about submitted observations: ids the config knows, the
 * caller's district scope (`districts`, null when it may report for every district), finite values
 * within the indicator's plausible range, and real dates from 2000 up to tomorrow in the region's
 * zone (one day of slack: a reporter east of the region may already be on tomorrow's date).
 *
 * Returns every problem (up to `MAX_PROBLEMS`), in item order and, within an item, in the order
 * above; an empty list means all may be accepted.
 */
export function checkObservations(
  items: readonly ObservationInput[],
  catalog: RegionCatalog,
  districts: ReadonlySet<string> | null,
  at: Date,
  /** The regions the caller may report in (null: every region). */
  regions: ReadonlySet<string> | null = null,
): IngestProblem[] {
  const problems: IngestProblem[] = [];
  for (let index = 0; index < items.length && problems.length < MAX_PROBLEMS; index++) {
    const item = items[index] as ObservationInput;
    const add = (field: string, code: IngestProblemCode, message: string) =>
      problems.push({ index, field, code, message });
    const known = catalog.district(item.district);
    if (!known) {
      add('district', IngestProblemCode.unknownDistrict, `unknown district "${item.district}"`);
      continue;
    }
    const { region } = known;
    const indicator = catalog.indicator(region.id, item.indicator);
    if (!indicator) {
      add(
        'indicator',
        IngestProblemCode.unknownIndicator,
        `unknown indicator "${item.indicator}" in region "${region.id}"`,
      );
      continue;
    }
    if ((districts && !districts.has(item.district)) || (regions && !regions.has(region.id))) {
      add(
        'district',
        IngestProblemCode.forbiddenDistrict,
        `this key may not report for "${item.district}"`,
      );
      continue;
    }
    if (!Number.isFinite(item.value)) {
      add('value', IngestProblemCode.notFinite, 'must be a finite number');
    } else {
      const { min, max } = indicator.range ?? {};
      if (min !== undefined && item.value < min) {
        add(
          'value',
          IngestProblemCode.belowMin,
          `${item.value} is below the plausible minimum ${min} ${indicator.unit}`,
        );
      } else if (max !== undefined && item.value > max) {
        add(
          'value',
          IngestProblemCode.aboveMax,
          `${item.value} is above the plausible maximum ${max} ${indicator.unit}`,
        );
      }
    }
    if (!isRealDate(item.date)) {
      add('date', IngestProblemCode.invalidDate, `"${item.date}" is not a real calendar date`);
    } else if (item.date < MIN_OBSERVATION_DATE) {
      add('date', IngestProblemCode.dateTooEarly, `${item.date} is before ${MIN_OBSERVATION_DATE}`);
    } else if (item.date > addDays(localDate(at, region.timezone), 1)) {
      add('date', IngestProblemCode.futureDate, `${item.date} is in the future`);
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
