import type { ObservationInput, StampedObservation } from '@region-score/contracts';
import { addDays, isRealDate, localDate, type RegionCatalog } from '@region-score/core';
import { badRequest, forbidden } from '../errors';
import type { Principal } from '../plugins/app/auth';

/** Earliest date a value may refer to. */
const MIN_DATE = '2000-01-01';

/**
 * Checks what the JSON schema cannot: ids known to the config, plausible values, real dates
 * not in the future, and the reporter's district scope. Throws on the first bad item (400 names
 * the field and index, 403 names the district) so nothing of a bad batch is enqueued.
 */
export function stampObservations(
  items: readonly ObservationInput[],
  catalog: RegionCatalog,
  principal: Principal,
  at: Date,
  batchId: string,
): StampedObservation[] {
  const atMs = at.getTime();
  return items.map((item, i) => {
    const path = `observations[${i}]`;
    const known = catalog.district(item.district);
    if (!known) throw badRequest(`${path}.district: unknown district "${item.district}"`);
    const { region } = known;
    const indicator = catalog.indicator(region.id, item.indicator);
    if (!indicator) {
      throw badRequest(
        `${path}.indicator: unknown indicator "${item.indicator}" in region "${region.id}"`,
      );
    }
    if (principal.districts && !principal.districts.has(item.district)) {
      throw forbidden(`${path}.district: this key may not report for "${item.district}"`);
    }
    if (!Number.isFinite(item.value)) throw badRequest(`${path}.value: must be a finite number`);
    const { min, max } = indicator.range ?? {};
    if (min !== undefined && item.value < min) {
      throw badRequest(
        `${path}.value: ${item.value} is below the plausible minimum ${min} ${indicator.unit}`,
      );
    }
    if (max !== undefined && item.value > max) {
      throw badRequest(
        `${path}.value: ${item.value} is above the plausible maximum ${max} ${indicator.unit}`,
      );
    }
    if (!isRealDate(item.date))
      throw badRequest(`${path}.date: "${item.date}" is not a real calendar date`);
    if (item.date < MIN_DATE) throw badRequest(`${path}.date: ${item.date} is before ${MIN_DATE}`);
    // One day of slack: a reporter east of the region may already be on tomorrow's date.
    const latest = addDays(localDate(at, region.timezone), 1);
    if (item.date > latest) throw badRequest(`${path}.date: ${item.date} is in the future`);
    const stamped: StampedObservation = {
      region: region.id,
      district: item.district,
      indicator: item.indicator,
      value: item.value,
      date: item.date,
      obsId: item.id === undefined ? `${batchId}.${i}` : `c:${item.district}:${item.id}`,
      at: atMs,
      by: principal.id,
    };
    if (item.id !== undefined) stamped.clientId = item.id;
    return stamped;
  });
}
