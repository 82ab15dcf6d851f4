import type { Alert, AlertState, Severity } from '@region-score/contracts';

const STATE_ORDER: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1 };

/**
 * The order alerts are listed in everywhere: firing first, then pending, then resolved; critical
 * before warning; the most recently changed first; then by id, so the order is total.
 */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    b.updatedAt.localeCompare(a.updatedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
