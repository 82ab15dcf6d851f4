import type { AlertRule, DistrictScore, Region, Severity } from '@region-score/contracts';

/**
 * Everything the rules look at for one district at one moment. The worker gathers it; the rules
 * only read it, so they are pure and testable with hand-made series.
 */
export interface AlertContext {
  region: Region;
  district: string;
  score: DistrictScore;
  /** Indicator id → date of its latest reported value (`null` or absent: never reported). */
  lastReported: Readonly<Record<string, string | null>>;
  /** Closing scores of previous days, oldest first (today's live score is `score.score`). */
  dailyScores: readonly { date: string; score: number }[];
  /** Current rank, 1 = best; `null` when the district is not ranked. */
  rank: number | null;
  /** Rank at the end of the previous day. */
  previousRank: number | null;
  /** 'YYYY-MM-DD' in the region's time zone. */
  today: string;
  /** Fingerprints of alerts now pending or firing: a held condition resolves later (hysteresis). */
  active: ReadonlySet<string>;
  /** Values of the district the quality gate holds for review, per indicator (absent: none). */
  quarantined?: readonly QuarantineSummary[];
}

/** The held values of one indicator of a district (see the `quarantined_value` rule). */
export interface QuarantineSummary {
  indicator: string;
  /** Values awaiting review. */
  count: number;
  /** The most recently reported one. */
  latest: { value: number; date: string; reason: string };
}

/**
 * A condition that holds now. It becomes an alert through `advanceAlert`, which applies the `for`
 * delay; a condition that stops holding resolves its alert.
 */
export interface AlertCondition {
  /** `alertFingerprint(rule, region, district, indicator)`: the alert's id. */
  fingerprint: string;
  rule: AlertRule;
  severity: Severity;
  region: string;
  district: string;
  indicator: string | null;
  /**
   * The measure the rule compared with `threshold`: % of plan (behind plan), shortfall % of target
   * (projected miss), points lost (score drop), places lost (rank drop), days since the last
   * report (stale data; `null` when never reported).
   */
  value: number | null;
  threshold: number | null;
  /** One English line, e.g. "Akkol: road quality at 71% of plan (warning < 90%)". */
  summary: string;
  /** How long the condition must hold before the alert fires (the rule's `forMinutes`). */
  forMs: number;
}
