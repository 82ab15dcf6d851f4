import { describe, expect, it } from 'vitest';
import { AlertRule, LANGS, Severity, type Alert } from '@region-score/contracts';
import {
  ALERT_RULE_NAMES,
  SEVERITY_NAMES,
  alertRuleName,
  formatAlertText,
  severityName,
} from '../src/alerts/index';

/** Every value of a union of literals, read from its schema so a new rule is covered too. */
const literals = <T extends string>(schema: { anyOf: { const: T }[] }): T[] =>
  schema.anyOf.map((s) => s.const);
const RULES = literals(AlertRule);
const SEVERITIES = literals(Severity);

const AT = '2025-03-10T06:00:00.000Z';
const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'stale_data.aqmola.akkol.road_quality',
  rule: 'stale_data',
  severity: 'warning',
  state: 'firing',
  region: 'aqmola',
  district: 'akkol',
  indicator: 'road_quality',
  summary: 'Akkol: no road quality report for 45 days',
  value: 45,
  threshold: 37,
  activeAt: AT,
  firedAt: AT,
  resolvedAt: null,
  updatedAt: AT,
  ack: null,
  silencedBy: null,
  ...over,
});

describe('alert rule and severity names', () => {
  it('name every rule and severity, and nothing else, in every language', () => {
    expect(Object.keys(ALERT_RULE_NAMES).sort()).toEqual([...RULES].sort());
    expect(Object.keys(SEVERITY_NAMES).sort()).toEqual([...SEVERITIES].sort());
    for (const lang of LANGS) {
      for (const rule of RULES)
        expect(alertRuleName(rule, lang).trim(), `${rule}.${lang}`).not.toBe('');
      for (const severity of SEVERITIES)
        expect(severityName(severity, lang).trim(), `${severity}.${lang}`).not.toBe('');
    }
  });

  it('give each rule a distinct name within a language, really translated', () => {
    for (const lang of LANGS) {
      const names = RULES.map((rule) => alertRuleName(rule, lang));
      expect(new Set(names).size, lang).toBe(RULES.length);
    }
    const kazakh = RULES.map((rule) => alertRuleName(rule, 'kk')).join(' ');
    expect(kazakh).toMatch(/[әғқңөұүһі]/);
  });

  it('write the severity in lower case inside a sentence', () => {
    expect(severityName('critical', 'ru')).toBe('Критично');
    expect(severityName('critical', 'ru', { inSentence: true })).toBe('критично');
    expect(severityName('warning', 'kk', { inSentence: true })).toBe('ескерту');
    expect(severityName('warning', 'en', { inSentence: true })).toBe('warning');
  });
});

describe('formatAlertText', () => {
  it('titles a one-rule message with the rule name and severity name of the language', () => {
    for (const lang of LANGS) {
      for (const rule of RULES) {
        for (const severity of SEVERITIES) {
          const [header] = formatAlertText([alert({ rule, severity })], lang, (id) => id).split(
            '\n',
          );
          const name = alertRuleName(rule, lang);
          const sev = severityName(severity, lang, { inSentence: true });
          const icon = severity === 'critical' ? '🔴' : '🟠';
          expect(header, `${rule}.${severity}.${lang}`).toBe(`${icon} ${name} — ${sev}`);
        }
      }
    }
  });

  it('titles a resolved message with the rule name alone', () => {
    const resolved = alert({ rule: 'projected_miss', state: 'resolved' });
    expect(formatAlertText([resolved], 'ru', (id) => id).split('\n')[0]).toBe(
      `✅ ${ALERT_RULE_NAMES.projected_miss.ru}`,
    );
    expect(formatAlertText([resolved], 'en', (id) => id).split('\n')[0]).toBe(
      '✅ Projected to miss target',
    );
  });
});
