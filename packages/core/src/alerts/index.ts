/*
 * Alert rules and lifecycle: which conditions hold for a district, how a condition becomes a
 * pending, firing and resolved alert, which alerts are silenced or acknowledged, and how
 * notifications are grouped and worded. All pure: time is a parameter.
 */
export {
  DEFAULT_ALERT_RULES,
  ALERT_RULE_SECTIONS,
  resolveAlertRules,
  ruleSettingsFor,
  type AlertRulesSettings,
  type AlertRuleSettingsMap,
  type BehindPlanSettings,
  type ProjectedMissSettings,
  type ScoreDropSettings,
  type RankDropSettings,
  type StaleDataSettings,
  type QuarantinedValueSettings,
} from './settings';
export { alertFingerprint, parseFingerprint } from './fingerprint';
export type { AlertContext, AlertCondition, QuarantineSummary } from './context';
export { evaluateAlertRules } from './evaluate';
export { planRatioPct } from './rules/behind-plan';
export { advanceAlert, advanceAlerts, activeFingerprints, type AlertStep } from './lifecycle';
export {
  silenceMatches,
  findSilence,
  applySilences,
  acknowledgeAlert,
  shouldNotify,
} from './silences';
export { groupNotifications, type NotificationGroup } from './grouping';
export { formatAlertText, alertDetail } from './text';
export { ALERT_RULE_NAMES, SEVERITY_NAMES, alertRuleName, severityName } from './names';
export { compareAlerts } from './order';
export {
  RESOLVED_ALERT_RETENTION_MS,
  EXPIRED_SILENCE_RETENTION_MS,
  isPrunable,
  expiredSilenceIds,
  compareSilences,
} from './retention';
export { decideAcknowledgement, type AckDecision } from './acknowledgement';
export {
  planAlerts,
  lastReportedOf,
  type AlertChanges,
  type AlertPlan,
  type DistrictInputs,
} from './plan';
