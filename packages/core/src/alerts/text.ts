import type { Alert, Lang } from '@region-score/contracts';
import { alertRuleName, severityName } from './names';

/** Words of a notification in one language; rule and severity names come from `./names`. */
interface Phrases {
  locale: string;
  mixed: string;
  firing: string;
  resolved: string;
  more: (n: string) => string;
  /** The measured part of a firing alert's line; `n` formats a number for the language. */
  detail: (a: Alert, n: (x: number) => string) => string;
}

const PHRASES: Record<Lang, Phrases> = {
  ru: {
    locale: 'ru-RU',
    mixed: 'Оповещения',
    firing: 'Сработало',
    resolved: 'Устранено',
    more: (n) => `… и ещё ${n}`,
    detail: (a, n) => {
      const v = a.value ?? 0;
      switch (a.rule) {
        case 'behind_plan':
          return `выполнение плана ${n(v)}% (порог ${n(a.threshold ?? 0)}%)`;
        case 'projected_miss':
          return `прогноз ниже цели на ${n(v)}%`;
        case 'score_drop':
          return `балл снизился на ${n(v)}`;
        case 'rank_drop':
          return `потеряно мест в рейтинге: ${n(v)}`;
        case 'stale_data':
          return a.value === null ? 'данные не поступали' : `нет данных ${n(v)} дн.`;
        case 'quarantined_value':
          return `ждут проверки: ${n(v)}`;
      }
    },
  },
  kk: {
    locale: 'kk-KZ',
    mixed: 'Ескертулер',
    firing: 'Іске қосылды',
    resolved: 'Шешілді',
    more: (n) => `… тағы ${n}`,
    detail: (a, n) => {
      const v = a.value ?? 0;
      switch (a.rule) {
        case 'behind_plan':
          return `жоспардың орындалуы ${n(v)}% (шегі ${n(a.threshold ?? 0)}%)`;
        case 'projected_miss':
          return `болжам мақсаттан ${n(v)}% төмен`;
        case 'score_drop':
          return `балл ${n(v)} ұпайға төмендеді`;
        case 'rank_drop':
          return `рейтингте ${n(v)} орынға төмендеді`;
        case 'stale_data':
          return a.value === null ? 'деректер берілмеген' : `${n(v)} күн бойы дерек жоқ`;
        case 'quarantined_value':
          return `тексеруді күтуде: ${n(v)}`;
      }
    },
  },
  en: {
    locale: 'en-US',
    mixed: 'Alerts',
    firing: 'Firing',
    resolved: 'Resolved',
    more: (n) => `… and ${n} more`,
    detail: (a, n) => {
      const v = a.value ?? 0;
      switch (a.rule) {
        case 'behind_plan':
          return `${n(v)}% of plan (threshold ${n(a.threshold ?? 0)}%)`;
        case 'projected_miss':
          return `projected ${n(v)}% short of target`;
        case 'score_drop':
          return `score fell ${n(v)} points`;
        case 'rank_drop':
          return `dropped ${n(v)} places`;
        case 'stale_data':
          return a.value === null ? 'never reported' : `no report for ${n(v)} days`;
        case 'quarantined_value':
          return `${n(v)} awaiting review`;
      }
    },
  },
};

/**
 * The measured part of a firing alert in `lang` (e.g. "выполнение плана 82% (порог 90%)"): the
 * localized form of its English `summary`, for screens that show one alert at a time.
 */
export function alertDetail(alert: Alert, lang: Lang): string {
  const p = PHRASES[lang];
  const fmt = new Intl.NumberFormat(p.locale, { maximumFractionDigits: 1 });
  return p.detail(alert, (x) => fmt.format(x));
}

/** Lines listed per section; Telegram caps a message at 4096 characters. */
const MAX_LINES = 40;

/**
 * A notification message for a group of alerts (see `groupNotifications`), in Russian, Kazakh or
 * English: a header with the rule and severity, then the districts that fired and those that
 * resolved, one line each. Plain text, no Markdown, so names with `_` or `*` need no escaping in
 * Telegram. Indicator names default to their ids; pass `indicatorNames` to localize them too.
 */
export function formatAlertText(
  alerts: readonly Alert[],
  lang: Lang,
  names: (district: string) => string,
  indicatorNames: (indicator: string) => string = (id) => id,
): string {
  if (alerts.length === 0) return '';
  const p = PHRASES[lang];
  const fmt = new Intl.NumberFormat(p.locale, { maximumFractionDigits: 1 });
  const n = (x: number) => fmt.format(x);
  const firing = alerts.filter((a) => a.state !== 'resolved');
  const resolved = alerts.filter((a) => a.state === 'resolved');

  const rules = new Set(alerts.map((a) => a.rule));
  const [only] = rules;
  const title = rules.size === 1 && only !== undefined ? alertRuleName(only, lang) : p.mixed;
  const critical = firing.some((a) => a.severity === 'critical');
  const severity = severityName(critical ? 'critical' : 'warning', lang, { inSentence: true });
  const header =
    firing.length === 0 ? `✅ ${title}` : `${critical ? '🔴' : '🟠'} ${title} — ${severity}`;

  const line = (a: Alert, withDetail: boolean) => {
    const what = a.indicator === null ? '' : ` — ${indicatorNames(a.indicator)}`;
    return `• ${names(a.district)}${what}${withDetail ? `: ${p.detail(a, n)}` : ''}`;
  };
  const section = (label: string, list: readonly Alert[], withDetail: boolean) => {
    if (list.length === 0) return [];
    const sorted = [...list].sort((a, b) =>
      names(a.district).localeCompare(names(b.district), p.locale),
    );
    const shown = sorted.slice(0, MAX_LINES).map((a) => line(a, withDetail));
    const rest = sorted.length - shown.length;
    return [`${label} (${n(list.length)}):`, ...shown, ...(rest > 0 ? [p.more(n(rest))] : [])];
  };

  return [header, ...section(p.firing, firing, true), ...section(p.resolved, resolved, false)].join(
    '\n',
  );
}
