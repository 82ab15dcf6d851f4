import type { Lang, UploadRowResult } from '@region-score/contracts';

type Params = NonNullable<UploadRowResult['params']>;
type Words = (p: Params) => string;

/**
 * A rejected row's problem in `lang`, worded from its code (IngestProblemCode) and parameters.
 * The server's `message` is English; it is the fallback for a code this page does not know.
 */
/** `«Нет такого» — ` before the wording when the server sent the name the reporter wrote. */
const quoted = (p: Params, marks: string): string =>
  p.name === undefined ? '' : `${marks[0]}${p.name}${marks[1]} — `;

const PROBLEMS: Record<string, Record<Lang, Words>> = {
  unknown_district: {
    ru: (p) => `${quoted(p, '«»')}такого района нет в настройках региона`,
    kk: (p) => `${quoted(p, '«»')}мұндай аудан өңір баптауларында жоқ`,
    en: (p) => `${quoted(p, '“”')}no such district in the region configuration`,
  },
  unknown_indicator: {
    ru: (p) => `${quoted(p, '«»')}такого показателя нет в настройках региона`,
    kk: (p) => `${quoted(p, '«»')}мұндай көрсеткіш өңір баптауларында жоқ`,
    en: (p) => `${quoted(p, '“”')}no such indicator in the region configuration`,
  },
  forbidden_district: {
    ru: () => 'этот ключ не может сдавать отчёт за этот район',
    kk: () => 'бұл кілтпен осы аудан үшін есеп беруге болмайды',
    en: () => 'this key may not report for this district',
  },
  not_finite: {
    ru: () => 'значение должно быть числом',
    kk: () => 'мән сан болуы керек',
    en: () => 'the value must be a number',
  },
  below_min: {
    ru: (p) => `${p.value ?? ''} меньше правдоподобного минимума ${p.min ?? ''} ${p.unit ?? ''}`,
    kk: (p) => `${p.value ?? ''} ықтимал ең аз мәннен (${p.min ?? ''} ${p.unit ?? ''}) кіші`,
    en: (p) => `${p.value ?? ''} is below the plausible minimum ${p.min ?? ''} ${p.unit ?? ''}`,
  },
  above_max: {
    ru: (p) => `${p.value ?? ''} больше правдоподобного максимума ${p.max ?? ''} ${p.unit ?? ''}`,
    kk: (p) => `${p.value ?? ''} ықтимал ең көп мәннен (${p.max ?? ''} ${p.unit ?? ''}) үлкен`,
    en: (p) => `${p.value ?? ''} is above the plausible maximum ${p.max ?? ''} ${p.unit ?? ''}`,
  },
  invalid_date: {
    ru: () => 'такой даты нет в календаре',
    kk: () => 'мұндай күн күнтізбеде жоқ',
    en: () => 'not a real calendar date',
  },
  date_too_early: {
    ru: () => 'дата раньше, чем принимает система',
    kk: () => 'күн жүйе қабылдайтын күннен ерте',
    en: () => 'the date is earlier than the service accepts',
  },
  future_date: {
    ru: () => 'дата в будущем',
    kk: () => 'күн әлі келмеген',
    en: () => 'the date is in the future',
  },
  unreadable: {
    ru: () => 'ячейку не удалось прочитать',
    kk: () => 'ұяшықты оқу мүмкін болмады',
    en: () => 'the cell could not be read',
  },
  missing_column: {
    ru: () => 'не хватает столбца',
    kk: () => 'баған жетіспейді',
    en: () => 'a column is missing',
  },
  bad_file: {
    ru: () => 'файл не похож на отчёт',
    kk: () => 'файл есепке ұқсамайды',
    en: () => 'the file is not a report',
  },
  ambiguous_name: {
    ru: (p) => `${quoted(p, '«»')}название подходит к нескольким районам или показателям`,
    kk: (p) => `${quoted(p, '«»')}атау бірнеше аудан не көрсеткішке сәйкес келеді`,
    en: (p) => `${quoted(p, '“”')}the name fits several districts or indicators`,
  },
  uploaded_before: {
    ru: (p) => `этот файл уже загружен (${p.upload ?? ''})`,
    kk: (p) => `бұл файл бұрын жүктелген (${p.upload ?? ''})`,
    en: (p) => `uploaded before (${p.upload ?? ''})`,
  },
  duplicate: {
    ru: () => 'повтор в этом же файле',
    kk: () => 'осы файлда қайталанады',
    en: () => 'repeated in the same file',
  },
};

const FIELDS: Record<Lang, Record<string, string>> = {
  ru: {
    district: 'район',
    indicator: 'показатель',
    value: 'значение',
    date: 'дата',
    header: 'заголовок',
    file: 'файл',
  },
  kk: {
    district: 'аудан',
    indicator: 'көрсеткіш',
    value: 'мән',
    date: 'күн',
    header: 'тақырып',
    file: 'файл',
  },
  en: {
    district: 'district',
    indicator: 'indicator',
    value: 'value',
    date: 'date',
    header: 'header',
    file: 'file',
  },
};

/**
 * The reason column of a result row in `lang`: "значение: 250 больше … 100 %". `unit` is the
 * indicator's unit as `lang` writes it (the server sends the config's `unit`).
 */
export function problemText(
  lang: Lang,
  row: Pick<UploadRowResult, 'code' | 'params' | 'field' | 'message'>,
  unit?: string,
): string {
  const words = row.code ? PROBLEMS[row.code]?.[lang] : undefined;
  const params = unit && row.params ? { ...row.params, unit } : (row.params ?? {});
  const text = words ? words(params).trim() : (row.message ?? '');
  const field = row.field ? (FIELDS[lang][row.field] ?? row.field) : '';
  return field && text ? `${field}: ${text}` : text || field;
}
