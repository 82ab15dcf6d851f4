import type { Alert, Lang, RegionSummary } from '@region-score/contracts';
import { alertRuleName } from '@region-score/core';
import { localName } from '../format/format';

/** Names a district or indicator id in `lang` using the region's config, else the id. */
export function nameOf(
  region: RegionSummary | undefined,
  kind: 'districts' | 'indicators',
  id: string | null,
  lang: Lang,
): string {
  if (!id) return '';
  const found = region?.[kind].find((x) => x.id === id);
  return found ? localName(found.name, lang) : id;
}

/** One line for an alert in `lang`: district — rule (indicator). */
export function alertText(alert: Alert, region: RegionSummary | undefined, lang: Lang): string {
  const district = nameOf(region, 'districts', alert.district, lang);
  const rule = alertRuleName(alert.rule, lang);
  const indicator = nameOf(region, 'indicators', alert.indicator, lang);
  return `${district} — ${rule}${indicator ? ` (${indicator})` : ''}`;
}
