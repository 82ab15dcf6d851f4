import type { Lang } from '@region-score/contracts';

/** What can be exported: a region's ranking or heat map, or one district. */
export type ExportKind = 'ranking' | 'matrix' | 'district';

/** The API path and a file name for an export of what a page shows. */
export function exportPath(o: {
  kind: ExportKind;
  format: 'csv' | 'xlsx';
  region: string;
  district: string | null;
  asOf: string | null;
  lang: Lang;
}): { path: string; filename: string } {
  const query = new URLSearchParams({ lang: o.lang });
  if (o.asOf) query.set('asOf', o.asOf);
  const subject = o.kind === 'district' && o.district ? o.district : `${o.region}-${o.kind}`;
  const filename = `${subject}-${o.asOf ?? 'live'}.${o.format}`;
  const path =
    o.kind === 'district' && o.district
      ? `/districts/${encodeURIComponent(o.district)}/export.${o.format}?${query}`
      : `/regions/${encodeURIComponent(o.region)}/export/${o.kind}.${o.format}?${query}`;
  return { path, filename };
}
