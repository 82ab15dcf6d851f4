import type { Indicator, Lang, Region, TemplateForm } from '@region-score/contracts';
import {
  columnLetter,
  currentYear,
  elapsedFraction,
  localDate,
  periodOf,
  planToDate,
  type RegionCatalog,
} from '@region-score/core';
import { Style, writeXlsx, type Cell, type SheetSpec } from '../spreadsheet/xlsx-writer';

/*
 * Ready-to-fill report templates: the caller's districts and the region's indicators named in the
 * chosen language, units, this year's targets and the plan to date as locked reference columns,
 * yellow value cells with data validation (the indicator's range), a frozen header and a second
 * sheet of instructions. Every layout is one the upload reads back (`readReport` in core).
 */

const WORDS = {
  ru: {
    district: 'Район',
    indicator: 'Показатель',
    unit: 'Ед. изм.',
    target: (y: number) => `Цель ${y}`,
    plan: (d: string) => `План на ${d}`,
    value: 'Значение',
    date: 'Дата',
    dateLine: 'Дата:',
    districtLine: 'Район:',
    yearLine: 'Год:',
    months: [
      'Январь',
      'Февраль',
      'Март',
      'Апрель',
      'Май',
      'Июнь',
      'Июль',
      'Август',
      'Сентябрь',
      'Октябрь',
      'Ноябрь',
      'Декабрь',
    ],
    title: (r: string) => `Отчёт о показателях: ${r}`,
    sheet: 'Отчёт',
    help: 'Инструкция',
    valueTitle: 'Значение',
    valuePrompt: (min: number, max: number) => `Введите число от ${min} до ${max}`,
    valueError: (min: number, max: number) => `Допустимо от ${min} до ${max}`,
    instructions: [
      'Заполните жёлтые ячейки: значения показателей (числом, десятичная часть через запятую или точку).',
      'Серые столбцы (единицы, цель, план) — справочные, их менять не нужно.',
      'Дата — день, на который значение верно (ДД.ММ.ГГГГ).',
      'Пустые строки не загружаются. Не переименовывайте заголовки столбцов.',
      'Загрузите файл на странице «Отчёты» или через API: POST /api/v1/reports.',
    ],
  },
  kk: {
    district: 'Аудан',
    indicator: 'Көрсеткіш',
    unit: 'Өлшем бірлігі',
    target: (y: number) => `Мақсат ${y}`,
    plan: (d: string) => `Жоспар ${d}`,
    value: 'Мәні',
    date: 'Күні',
    dateLine: 'Күні:',
    districtLine: 'Аудан:',
    yearLine: 'Жыл:',
    months: [
      'Қаңтар',
      'Ақпан',
      'Наурыз',
      'Сәуір',
      'Мамыр',
      'Маусым',
      'Шілде',
      'Тамыз',
      'Қыркүйек',
      'Қазан',
      'Қараша',
      'Желтоқсан',
    ],
    title: (r: string) => `Көрсеткіштер есебі: ${r}`,
    sheet: 'Есеп',
    help: 'Нұсқаулық',
    valueTitle: 'Мәні',
    valuePrompt: (min: number, max: number) => `${min} мен ${max} аралығындағы санды енгізіңіз`,
    valueError: (min: number, max: number) => `Рұқсат етілген: ${min} – ${max}`,
    instructions: [
      'Сары ұяшықтарды толтырыңыз: көрсеткіш мәндері (сан, бөлшегі үтір немесе нүкте арқылы).',
      'Сұр бағандар (өлшем бірлігі, мақсат, жоспар) — анықтамалық, оларды өзгертудің қажеті жоқ.',
      'Күні — мән дұрыс болатын күн (КК.АА.ЖЖЖЖ).',
      'Бос жолдар жүктелмейді. Баған тақырыптарын өзгертпеңіз.',
      'Файлды «Есептер» бетінде немесе API арқылы жүктеңіз: POST /api/v1/reports.',
    ],
  },
  en: {
    district: 'District',
    indicator: 'Indicator',
    unit: 'Unit',
    target: (y: number) => `Target ${y}`,
    plan: (d: string) => `Plan to ${d}`,
    value: 'Value',
    date: 'Date',
    dateLine: 'Date:',
    districtLine: 'District:',
    yearLine: 'Year:',
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    title: (r: string) => `Indicator report: ${r}`,
    sheet: 'Report',
    help: 'Instructions',
    valueTitle: 'Value',
    valuePrompt: (min: number, max: number) => `Enter a number from ${min} to ${max}`,
    valueError: (min: number, max: number) => `Allowed: ${min} to ${max}`,
    instructions: [
      'Fill in the yellow cells: the indicator values (numbers; a decimal comma or point).',
      'Grey columns (unit, target, plan) are for reference and need no change.',
      'Date: the day the value is true for (DD.MM.YYYY).',
      'Empty rows are not uploaded. Do not rename the column headers.',
      'Upload the file on the Reports page or with the API: POST /api/v1/reports.',
    ],
  },
} as const;

export interface TemplateRequest {
  region: Region;
  districts: readonly string[];
  form: TemplateForm;
  lang: Lang;
  at: Date;
}

const dmy = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const rounded = (x: number) => Math.round(x * 100) / 100;

