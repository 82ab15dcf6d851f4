import type { ReportForm } from '@region-score/contracts';
import { cellText, isBlankCell, readMonth, type SheetCell } from './cells';

/*
 * The layout of a report sheet: which row is the header of which form (by its words, in Russian,
 * Kazakh or English), and what the "key: value" lines above the table say. Pure; `forms.ts`
 * reads the values.
 */

/** Header words, compacted (`compact`): which column is which. */
const ROLE_WORDS: Record<'district' | 'indicator' | 'value' | 'date' | 'id', readonly string[]> = {
  district: [
    'district',
    'districtcity',
    'citydistrict',
    'район',
    'районы',
    'районгород',
    'городрайон',
    'муниципалитет',
    'аудан',
    'ауданы',
    'аудандар',
    'ауданкала',
    'калааудан',
  ],
  indicator: [
    'indicator',
    'indicators',
    'indicatorname',
    'kpi',
    'показатель',
    'показатели',
    'наименованиепоказателя',
    'корсеткиш',
    'корсеткиштер',
    'корсеткиштинатауы',
  ],
  value: ['value', 'actual', 'fact', 'значение', 'факт', 'значениефакт', 'ман', 'мани', 'накты'],
  date: [
    'date',
    'reportdate',
    'asof',
    'дата',
    'датаотчета',
    'отчетнаядата',
    'надату',
    'куни',
    'кун',
    'есептиккуни',
  ],
  id: ['id', 'идентификатор', 'clientid'],
};

/** Metadata keys above a table (`Район: …`, `Период: …`). */
const META_WORDS: Record<'district' | 'date' | 'period' | 'year', readonly string[]> = {
  district: [...ROLE_WORDS.district, 'districtname', 'наименованиерайона', 'город', 'city', 'кала'],
  date: ROLE_WORDS.date,
  period: [
    'period',
    'month',
    'reportingperiod',
    'период',
    'месяц',
    'отчетныйпериод',
    'кезен',
    'ай',
    'есептиккезен',
  ],
  year: ['year', 'год', 'жыл'],
};

/** Header words of columns that are there to help the person filling the sheet in. */
const REFERENCE_WORDS = [
  'unit',
  'units',
  'ед',
  'единица',
  'едизм',
  'олшем',
  'олшембирлиги',
  'target',
  'цель',
  'максат',
  'plan',
  'план',
  'жоспар',
  'baseline',
  'база',
  'базовое',
  'comment',
  'comments',
  'note',
  'notes',
  'комментарий',
  'примечание',
  'ескертпе',
  'ескерту',
  'тусиниктеме',
  'source',
  'источник',
  'дереккоз',
  'range',
  'диапазон',
  'допустимо',
  'category',
  'категория',
  'санат',
  '№',
  'no',
  'nn',
  'пп',
  '№пп',
  '#',
];

/** Rows that sum or head other rows, never values of their own. */
const TOTAL_WORDS = ['итого', 'всего', 'total', 'барлыгы', 'жиыны', 'барлык'];

