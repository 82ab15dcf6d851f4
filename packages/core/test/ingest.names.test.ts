import { describe, expect, it } from 'vitest';
import { RegionCatalog } from '../src/catalog';
import { NameIndex, describeDistrict, nameKey, nameProblem } from '../src/ingest/index';
import { makeDistrict, makeIndicator, makeRegion } from './factories';

const region = makeRegion({
  indicators: [
    makeIndicator({
      id: 'road_quality',
      name: { ru: 'Качество дорог', kk: 'Жолдардың сапасы', en: 'Road quality' },
      aliases: ['Дороги'],
    }),
    makeIndicator({
      id: 'jobs',
      name: { ru: 'Новые рабочие места', kk: 'Жаңа жұмыс орындары', en: 'New jobs' },
    }),
  ],
  districts: [
    makeDistrict('akkol', { name: { ru: 'Аккольский район', kk: 'Ақкөл ауданы', en: 'Akkol' } }),
    makeDistrict('kokshetau', {
      kind: 'city',
      name: { ru: 'г. Кокшетау', kk: 'Көкшетау қаласы', en: 'Kokshetau' },
    }),
    makeDistrict('yesil', { name: { ru: 'Есильский район', kk: 'Есіл ауданы', en: 'Yesil' } }),
  ],
});
const other = makeRegion({
  id: 'north',
  districts: [makeDistrict('yesil_north', { name: { ru: 'Есиль', kk: 'Есіл', en: 'Yesil' } })],
});
const index = new NameIndex(
  new RegionCatalog({
    version: 1,
    demo: false,
    national: { name: { ru: 'Все', kk: 'Барлығы', en: 'All' }, timezone: 'Asia/Almaty' },
    regions: [region, other],
  }),
);
const district = (text: string) => {
  const m = index.district(text);
  return m.ok ? m.item.district.id : m;
};

describe('names, not only ids', () => {
  it('keys ignore case, spaces, ё/е, Kazakh letters and the place words', () => {
    expect(nameKey('Аккольский  РАЙОН')).toBe(nameKey('аккольский'));
    expect(nameKey('Ақкөл ауданы')).toBe(nameKey('Аккол'));
    expect(nameKey('г. Кокшетау')).toBe(nameKey('город Кокшетау'));
    expect(nameKey('Ёлки')).toBe(nameKey('елки'));
    expect(nameKey('Аккольский\u00a0р-н')).toBe(nameKey('Аккольский'));
  });

  it('resolves districts by id and by their names in every language', () => {
    for (const text of [
      'akkol',
      'Аккольский район',
      'аккольский',
      'Акколь',
      'Ақкөл ауданы',
      'AKKOL',
    ])
      expect(district(text), text).toBe('akkol');
    expect(district('Кокшетау')).toBe('kokshetau');
    expect(district('Көкшетау қаласы')).toBe('kokshetau');
  });

  it('resolves indicators by id, names and aliases within the region', () => {
    const ids = [
      'road_quality',
      'road quality',
      'качество  дорог',
      'Жолдардың сапасы',
      'дороги',
    ].map((t) => {
      const m = index.indicator('akmola', t);
      return m.ok ? m.item.id : null;
    });
    expect(ids).toEqual(Array(5).fill('road_quality'));
    expect(index.indicator('nowhere', 'jobs').ok).toBe(false);
  });

  it('an unknown name lists the closest configured names', () => {
    const m = index.district('Акколски район');
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.reason).toBe('unknown');
    expect(m.closest[0]?.district.id).toBe('akkol');
    expect(nameProblem('district', 'Акколски район', m, describeDistrict)).toMatch(
      /^unknown district "Акколски район"; closest: Аккольский район \(akkol\)/,
    );
  });

  it('a name two regions share is ambiguous unless the caller’s scope decides', () => {
    const m = index.district('Есиль');
    expect(m).toMatchObject({ ok: false, reason: 'ambiguous' });
    const scoped = index.district('Есиль', (ref) => ref.region.id === 'north');
    expect(scoped.ok && scoped.item.district.id).toBe('yesil_north');
  });

  it('finds a district named inside a sheet title or a file name', () => {
    expect(index.districtsIn('Отчёт Аккольского района за 2026 год')[0]?.district.id).toBe('akkol');
    expect(index.districtsIn('kokshetau-2026.xlsx')[0]?.district.id).toBe('kokshetau');
    expect(index.districtsIn('Отчёт за 2026 год')).toEqual([]);
  });
});
