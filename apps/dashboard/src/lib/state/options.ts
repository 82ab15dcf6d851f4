import type { Lang } from '@region-score/contracts';
import { asLang } from '../i18n';

/** The dashboard's views. */
export type View =
  'wall' | 'matrix' | 'national' | 'alerts' | 'district' | 'reports' | 'review' | 'not-found';

/** A parsed path: the view and, for a district page, its id. */
export interface Route {
  view: View;
  id: string | null;
}

/** Maps a path to a view; `/` is the wall. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (!first || (first === 'wall' && parts.length === 1)) return { view: 'wall', id: null };
  if (
    parts.length === 1 &&
    (first === 'matrix' ||
      first === 'national' ||
      first === 'alerts' ||
      first === 'reports' ||
      first === 'review')
  ) {
    return { view: first, id: null };
  }
  if (first === 'district' && second && parts.length === 2) return { view: 'district', id: second };
  return { view: 'not-found', id: null };
}

/** Options read from the query string. */
export interface Options {
  /** `?region=`; null means the first region the server lists. */
  region: string | null;
  lang: Lang;
  /** `?rotate=<seconds>`: cycle wall → matrix → national; null when off. */
  rotate: number | null;
  /** `?token=`: viewer or analyst key. */
  token: string | null;
  /** `?kiosk=0` turns the kiosk behaviour (no cursor, hidden controls) off on the wall. */
  kiosk: boolean;
  /** `?theme=light` for bright rooms; dark (the wall's default) otherwise. */
  theme: 'dark' | 'light';
}

/** The shortest rotation period accepted, so a typo cannot flicker the wall. */
export const MIN_ROTATE_SECONDS = 5;

/** Reads the query string; unknown or malformed values fall back to the defaults. */
export function parseOptions(search: string): Options {
  const query = new URLSearchParams(search);
  const rotate = Number(query.get('rotate'));
  const region = query.get('region')?.trim();
  const token = query.get('token')?.trim();
  return {
    region: region || null,
    lang: asLang(query.get('lang')) ?? 'ru',
    rotate: Number.isFinite(rotate) && rotate > 0 ? Math.max(MIN_ROTATE_SECONDS, rotate) : null,
    token: token || null,
    kiosk: query.get('kiosk') !== '0',
    theme: query.get('theme') === 'light' ? 'light' : 'dark',
  };
}

/** Returns `search` with one parameter set (or removed when `value` is null). */
export function withParam(search: string, name: string, value: string | null): string {
  const query = new URLSearchParams(search);
  if (value === null) query.delete(name);
  else query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}
