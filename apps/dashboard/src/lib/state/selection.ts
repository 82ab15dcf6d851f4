import type { RotatingView } from './rotation';

/** What a wall URL puts on screen: `?views=`, `?indicators=`, `?districts=`, `?categories=`. */
export interface Selection {
  /** The rotation playlist in order; null for the default cycle. */
  views: RotatingView[] | null;
  /** Ids named in the URL (unchecked); null when the parameter is absent or empty. */
  indicators: string[] | null;
  districts: string[] | null;
  categories: string[] | null;
  /** `?views=` entries that are not a rotating view. */
  unknownViews: string[];
}

const ROTATING: readonly RotatingView[] = ['wall', 'matrix', 'national'];

/** Splits `a,b, c` into distinct non-empty ids; null when nothing is left. */
export function idList(value: string | null): string[] | null {
  if (value === null) return null;
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return ids.length > 0 ? ids : null;
}

/** Reads the selection parameters of a query string. */
export function parseSelection(search: string): Selection {
  const query = new URLSearchParams(search);
  const named = idList(query.get('views')) ?? [];
  const views = named.filter((v): v is RotatingView => (ROTATING as string[]).includes(v));
  return {
    views: views.length > 0 ? views : null,
    indicators: idList(query.get('indicators')),
    districts: idList(query.get('districts')),
    categories: idList(query.get('categories')),
    unknownViews: named.filter((v) => !(ROTATING as string[]).includes(v)),
  };
}

/** The parts of a region the selection is checked against. */
export interface SelectableRegion {
  indicators: readonly { id: string; category: string }[];
  districts: readonly { id: string }[];
}

/** A selection checked against a region: what to show, and what the URL named that is unknown. */
export interface AppliedSelection {
  /** Indicator ids to show, in config order; null shows all. */
  indicators: string[] | null;
  /** District ids to show; null shows all. */
  districts: string[] | null;
  /** Unknown ids by parameter, to be shown in a note (never a blank screen). */
  unknown: { param: 'views' | 'indicators' | 'districts' | 'categories'; id: string }[];
}

/**
 * Checks a selection against the region. Indicators named by id and by category add up; when
 * every named id is unknown the screen shows everything (with the note) instead of nothing.
 */
export function applySelection(selection: Selection, region: SelectableRegion): AppliedSelection {
  const unknown: AppliedSelection['unknown'] = selection.unknownViews.map((id) => ({
    param: 'views' as const,
    id,
  }));
  const indicatorIds = new Set(region.indicators.map((i) => i.id));
  const categoryIds = new Set(region.indicators.map((i) => i.category));
  const districtIds = new Set(region.districts.map((d) => d.id));
  for (const id of selection.indicators ?? []) {
    if (!indicatorIds.has(id)) unknown.push({ param: 'indicators', id });
  }
  for (const id of selection.categories ?? []) {
    if (!categoryIds.has(id)) unknown.push({ param: 'categories', id });
  }
  for (const id of selection.districts ?? []) {
    if (!districtIds.has(id)) unknown.push({ param: 'districts', id });
  }
  let indicators: string[] | null = null;
  if (selection.indicators || selection.categories) {
    const ids = new Set(selection.indicators ?? []);
    const categories = new Set(selection.categories ?? []);
    const chosen = region.indicators
      .filter((i) => ids.has(i.id) || categories.has(i.category))
      .map((i) => i.id);
    indicators = chosen.length > 0 ? chosen : null;
  }
  let districts: string[] | null = null;
  if (selection.districts) {
    const ids = new Set(selection.districts);
    const chosen = region.districts.filter((d) => ids.has(d.id)).map((d) => d.id);
    districts = chosen.length > 0 ? chosen : null;
  }
  return { indicators, districts, unknown };
}

/** What a heat-map cell shows: the score (value / plan), or `?cells=plan`: % of plan to date. */
export type CellMode = 'score' | 'plan';

export function parseCellMode(search: string): CellMode {
  return new URLSearchParams(search).get('cells') === 'plan' ? 'plan' : 'score';
}
