import { describe, expect, it } from 'vitest';
import { RegionCatalog } from '../src/catalog';
import { NameIndex, readReport, type ReportContext, type SheetGrid } from '../src/ingest/index';
import { makeDistrict, makeIndicator, makeRegion } from './factories';

const region = makeRegion({
  indicators: [
    makeIndicator({ id: 'roads', name: { ru: 'Дороги', kk: 'Жолдар', en: 'Roads' } }),
    makeIndicator({
      id: 'jobs',
      unit: 'jobs',
      mode: 'sum',
      name: { ru: 'Рабочие места', kk: 'Жұмыс орындары', en: 'Jobs' },
    }),
  ],
  districts: [
    makeDistrict('alpha', { name: { ru: 'Альфа район', kk: 'Альфа ауданы', en: 'Alpha' } }),
    makeDistrict('beta', { name: { ru: 'Бета район', kk: 'Бета ауданы', en: 'Beta' } }),
  ],
});
const catalog = new RegionCatalog({
  version: 1,
  demo: false,
  national: { name: { ru: 'Все', kk: 'Барлығы', en: 'All' }, timezone: 'Asia/Almaty' },
  regions: [region],
});
const ctx = (over: Partial<ReportContext> = {}): ReportContext => ({
  catalog,
  names: new NameIndex(catalog),
  scope: null,
  at: new Date('2026-07-01T06:00:00Z'),
  maxValues: 10_000,
  ...over,
});
const values = (sheets: SheetGrid[], over?: Partial<ReportContext>) => {
  const reading = readReport(sheets, ctx(over));
  return {
    forms: reading.sheets.map((s) => s.form),
    values: reading.items.map((i) => `${i.district}.${i.indicator}@${i.date}=${i.value}`),
    problems: reading.problems.map((p) => `${p.row}:${p.column}:${p.field} ${p.message}`),
  };
};

describe('the sheets offices fill in', () => {
  it('long form with names', () => {
    const sheet: SheetGrid = {
      name: 'Лист1',
      rows: [
        ['Район', 'Показатель', 'Значение', 'Дата'],
        ['Альфа', 'ДОРОГИ', '78,5', '30.06.2026'],
        ['бета район', 'Рабочие места', 120, { date: '2026-06-30' }],
      ],
    };
    expect(values([sheet])).toEqual({
      forms: ['long'],
      values: ['alpha.roads@2026-06-30=78.5', 'beta.jobs@2026-06-30=120'],
      problems: [],
    });
  });

  it('wide form (districts across) and its transpose read the same values', () => {
    const wide: SheetGrid = {
      name: 'Отчёт',
      rows: [
        ['Дата:', '30.06.2026'],
        ['Показатель', 'Ед. изм.', 'Альфа район', 'Бета'],
        ['Дороги', '%', '75,5', { percent: 0.72 }],
        ['Рабочие места', 'мест', '1 150', 450],
      ],
    };
    const transposed: SheetGrid = {
      name: 'Отчёт',
      rows: [
        ['Дата', '30.06.2026'],
        ['Район', 'Дороги', 'Рабочие места'],
        ['АЛЬФА', 75.5, '1\u00a0150'],
        ['бета', '72%', 450],
      ],
    };
    const expected = [
      'alpha.roads@2026-06-30=75.5',
      'alpha.jobs@2026-06-30=1150',
      'beta.roads@2026-06-30=72',
      'beta.jobs@2026-06-30=450',
    ].sort();
    const a = values([wide]);
    const b = values([transposed]);
    expect(a.forms).toEqual(['wide']);
    expect(b.forms).toEqual(['transposed']);
    expect(a.values.sort()).toEqual(expected);
    expect(b.values.sort()).toEqual(expected);
  });

  it('monthly form in Kazakh names its district once; a sheet of notes is skipped', () => {
    const monthly: SheetGrid = {
      name: 'Альфа ауданы',
      rows: [
        ['Аудан:', 'Альфа ауданы'],
        ['Жыл:', 2026],
        ['Көрсеткіш', 'Өлшем бірлігі', 'Сәуір', 'Мамыр', 'Маусым'],
        ['Жолдар', '%', 74, 75, 76],
      ],
    };
    const notes: SheetGrid = { name: 'Ескертпе', rows: [['Есепті аудан әкімдігі дайындады']] };
    const reading = readReport([monthly, notes], ctx());
    expect(reading.sheets.map((s) => [s.form, s.values])).toEqual([
      ['monthly', 3],
      [null, 0],
    ]);
    expect(reading.sheets[1]?.skipped).toBeTruthy();
    expect(reading.items.map((i) => `${i.district}.${i.indicator}@${i.date}=${i.value}`)).toEqual([
      'alpha.roads@2026-04-30=74',
      'alpha.roads@2026-05-31=75',
      'alpha.roads@2026-06-30=76',
    ]);
  });

  it('an unknown name or a bad number is a problem naming its row and column', () => {
    const sheet: SheetGrid = {
      name: 'Лист1',
      rows: [
        ['Район', 'Показатель', 'Значение', 'Дата'],
        ['Альфв', 'Дороги', '78,5', '30.06.2026'],
        ['Альфа', 'Дороги', 'восемь', '30.06.2026'],
      ],
    };
    const { values: read, problems } = values([sheet]);
    expect(read).toEqual([]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^2:A:district unknown district "Альфв"; closest: Альфа район/);
    expect(problems[1]).toMatch(/^3:C:value .*"восемь" is not a number/);
  });
});
