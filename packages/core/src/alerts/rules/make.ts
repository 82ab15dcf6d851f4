import type { AlertRule, Severity } from '@region-score/contracts';
import type { AlertCondition, AlertContext } from '../context';
import { alertFingerprint } from '../fingerprint';

/** The measured part of a condition; the rest comes from the context. */
export interface Finding {
  severity: Severity;
  value: number | null;
  threshold: number | null;
  summary: string;
  forMinutes: number;
}

/** Builds a condition for `rule` on the context's district, with its fingerprint. */
export function makeCondition(
  ctx: AlertContext,
  rule: AlertRule,
  indicator: string | null,
  f: Finding,
): AlertCondition {
  const region = ctx.region.id;
  return {
    fingerprint: alertFingerprint(rule, region, ctx.district, indicator),
    rule,
    severity: f.severity,
    region,
    district: ctx.district,
    indicator,
    value: f.value,
    threshold: f.threshold,
    summary: f.summary,
    forMs: f.forMinutes * 60_000,
  };
}
