import type { Region } from '@region-score/contracts';
import { regionIndex } from '../region-index';

/*
 * English names and numbers for condition summaries. Summaries are stored on the alert and read in
 * logs and the API, so they stay in one language; notifications are localized by `formatAlertText`.
 */

/** The district's English name, or its id when the config no longer has it. */
export function districtLabel(region: Region, district: string): string {
  return regionIndex(region).districts.get(district)?.name.en ?? district;
}

/**
 * The indicator's English name as it reads inside a sentence: "Road quality" → "road quality",
 * but "GRP per capita" keeps its acronym.
 */
export function indicatorLabel(region: Region, indicator: string): string {
  const name = regionIndex(region).indicators.get(indicator)?.name.en ?? indicator;
  const [first, second] = name;
  if (first === undefined || (second !== undefined && second !== second.toLowerCase())) return name;
  return first.toLowerCase() + name.slice(1);
}

/** A number with at most one decimal, as people read it: 71, 71.5. */
export function num(value: number): string {
  return String(round1(value));
}

/** Rounds to one decimal, so stored values do not churn on float noise. */
export function round1(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

/** A quantity with its unit: "80%" for percentages, "12.5 bn KZT" otherwise. */
export function withUnit(value: number, unit: string): string {
  return unit === '%' ? `${num(value)}%` : `${num(value)} ${unit}`;
}