/** A header or key cell reduced for matching words: lower case, ё/е, Kazakh letters, no spaces. */
export function compact(cell: SheetCell | undefined): string {
  return cellText(cell)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(
      /[әғқңөұүһі]/g,
      (ch) =>
        ({ ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' })[ch] ?? ch,
    )
    .replace(/[\s.,:;*()/\\'"«»_-]+/g, '');
}

const isWord = (list: readonly string[], key: string) => key !== '' && list.includes(key);
/** A reference column's header is one of the words, or starts with one ("Цель 2026", "Plan to date"). */
export const isReference = (key: string) =>
  key !== '' && REFERENCE_WORDS.some((w) => key === w || (w.length >= 4 && key.startsWith(w)));

export type Role = keyof typeof ROLE_WORDS;
export function roleOf(cell: SheetCell | undefined): Role | null {
  const key = compact(cell);
  for (const role of Object.keys(ROLE_WORDS) as Role[]) {
    if (isWord(ROLE_WORDS[role], key)) return role;
  }
  return null;
}

export interface Header {
  form: ReportForm;
  /** 0-based row of the header. */
  row: number;
  /** Long form: column of each role; other forms: the label column. */
  columns: Map<Role, number>;
  label: number;
}

/**
 * The first row (within the first 30) that is the header of a known form. `isDistrict` tells a
 * metadata line ("Район | Аккольский район") from the header of a transposed table.
 */
export function findHeader(
  rows: readonly SheetCell[][],
  isDistrict: (text: string) => boolean,
): Header | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const cells = rows[r] ?? [];
    const roles = new Map<Role, number>();
    cells.forEach((cell, c) => {
      const role = roleOf(cell);
      if (role && !roles.has(role)) roles.set(role, c);
    });
    if (
      roles.has('value') &&
      (roles.has('district') || roles.has('indicator') || roles.has('date'))
    ) {
      return { form: 'long', row: r, columns: roles, label: roles.get('value') ?? 0 };
    }
    const firstText = cells.findIndex((c) => !isBlankCell(c));
    if (firstText < 0) continue;
    const label = roleOf(cells[firstText]);
    const rest = cells.slice(firstText + 1);
    if (label === 'indicator') {
      const monthly = rest.some((c) => readMonth(c) !== null);
      return { form: monthly ? 'monthly' : 'wide', row: r, columns: roles, label: firstText };
    }
    const filled = rest.filter((c) => !isBlankCell(c));
    const metaLine = filled.length === 1 && isDistrict(cellText(filled[0]));
    if (label === 'district' && filled.length > 0 && !metaLine) {
      return { form: 'transposed', row: r, columns: roles, label: firstText };
    }
  }
  return null;
}

/** What the rows above a table say. */
export interface Meta {
  district: { text: string; row: number } | null;
  date: { cell: SheetCell; row: number } | null;
  period: { cell: SheetCell; row: number } | null;
  year: number | null;
  /** Free text (titles) that may name the district or the year. */
  titles: string[];
}

export function readMeta(rows: readonly SheetCell[][], until: number): Meta {
  const meta: Meta = { district: null, date: null, period: null, year: null, titles: [] };
  for (let r = 0; r < until; r++) {
    const cells = (rows[r] ?? []).filter((c) => !isBlankCell(c));
    if (cells.length === 0) continue;
    let key: SheetCell;
    let value: SheetCell | undefined;
    const first = cells[0] as SheetCell;
    const text = cellText(first);
    const colon = typeof first === 'string' ? text.indexOf(':') : -1;
    if (colon > 0) {
      key = text.slice(0, colon);
      const after = text.slice(colon + 1).trim();
      value = after !== '' ? after : cells[1];
    } else {
      key = first;
      value = cells[1];
    }
    const k = compact(key);
    if (value !== undefined && !isBlankCell(value)) {
      if (isWord(META_WORDS.district, k)) {
        meta.district = { text: cellText(value), row: r + 1 };
        continue;
      }
      if (isWord(META_WORDS.date, k)) {
        meta.date = { cell: value, row: r + 1 };
        continue;
      }
      if (isWord(META_WORDS.period, k)) {
        meta.period = { cell: value, row: r + 1 };
        continue;
      }
      if (isWord(META_WORDS.year, k)) {
        const y = typeof value === 'number' ? value : Number(cellText(value).replace(/\D/g, ''));
        if (Number.isInteger(y) && y >= 2000 && y <= 2100) meta.year = y;
        continue;
      }
    }
    meta.titles.push(cells.map(cellText).join(' '));
  }
  return meta;
}

export const isTotalRow = (label: SheetCell | undefined) => {
  const key = compact(label);
  return TOTAL_WORDS.some((w) => key.startsWith(w));
};
