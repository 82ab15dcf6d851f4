import type { District, LocalizedName } from '@region-score/contracts';

/** A district or city of the demo, with the size figures the generator scales targets by. */
export interface Place extends District {
  /** Population in thousands (rounded, roughly the 2024 figures): scales jobs, investment, schools. */
  pop: number;
  /** 0-1: how much of the economy is farming; scales land returned and grain yield. */
  farm: number;
  /** Extra investment pull (industry, the capital's suburbs). */
  invest?: number;
}

const district = (
  id: string,
  ru: string,
  kk: string,
  en: string,
  pop: number,
  farm: number,
  invest?: number,
): Place => ({
  id,
  kind: 'district',
  name: { ru: `${ru} район`, kk: `${kk} ауданы`, en: `${en} District` },
  pop,
  farm,
  ...(invest === undefined ? {} : { invest }),
});

const city = (id: string, name: LocalizedName, pop: number, invest = 1): Place => ({
  id,
  kind: 'city',
  name,
  pop,
  farm: 0.03,
  invest,
});

export const AQMOLA_NAME: LocalizedName = {
  ru: 'Акмолинская область',
  kk: 'Ақмола облысы',
  en: 'Aqmola Region',
};

/** Aqmola: 3 cities of regional significance and 17 districts. */
export const AQMOLA_PLACES: Place[] = [
  city('kokshetau', { ru: 'Кокшетау', kk: 'Көкшетау', en: 'Kokshetau' }, 160, 1.25),
  city('stepnogorsk', { ru: 'Степногорск', kk: 'Степногор', en: 'Stepnogorsk' }, 65, 1.1),
  city('kosshy', { ru: 'Косшы', kk: 'Қосшы', en: 'Kosshy' }, 60, 1.15),
  district('akkol', 'Аккольский', 'Ақкөл', 'Akkol', 25, 0.7),
  district('arshaly', 'Аршалынский', 'Аршалы', 'Arshaly', 30, 0.6, 1.2),
  district('astrakhan', 'Астраханский', 'Астрахан', 'Astrakhan', 21, 0.9),
  district('atbasar', 'Атбасарский', 'Атбасар', 'Atbasar', 40, 0.85),
  district('bulandy', 'Буландынский', 'Бұланды', 'Bulandy', 25, 0.8),
  district('burabay', 'Бурабайский', 'Бурабай', 'Burabay', 65, 0.5, 1.3),
  district('egindykol', 'Егиндыкольский', 'Егіндікөл', 'Egindykol', 6, 0.95),
  {
    ...district('birzhan_sal', '', 'Біржан сал', 'Birzhan Sal', 20, 0.8),
    name: { ru: 'Район Биржан сал', kk: 'Біржан сал ауданы', en: 'Birzhan Sal District' },
  },
  district('ereymentau', 'Ерейментауский', 'Ерейментау', 'Ereymentau', 24, 0.6),
  district('esil', 'Есильский', 'Есіл', 'Esil', 22, 0.9),
  district('zhaksy', 'Жаксынский', 'Жақсы', 'Zhaksy', 16, 0.95),
  district('zharkain', 'Жаркаинский', 'Жарқайың', 'Zharkain', 14, 0.9),
  district('zerendi', 'Зерендинский', 'Зеренді', 'Zerendi', 35, 0.75),
  district('korgalzhyn', 'Коргалжынский', 'Қорғалжын', 'Korgalzhyn', 9, 0.7),
  district('sandyktau', 'Сандыктауский', 'Сандықтау', 'Sandyktau', 15, 0.85),
  district('tselinograd', 'Целиноградский', 'Целиноград', 'Tselinograd', 80, 0.55, 1.6),
  district('shortandy', 'Шортандинский', 'Шортанды', 'Shortandy', 29, 0.8),
];

export const PAVLODAR_NAME: LocalizedName = {
  ru: 'Павлодарская область',
  kk: 'Павлодар облысы',
  en: 'Pavlodar Region',
};

/** Pavlodar: its three industrial cities and four of its districts, enough for a national view. */
export const PAVLODAR_PLACES: Place[] = [
  city('pavlodar', { ru: 'Павлодар', kk: 'Павлодар', en: 'Pavlodar' }, 370, 1.2),
  city('ekibastuz', { ru: 'Экибастуз', kk: 'Екібастұз', en: 'Ekibastuz' }, 150, 1.4),
  city('aksu', { ru: 'Аксу', kk: 'Ақсу', en: 'Aksu' }, 70, 1.3),
  district('bayanaul', 'Баянаульский', 'Баянауыл', 'Bayanaul', 22, 0.5),
  district('irtysh', 'Иртышский', 'Ертіс', 'Irtysh', 28, 0.85),
  district('pavlodar_district', 'Павлодарский', 'Павлодар', 'Pavlodar', 33, 0.8),
  district('zhelezin', 'Железинский', 'Железин', 'Zhelezin', 15, 0.9),
];
