import type { Issue } from './schema-issues';
import { formatPath } from './schema-issues';

import { isRecord, items, num, str, type Loose, type Path } from './loose';

/** True when `zone` is an IANA time zone the runtime knows (Intl throws a RangeError otherwise). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks a schema cannot express: unique ids, references between targets and their region's
 * districts and indicators, and consistent numbers. Runs on the raw document even when the schema
 * failed (skipping values of the wrong type), so one run reports every problem.
 */
export function crossCheckIssues(doc: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string): void => {
    issues.push({ path, message });
  };
  const regions = isRecord(doc) ? items(doc.regions) : [];

  // Observations name only the district, so a district id must be unique across all regions.
  const regionIds = new Map<string, Path>();
  const districtIds = new Map<string, Path>();
  const unique = (seen: Map<string, Path>, id: unknown, path: Path): void => {
    const value = str(id);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first) add(path, `duplicate ${JSON.stringify(value)} (first at ${formatPath(first)})`);
    else seen.set(value, path);
  };

  const national = isRecord(doc) && isRecord(doc.national) ? doc.national : {};
  const nationalZone = str(national.timezone);
  if (nationalZone !== undefined && nationalZone !== '' && !isValidTimeZone(nationalZone)) {
    add(
      ['national', 'timezone'],
      `unknown time zone ${JSON.stringify(nationalZone)} (use an IANA name like "Asia/Almaty")`,
    );
  }

  regions.forEach((region, r) => {
    const at = (...rest: Path): Path => ['regions', r, ...rest];
    unique(regionIds, region.id, at('id'));
    items(region.districts).forEach((district, d) => {
      unique(districtIds, district.id, at('districts', d, 'id'));
    });

    const timezone = str(region.timezone);
    if (timezone !== undefined && timezone !== '' && !isValidTimeZone(timezone)) {
      add(
        at('timezone'),
        `unknown time zone ${JSON.stringify(timezone)} (use an IANA name like "Asia/Almaty")`,
      );
    }

    const scoring = isRecord(region.scoring) ? region.scoring : {};
    const thresholds = isRecord(scoring.thresholds) ? scoring.thresholds : {};
    const onTrack = num(thresholds.onTrack);
    const atRisk = num(thresholds.atRisk);
    if (onTrack !== undefined && atRisk !== undefined && onTrack < atRisk) {
      add(at('scoring', 'thresholds', 'onTrack'), `must be >= atRisk (${atRisk}), got ${onTrack}`);
    }

    const indicatorIds = new Map<string, Path>();
    items(region.indicators).forEach((indicator, i) => {
      unique(indicatorIds, indicator.id, at('indicators', i, 'id'));
      checkRange(indicator, at('indicators', i, 'range'), add);
    });

    const districtSet = new Set(districtIdsOf(region));
    checkTargets(region, r, districtSet, new Set(indicatorIds.keys()), add);
    checkAlertOverrides(region, r, districtSet, new Set(indicatorIds.keys()), add);
  });
  return issues;
}

/** An alert override naming an unknown district or indicator would silently match nothing. */
function checkAlertOverrides(
  region: Loose,
  r: number,
  districts: ReadonlySet<string>,
  indicators: ReadonlySet<string>,
  add: (path: Path, message: string) => void,
): void {
  const alerts = isRecord(region.alerts) ? region.alerts : {};
  items(alerts.overrides).forEach((override, o) => {
    checkReferences(
      override,
      ['regions', r, 'alerts', 'overrides', o],
      districts,
      indicators,
      add,
      '',
    );
  });
}

/** A `district` / `indicator` field naming something the region does not have. */
function checkReferences(
  item: Loose,
  path: Path,
  districts: ReadonlySet<string>,
  indicators: ReadonlySet<string>,
  add: (path: Path, message: string) => void,
  where: string,
): void {
  const district = str(item.district);
  const indicator = str(item.indicator);
  if (district !== undefined && !districts.has(district)) {
    add([...path, 'district'], `unknown district ${JSON.stringify(district)}${where}`);
  }
  if (indicator !== undefined && !indicators.has(indicator)) {
    add([...path, 'indicator'], `unknown indicator ${JSON.stringify(indicator)}${where}`);
  }
}

function districtIdsOf(region: Loose): string[] {
  return items(region.districts).flatMap((district) => str(district.id) ?? []);
}

function checkRange(
  indicator: Loose,
  path: Path,
  add: (path: Path, message: string) => void,
): void {
  const range = isRecord(indicator.range) ? indicator.range : {};
  const min = num(range.min);
  const max = num(range.max);
  if (min !== undefined && max !== undefined && min > max) {
    add([...path, 'min'], `must be <= range.max (${max}), got ${min}`);
  }
  if (indicator.unit === '%') {
    if (min !== undefined && (min < 0 || min > 100)) {
      add([...path, 'min'], `a % indicator's range must lie within 0-100, got ${min}`);
    }
    if (max !== undefined && (max < 0 || max > 100)) {
      add([...path, 'max'], `a % indicator's range must lie within 0-100, got ${max}`);
    }
  }
}

function checkTargets(
  region: Loose,
  r: number,
  districts: ReadonlySet<string>,
  indicators: ReadonlySet<string>,
  add: (path: Path, message: string) => void,
): void {
  const regionName = str(region.id) ?? `#${r}`;
  const seen = new Map<string, number>();
  items(region.targets).forEach((target, t) => {
    const at = (...rest: Path): Path => ['regions', r, 'targets', t, ...rest];
    const district = str(target.district);
    const indicator = str(target.indicator);
    checkReferences(target, at(), districts, indicators, add, ` in region ${regionName}`);
    if (district === undefined || indicator === undefined || typeof target.year !== 'number')
      return;
    const key = `${district}\u0000${indicator}\u0000${target.year}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, t);
    else {
      add(
        at(),
        `duplicate target for ${district} / ${indicator} / ${target.year} (first at ${formatPath(['regions', r, 'targets', first])})`,
      );
    }
  });
}