/** The template's sheets (the report first, the instructions second). */
export function templateSheets(catalog: RegionCatalog, req: TemplateRequest): SheetSpec[] {
  const w = WORDS[req.lang];
  const { region } = req;
  const today = localDate(req.at, region.timezone);
  const year = currentYear(req.at, region.timezone);
  const fraction = elapsedFraction(periodOf(year, region.timezone), req.at);
  const districtName = (id: string) =>
    region.districts.find((d) => d.id === id)?.name[req.lang] ?? id;
  const target = (d: string, i: Indicator) => catalog.target(region.id, d, i.id, year);
  const range = (i: Indicator) => ({ min: i.range?.min ?? 0, max: i.range?.max ?? 1e12 });
  const input = (value: Cell['value'] = null): Cell => ({ value, style: Style.input });
  const ref = (value: Cell['value']): Cell => ({
    value,
    style: typeof value === 'number' ? Style.reference : Style.referenceText,
  });
  const header = (value: string): Cell => ({ value, style: Style.header });
  const validations: NonNullable<SheetSpec['validations']> = [];
  const validate = (cellRef: string, i: Indicator) => {
    const { min, max } = range(i);
    validations.push({
      ref: cellRef,
      type: 'decimal',
      min,
      max,
      title: w.valueTitle,
      prompt: w.valuePrompt(min, max),
      error: w.valueError(min, max),
    });
  };

  let sheet: SheetSpec;
  if (req.form === 'long') {
    const rows: (Cell | Cell['value'])[][] = [
      [{ value: w.title(region.name[req.lang]), style: Style.title }],
      [
        header(w.district),
        header(w.indicator),
        header(w.unit),
        header(w.target(year)),
        header(w.plan(dmy(today))),
        header(w.value),
        header(w.date),
      ],
    ];
    for (const d of req.districts) {
      for (const i of region.indicators) {
        const t = target(d, i);
        if (!t) continue;
        const r = rows.length + 1;
        validate(`F${r}`, i);
        rows.push([
          ref(districtName(d)),
          ref(i.name[req.lang]),
          ref(i.unit),
          ref(t.target),
          ref(rounded(planToDate(i, t, fraction))),
          input(),
          { value: { date: today }, style: Style.inputDate },
        ]);
      }
    }
    sheet = {
      name: w.sheet,
      rows,
      widths: [28, 36, 12, 12, 14, 14, 14],
      freeze: { rows: 2, columns: 2 },
    };
  } else if (req.form === 'wide') {
    const rows: (Cell | Cell['value'])[][] = [
      [{ value: w.title(region.name[req.lang]), style: Style.title }],
      [ref(w.dateLine), { value: { date: today }, style: Style.inputDate }],
      [header(w.indicator), header(w.unit), ...req.districts.map((d) => header(districtName(d)))],
    ];
    for (const i of region.indicators) {
      const r = rows.length + 1;
      req.districts.forEach((_, k) => validate(`${columnLetter(2 + k)}${r}`, i));
      rows.push([
        ref(i.name[req.lang]),
        ref(i.unit),
        ...req.districts.map((d) => (target(d, i) ? input() : ref(null))),
      ]);
    }
    sheet = {
      name: w.sheet,
      rows,
      widths: [36, 12, ...req.districts.map(() => 18)],
      freeze: { rows: 3, columns: 1 },
    };
  } else {
    const district = req.districts[0] ?? '';
    const rows: (Cell | Cell['value'])[][] = [
      [{ value: w.title(region.name[req.lang]), style: Style.title }],
      [ref(w.districtLine), ref(districtName(district))],
      [ref(w.yearLine), ref(year)],
      [header(w.indicator), header(w.unit), header(w.target(year)), ...w.months.map(header)],
    ];
    for (const i of region.indicators) {
      const t = target(district, i);
      if (!t) continue;
      const r = rows.length + 1;
      validate(`D${r}:O${r}`, i);
      rows.push([
        ref(i.name[req.lang]),
        ref(i.unit),
        ref(t.target),
        ...w.months.map(() => input()),
      ]);
    }
    sheet = {
      name: w.sheet,
      rows,
      widths: [36, 12, 12, ...w.months.map(() => 11)],
      freeze: { rows: 4, columns: 1 },
    };
  }
  sheet.validations = validations;
  const help: SheetSpec = {
    name: w.help,
    rows: [
      [{ value: w.help, style: Style.title }],
      ...w.instructions.map((line) => [{ value: line, style: Style.wrap }]),
    ],
    widths: [110],
  };
  return [sheet, help];
}

/** The template as an XLSX workbook. */
export function templateXlsx(catalog: RegionCatalog, req: TemplateRequest): Uint8Array {
  return writeXlsx(templateSheets(catalog, req));
}

/** The template's report sheet as CSV (`;`, UTF-8 with BOM, as Excel opens it in the region). */
export function templateCsv(catalog: RegionCatalog, req: TemplateRequest): string {
  const [sheet] = templateSheets(catalog, req);
  const text = (cell: Cell | Cell['value']): string => {
    const value = cell !== null && typeof cell === 'object' && 'value' in cell ? cell.value : cell;
    if (value === null) return '';
    if (typeof value === 'number') return String(value).replace('.', ',');
    if (typeof value === 'object') return dmy(value.date);
    return /[;"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  // The title row is left out: a CSV has no styles to tell it from the header.
  const rows = (sheet?.rows ?? []).slice(1);
  return `\uFEFF${rows.map((r) => r.map(text).join(';')).join('\r\n')}\r\n`;
}
