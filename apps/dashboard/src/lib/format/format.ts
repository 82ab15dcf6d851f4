import type { Lang, LocalizedName } from '@region-score/contracts';

/** Intl locale for each dashboard language. */
export const LOCALES: Readonly<Record<Lang, string>> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

/** Shown where a number is missing. */
export const NO_VALUE = '—';

/**
 * Some browsers (Chromium with its trimmed ICU data) accept `kk-KZ` but format with the root
 * locale: `1,234.5` and `2026 M11 23`. Probe once; without Kazakh data, numbers use ru-RU (the
 * same separators) and dates use Kazakh month names from the table below.
 */
const KAZAKH_DATA = (() => {
  try {
    return new Intl.NumberFormat('kk-KZ').format(1.5) === '1,5';
  } catch {
    return false;
  }
})();

/** Kazakh short month names, as CLDR writes them. */
export const KK_MONTHS = [
  'қаң.',
  'ақп.',
  'нау.',
  'сәу.',
  'мам.',
  'мау.',
  'шіл.',
  'там.',
  'қыр.',
  'қаз.',
  'қар.',
  'жел.',
] as const;

/** A Kazakh date from its parts (`2026 ж. 23 қар.`), without relying on the browser's data. */
export function kazakhDate(day: number, month: number, year?: number): string {
  const name = KK_MONTHS[month - 1] ?? String(month);
  return year === undefined ? `${day} ${name}` : `${year} ж. ${day} ${name}`;
}

function locale(lang: Lang): string {
  return lang === 'kk' && !KAZAKH_DATA ? 'ru-RU' : LOCALES[lang];
}

// Intl formatters are costly to build and the wall formats 20 rows several times a second.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(lang), options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(
  lang: Lang,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone });
    } catch {
      // An unknown zone in the region config must not blank the screen: use the browser's.
      format = new Intl.DateTimeFormat(locale(lang), options);
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** A number with a fixed count of decimals in the language's style (`1 234,5` in ru). */
export function formatNumber(value: number | null | undefined, lang: Lang, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A number with as many decimals as it needs, at most `maxDecimals` (values of indicators). */
export function formatValue(value: number | null | undefined, lang: Lang, maxDecimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const decimals = Math.abs(value) >= 1000 ? 0 : maxDecimals;
  return numberFormat(lang, { maximumFractionDigits: decimals }).format(value);
}

/** A share 0..1 as a percentage (`87 %` in ru, `87%` in en). */
export function formatPercent(share: number | null | undefined, lang: Lang, decimals = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return NO_VALUE;
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(share);
}

/** A signed number of points (`+2,4` / `−1,0`), for contributions and impacts. */
export function formatSigned(value: number | null | undefined, lang: Lang, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'exceptZero',
  }).format(value);
}

type Instant = string | number | Date;

/** Hours and minutes, 24-hour clock, in the region's zone. */
export function formatTime(at: Instant, lang: Lang, timeZone?: string): string {
  return dateFormat(
    lang,
    { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    timeZone,
  ).format(new Date(at));
}

/** Hours, minutes and seconds, for the wall clock. */
export function formatClock(at: Instant, lang: Lang, timeZone?: string): string {
  return dateFormat(
    lang,
    { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    timeZone,
  ).format(new Date(at));
}

/** Day, month and year as numbers in `timeZone`, for the Kazakh fallback. */
function dateParts(at: Instant, timeZone?: string): { day: number; month: number; year: number } {
  const parts = dateFormat(
    'en',
    { day: 'numeric', month: 'numeric', year: 'numeric' },
    timeZone,
  ).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A calendar date (`23 нояб. 2025 г.` in ru). */
export function formatDate(at: Instant, lang: Lang, timeZone?: string): string {
  if (lang === 'kk' && !KAZAKH_DATA) {
    const { day, month, year } = dateParts(at, timeZone);
    return kazakhDate(day, month, year);
  }
  return dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }, timeZone).format(
    new Date(at),
  );
}

/** Day and month only, for chart axes. */
export function formatDayMonth(at: Instant, lang: Lang, timeZone?: string): string {
  if (lang === 'kk' && !KAZAKH_DATA) {
    const { day, month } = dateParts(at, timeZone);
    return kazakhDate(day, month);
  }
  return dateFormat(lang, { day: 'numeric', month: 'short' }, timeZone).format(new Date(at));
}

/** A date with the time, for alert lists. */
export function formatDateTime(at: Instant, lang: Lang, timeZone?: string): string {
  if (lang === 'kk' && !KAZAKH_DATA) {
    return `${formatDayMonth(at, lang, timeZone)}, ${formatTime(at, lang, timeZone)}`;
  }
  return dateFormat(
    lang,
    { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    timeZone,
  ).format(new Date(at));
}

/** A localized name, falling back to Russian when a translation is empty. */
export function localName(name: LocalizedName | null | undefined, lang: Lang): string {
  if (!name) return '';
  return name[lang] || name.ru;
}

/** An indicator's unit as the language writes it ("млрд тг"), else the config's short `unit`. */
export function unitName(
  indicator: { unit: string; unitName?: LocalizedName } | null | undefined,
  lang: Lang,
): string {
  if (!indicator) return '';
  return indicator.unitName?.[lang] || indicator.unit;
}

/** How a rank change is drawn: the arrow, the places moved, and its direction. */
export interface RankMove {
  arrow: '▲' | '▼' | '';
  places: number;
  direction: 'up' | 'down' | 'same';
}

/** Places gained (positive) or lost (negative) as an arrow: `+2` → ▲2, `-3` → ▼3, `0` → nothing. */
export function rankMove(change: number): RankMove {
  if (!Number.isFinite(change) || change === 0) return { arrow: '', places: 0, direction: 'same' };
  const places = Math.abs(Math.trunc(change));
  return change > 0
    ? { arrow: '▲', places, direction: 'up' }
    : { arrow: '▼', places, direction: 'down' };
}

/** The service's own actors, named in each language; a key's own name is shown as it is. */
const BUILT_IN_ACTORS: Readonly<Record<string, LocalizedName>> = {
  simulator: { ru: 'демо-поток', kk: 'демо-ағын', en: 'demo feed' },
  admin: { ru: 'администратор', kk: 'әкімші', en: 'administrator' },
};

/** Who sent a value ("reportedBy"), in `lang` for the service's own actors. */
export function actorName(by: string, lang: Lang): string {
  return BUILT_IN_ACTORS[by]?.[lang] ?? by;
}
