import type { AlertRule } from '@region-score/contracts';

/** Stands for "no indicator" in a fingerprint (district-wide rules: score drop, rank drop). */
const NO_INDICATOR = '-';

/**
 * Escapes a part so the dots between parts stay unambiguous and the whole id stays URL-safe even
 * if an id is not a slug. Slugs (`[a-z0-9_]`) pass through untouched, which keeps ids readable.
 */
function part(value: string): string {
  return encodeURIComponent(value).replace(
    /[.!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The id of an alert: one per (rule, region, district, indicator), so the same condition seen on
 * every evaluation is one alert, not a new one each time (Alertmanager's fingerprint). Readable and
 * URL-safe, e.g. `behind_plan.aqmola.akkol.road_quality` or `rank_drop.aqmola.akkol.-`, so it can
 * sit in an API path and in logs as it is.
 */
export function alertFingerprint(
  rule: AlertRule,
  region: string,
  district: string,
  indicator: string | null,
): string {
  return [
    rule,
    part(region),
    part(district),
    indicator === null ? NO_INDICATOR : part(indicator),
  ].join('.');
}

/** The parts of a fingerprint made by `alertFingerprint`; null when `id` is not one. */
export function parseFingerprint(
  id: string,
): { rule: string; region: string; district: string; indicator: string | null } | null {
  const parts = id.split('.');
  if (parts.length !== 4) return null;
  try {
    const [rule, region, district, indicator] = parts.map((p) => decodeURIComponent(p)) as [
      string,
      string,
      string,
      string,
    ];
    return { rule, region, district, indicator: parts[3] === NO_INDICATOR ? null : indicator };
  } catch {
    return null;
  }
}
