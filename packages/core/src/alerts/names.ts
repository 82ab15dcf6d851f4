import type { AlertRule, Lang, Severity } from '@region-score/contracts';

/*
 * What people call each alert rule and severity, in every language the service speaks. The one
 * definition behind notification messages (`formatAlertText`) and the dashboard's alert lists:
 * two copies of these words had already drifted apart in one release.
 */

/**
 * Display names of the alert rules, in sentence case: a label or a message title. Russian and
 * Kazakh say "score" as the dashboard does (балл, ұпай).
 */
export const ALERT_RULE_NAMES: Readonly<Record<AlertRule, Readonly<Record<Lang, string>>>> =
  Object.freeze({
    behind_plan: {
      ru: 'Отставание от плана',
      kk: 'Жоспардан артта қалу',
      en: 'Behind plan',
    },
    projected_miss: {
      ru: 'Прогноз: цель не будет достигнута',
      kk: 'Болжам: мақсатқа жетпейді',
      en: 'Projected to miss target',
    },
    score_drop: {
      ru: 'Падение балла',
      kk: 'Ұпайдың төмендеуі',
      en: 'Score drop',
    },
    rank_drop: {
      ru: 'Падение в рейтинге',
      kk: 'Рейтингте төмендеу',
      en: 'Rank drop',
    },
    stale_data: {
      ru: 'Нет свежих данных',
      kk: 'Жаңа деректер жоқ',
      en: 'Stale data',
    },
    quarantined_value: {
      ru: 'Значение на проверке',
      kk: 'Мән тексеруде',
      en: 'Value awaiting review',
    },
  });

/**
 * Display names of the severities, in sentence case (a badge). Inside a sentence, such as a
 * notification header, the same word is written in lower case: see `severityName`.
 */
export const SEVERITY_NAMES: Readonly<Record<Severity, Readonly<Record<Lang, string>>>> =
  Object.freeze({
    warning: { ru: 'Предупреждение', kk: 'Ескерту', en: 'Warning' },
    critical: { ru: 'Критично', kk: 'Сыни', en: 'Critical' },
  });

/** The rule's display name in `lang`, e.g. `stale_data`, `ru` → "Нет свежих данных". */
export function alertRuleName(rule: AlertRule, lang: Lang): string {
  return ALERT_RULE_NAMES[rule][lang];
}

/**
 * The severity's name in `lang`: "Критично" as a label, "критично" with `inSentence` (after a
 * dash in a message header). The lower-case form is derived, not stored: in all three languages
 * it differs from the label only in case.
 */
export function severityName(
  severity: Severity,
  lang: Lang,
  { inSentence = false }: { inSentence?: boolean } = {},
): string {
  const name = SEVERITY_NAMES[severity][lang];
  return inSentence ? name.toLocaleLowerCase(lang) : name;
}
