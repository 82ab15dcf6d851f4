import type { District, Indicator, Region } from '@region-score/contracts';
import type { RegionCatalog } from '../catalog';

/*
 * District and indicator names as offices write them in their sheets: "Аккольский район",
 * "Ақкөл ауданы", "г. Кокшетау", "КАЧЕСТВО ДОРОГ", "road_quality". Every name is reduced to a
 * key that ignores what people vary without meaning anything else, and the key is looked up among
 * the keys of every configured id, name (ru, kk, en) and alias.
 */

/** Kazakh letters written with their nearest Russian letter (a Russian keyboard has no others). */
const KAZAKH: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  ё: 'е',
  // Signs that Russian spellings of Kazakh names keep or drop at will ("Акколь" / "Аккол").
  ь: '',
  ъ: '',
};

/** Latin letters that look like Cyrillic ones, typed by mistake inside Cyrillic words. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
};

/**
 * Words that say what kind of place a name is, not which one: dropped wherever they stand
 * ("Аккольский район", "г. Кокшетау", "Көкшетау қаласы", "Akkol District").
 */
const PLACE_WORDS = new Set([
  'район',
  'р-н',
  'рн',
  'ауданы',
  'аудан',
  'ауд',
  'г',
  'гор',
  'город',
  'қаласы',
  'каласы',
  'қ',
  'қала',
  'district',
  'city',
  'town',
  'of',
]);

/**
 * The matching key of a name: lower case, `ё`→`е`, Kazakh letters as their Russian neighbours,
 * Latin look-alikes inside Cyrillic words as Cyrillic, punctuation and the words "район",
 * "ауданы", "г.", "город" (and their English and Kazakh kin) dropped, spaces removed. Two names
 * with the same key are the same name.
 */
export function nameKey(text: string): string {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    // "р-н" is one word (район); the hyphen would split it into two letters.
    .replace(/(^|[\s.,])р-н(?=$|[\s.,])/g, '$1 ')
    .split(/[\s.,;:'"«»“”„()[\]/\\_–—-]+/)
    .filter((w) => w !== '' && !PLACE_WORDS.has(w));
  return words
    .map((w) => {
      const cyrillic = /[а-яёәғқңөұүһі]/.test(w);
      return [...w]
        .map((ch) => {
          if (cyrillic && ch in LOOKALIKE) return LOOKALIKE[ch] as string;
          return ch in KAZAKH ? (KAZAKH[ch] as string) : ch;
        })
        .join('');
    })
    .join('');
}

/**
 * A Russian district adjective without its ending, so "Аккольский (район)" also matches
 * "Акколь" and the Kazakh "Ақкөл": `акколский` → `аккол`. Only for keys ending like an adjective.
 */
function adjectiveStem(key: string): string | null {
  const m = /^(.{3,}?)(ский|цкий|ской|ская|инский|енский)$/.exec(key);
  return m?.[1] ?? null;
}

/** Levenshtein distance, capped: only small distances matter for suggestions. */
export function editDistance(a: string, b: string, cap = 64): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length] ?? cap, cap);
}

/** What a name resolved to, or why not, with the configured names closest to it. */
export type NameMatch<T> =
  { ok: true; item: T } | { ok: false; reason: 'unknown' | 'ambiguous'; closest: T[] };

interface Entry<T> {
  item: T;
  id: string;
  /** Every key the item answers to, and whether it is an exact (non-derived) key. */
  keys: Map<string, boolean>;
}

/** Names of one kind of thing (districts, or one region's indicators), looked up by key. */
class NameTable<T> {
  private readonly byKey = new Map<string, Entry<T>[]>();
  private readonly byStem = new Map<string, Entry<T>[]>();
  private readonly entries: Entry<T>[] = [];

  add(item: T, id: string, names: readonly string[], stems: boolean): void {
    const entry: Entry<T> = { item, id, keys: new Map() };
    for (const name of [id, id.replace(/_/g, ' '), ...names]) {
      const key = nameKey(name);
      if (key === '') continue;
      entry.keys.set(key, true);
      push(this.byKey, key, entry);
      const stem = stems ? adjectiveStem(key) : null;
      if (stem) {
        entry.keys.set(stem, false);
        push(this.byStem, stem, entry);
      }
    }
    this.entries.push(entry);
  }

  /**
   * The item a name means. Exact keys win over derived stems; among several items with the key,
   * `prefer` picks those in the caller's scope, and more than one left is ambiguous.
   */
  match(text: string, prefer?: (item: T) => boolean): NameMatch<T> {
    const key = nameKey(text);
    for (const index of [this.byKey, this.byStem]) {
      const found = unique(index.get(key) ?? []);
      if (found.length === 0) continue;
      if (found.length === 1) return { ok: true, item: (found[0] as Entry<T>).item };
      const preferred = prefer ? found.filter((e) => prefer(e.item)) : [];
      if (preferred.length === 1) return { ok: true, item: (preferred[0] as Entry<T>).item };
      return { ok: false, reason: 'ambiguous', closest: found.map((e) => e.item) };
    }
    return { ok: false, reason: 'unknown', closest: this.closest(key, prefer) };
  }

