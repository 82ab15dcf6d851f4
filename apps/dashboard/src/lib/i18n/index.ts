import type { Lang } from '@region-score/contracts';
import { ru } from './ru';
import { kk } from './kk';
import { en } from './en';
import type { Dictionary, MessageKey } from './types';

export type { Dictionary, MessageKey } from './types';

/** All dictionaries by language. */
export const DICTIONARIES: Readonly<Record<Lang, Dictionary>> = { ru, kk, en };

/** The languages the dashboard speaks, in switcher order. */
export const LANGUAGES: readonly Lang[] = ['ru', 'kk', 'en'];

/** Narrows a query/storage value to a known language, else `null`. */
export function asLang(value: string | null | undefined): Lang | null {
  return value === 'ru' || value === 'kk' || value === 'en' ? value : null;
}

/**
 * Looks a label up and fills `{name}` placeholders. Falls back to Russian, then to the key, so a
 * screen never shows an empty cell.
 */
export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
): string {
  const text = DICTIONARIES[lang][key] || ru[key] || key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
