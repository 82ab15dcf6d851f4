import type { ObservationInput, StampedObservation } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';

/**
 * Turns checked observations (see core's `checkObservations`) into what the worker applies: the
 * region resolved, a unique id (the client's, scoped by district, or `<batchId>.<index>`), when
 * it was accepted and by whom.
 */
export function stampObservations(
  items: readonly ObservationInput[],
  catalog: RegionCatalog,
  by: string,
  at: Date,
  batchId: string,
): StampedObservation[] {
  const atMs = at.getTime();
  return items.map((item, i) => {
    const region = catalog.district(item.district)?.region.id ?? '';
    const stamped: StampedObservation = {
      region,
      district: item.district,
      indicator: item.indicator,
      value: item.value,
      date: item.date,
      obsId: item.id === undefined ? `${batchId}.${i}` : `c:${item.district}:${item.id}`,
      at: atMs,
      by,
    };
    if (item.id !== undefined) stamped.clientId = item.id;
    return stamped;
  });
}