  /** Every item, in the order added. */
  items(): T[] {
    return this.entries.map((e) => e.item);
  }

  /** Up to `n` items whose keys are nearest to `key` (scoped ones first on a tie). */
  closest(key: string, prefer?: (item: T) => boolean, n = 3): T[] {
    const scored = this.entries.map((e) => {
      let best = Infinity;
      for (const k of e.keys.keys()) {
        // A name typed inside a longer one ("Аккол" in "акколский") is as good as one edit.
        const d = k.includes(key) || key.includes(k) ? Math.abs(k.length - key.length) / 4 : 0;
        best = Math.min(best, d > 0 ? Math.min(d, 1) : editDistance(key, k));
      }
      return { e, d: best - (prefer?.(e.item) ? 0.5 : 0) };
    });
    return scored
      .sort((a, b) => a.d - b.d || a.e.id.localeCompare(b.e.id))
      .slice(0, n)
      .map((s) => s.e.item);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function unique<V>(list: readonly V[]): V[] {
  return [...new Set(list)];
}

/** A district with its region, as names resolve to. */
export interface DistrictRef {
  region: Region;
  district: District;
}

/**
 * Every district and indicator name of a deployment, resolved with the tolerance of `nameKey`.
 * District names are unique across the deployment in practice; where two regions share one, the
 * caller's scope (`prefer`) decides or the name is ambiguous.
 */
export class NameIndex {
  private readonly districts = new NameTable<DistrictRef>();
  private readonly indicators = new Map<string, NameTable<Indicator>>();

  constructor(catalog: RegionCatalog) {
    for (const region of catalog.regions) {
      const table = new NameTable<Indicator>();
      for (const i of region.indicators) {
        table.add(i, i.id, [i.name.ru, i.name.kk, i.name.en, ...(i.aliases ?? [])], false);
      }
      this.indicators.set(region.id, table);
      for (const d of region.districts) {
        const names = [d.name.ru, d.name.kk, d.name.en, ...(d.aliases ?? [])];
        this.districts.add({ region, district: d }, d.id, names, true);
      }
    }
  }

  /** The district a cell names; `prefer` resolves a name shared by several (the caller's scope). */
  district(text: string, prefer?: (ref: DistrictRef) => boolean): NameMatch<DistrictRef> {
    return this.districts.match(text, prefer);
  }

  /** The indicator a cell names, among the indicators of `region`. */
  indicator(region: string, text: string): NameMatch<Indicator> {
    const table = this.indicators.get(region);
    if (!table) return { ok: false, reason: 'unknown', closest: [] };
    return table.match(text);
  }

  /**
   * Districts whose name appears inside a longer text (a sheet title "Отчёт Аккольского района за
   * 2026 год", a file name "akkol-2026.xlsx"), longest name first. Adjective stems count, so a
   * declined form ("Аккольского") is found through "аккол".
   */
  districtsIn(text: string): DistrictRef[] {
    const hay = nameKey(text);
    if (hay === '') return [];
    const found = new Map<DistrictRef, number>();
    for (const ref of this.allDistricts()) {
      const d = ref.district;
      for (const name of [d.id, d.name.ru, d.name.kk, d.name.en, ...(d.aliases ?? [])]) {
        const key = nameKey(name);
        const stem = adjectiveStem(key) ?? key;
        for (const k of [key, stem]) {
          if (k.length >= 4 && hay.includes(k))
            found.set(ref, Math.max(found.get(ref) ?? 0, k.length));
        }
      }
    }
    return [...found].sort((a, b) => b[1] - a[1]).map(([ref]) => ref);
  }

  private allDistricts(): DistrictRef[] {
    return this.districts.items();
  }
}

/** How a suggestion reads: `Аккольский район (akkol)`. */
export function describeDistrict(ref: DistrictRef): string {
  return `${ref.district.name.ru} (${ref.district.id})`;
}

/** How a suggestion reads: `Качество дорог (road_quality)`. */
export function describeIndicator(indicator: Indicator): string {
  return `${indicator.name.ru} (${indicator.id})`;
}

/**
 * The message of a name that did not resolve: `unknown district "Акколски"; closest: Аккольский
 * район (akkol), …` or `"Павлодар" is ambiguous: Павлодар (pavlodar), Павлодарский район (…)`.
 */
export function nameProblem<T>(
  kind: 'district' | 'indicator',
  text: string,
  match: Extract<NameMatch<T>, { ok: false }>,
  describe: (item: T) => string,
): string {
  const list = match.closest.map(describe).join(', ');
  if (match.reason === 'ambiguous') return `"${text}" is ambiguous: it names ${list}`;
  return list === '' ? `unknown ${kind} "${text}"` : `unknown ${kind} "${text}"; closest: ${list}`;
}
