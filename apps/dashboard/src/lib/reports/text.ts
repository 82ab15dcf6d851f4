import type { Lang, QuarantineReason, RowStatus, UploadStatus } from '@region-score/contracts';

/*
 * The words of the reporting pages (upload, review), in the three languages. Kept beside the pages
 * rather than in the screen dictionaries: reporters' and analysts' vocabulary, not the wall's.
 */

const ru = {
  nav_reports: 'Отчёты',
  nav_review: 'Проверка',
  reports_title: 'Отчёты районов',
  reports_intro:
    'Скачайте шаблон, заполните его в Excel или LibreOffice и загрузите сюда. Районы и показатели можно писать названиями.',
  district: 'Район',
  all_districts: 'Все районы',
  form: 'Форма',
  form_long: 'Строка на значение',
  form_wide: 'Районы по столбцам',
  form_monthly: 'Месяцы по столбцам',
  format: 'Формат',
  download_template: 'Скачать шаблон',
  mode: 'Если есть ошибки',
  mode_all: 'не загружать ничего',
  mode_partial: 'загрузить верные строки',
  drop_here: 'Перетащите файл отчёта сюда или выберите его',
  choose_file: 'Выбрать файл',
  reading: 'Файл читается…',
  result: 'Результат загрузки',
  earlier: 'Прежние загрузки',
  none_yet: 'Загрузок пока нет',
  col_when: 'Когда',
  col_file: 'Файл',
  col_by: 'Кто',
  col_status: 'Статус',
  col_sheet: 'Лист',
  col_row: 'Строка',
  col_indicator: 'Показатель',
  col_date: 'Дата',
  col_value: 'Значение',
  col_reason: 'Причина',
  counts:
    'прочитано {read} · принято {applied} · исправлений {corrected} · отклонено {rejected} · на проверке {quarantined} · без изменений {unchanged}',
  review_title: 'Значения на проверке',
  review_intro:
    'Эти значения резко отличаются от прежних и не учитываются в оценке, пока аналитик их не подтвердит.',
  nothing_held: 'Нет значений, ожидающих проверки',
  reported: 'Прислал {who}, {when}',
  comment: 'Комментарий (обязательно)',
  release: 'Подтвердить',
  discard: 'Отклонить',
  done_release: 'Подтверждено: значение будет учтено',
  done_discard: 'Отклонено: значение останется в истории',
  need_key: 'Нужен ключ доступа репортёра, аналитика или администратора',
} as const;

type Words = { readonly [K in keyof typeof ru]: string };

const kk: Words = {
  nav_reports: 'Есептер',
  nav_review: 'Тексеру',
  reports_title: 'Аудандардың есептері',
  reports_intro:
    'Үлгіні жүктеп алып, Excel немесе LibreOffice-те толтырып, осында жүктеңіз. Аудандар мен көрсеткіштерді атауымен жазуға болады.',
  district: 'Аудан',
  all_districts: 'Барлық аудандар',
  form: 'Нысан',
  form_long: 'Әр мәнге бір жол',
  form_wide: 'Аудандар бағандарда',
  form_monthly: 'Айлар бағандарда',
  format: 'Формат',
  download_template: 'Үлгіні жүктеп алу',
  mode: 'Қате болса',
  mode_all: 'ештеңе жүктемеу',
  mode_partial: 'дұрыс жолдарды жүктеу',
  drop_here: 'Есеп файлын осында сүйреп әкеліңіз немесе таңдаңыз',
  choose_file: 'Файлды таңдау',
  reading: 'Файл оқылуда…',
  result: 'Жүктеу нәтижесі',
  earlier: 'Бұрынғы жүктеулер',
  none_yet: 'Әзірге жүктеу жоқ',
  col_when: 'Қашан',
  col_file: 'Файл',
  col_by: 'Кім',
  col_status: 'Күйі',
  col_sheet: 'Парақ',
  col_row: 'Жол',
  col_indicator: 'Көрсеткіш',
  col_date: 'Күні',
  col_value: 'Мәні',
  col_reason: 'Себебі',
  counts:
    'оқылды {read} · қабылданды {applied} · түзетулер {corrected} · қабылданбады {rejected} · тексеруде {quarantined} · өзгеріссіз {unchanged}',
  review_title: 'Тексерудегі мәндер',
  review_intro: 'Бұл мәндер бұрынғылардан күрт өзгеше және талдаушы растағанша бағалауға кірмейді.',
  nothing_held: 'Тексеруді күтетін мән жоқ',
  reported: 'Жіберген: {who}, {when}',
  comment: 'Түсініктеме (міндетті)',
  release: 'Растау',
  discard: 'Қабылдамау',
  done_release: 'Расталды: мән есепке алынады',
  done_discard: 'Қабылданбады: мән тарихта қалады',
  need_key: 'Репортёрдың, талдаушының немесе әкімшінің кілті қажет',
};

const en: Words = {
  nav_reports: 'Reports',
  nav_review: 'Review',
  reports_title: 'District reports',
  reports_intro:
    'Download the template, fill it in with Excel or LibreOffice and upload it here. Districts and indicators may be written by name.',
  district: 'District',
  all_districts: 'All districts',
  form: 'Form',
  form_long: 'One row per value',
  form_wide: 'Districts across',
  form_monthly: 'Months across',
  format: 'Format',
  download_template: 'Download template',
  mode: 'If there are errors',
  mode_all: 'upload nothing',
  mode_partial: 'upload the good rows',
  drop_here: 'Drop the report file here or choose it',
  choose_file: 'Choose file',
  reading: 'Reading the file…',
  result: 'Upload result',
  earlier: 'Earlier uploads',
  none_yet: 'No uploads yet',
  col_when: 'When',
  col_file: 'File',
  col_by: 'By',
  col_status: 'Status',
  col_sheet: 'Sheet',
  col_row: 'Row',
  col_indicator: 'Indicator',
  col_date: 'Date',
  col_value: 'Value',
  col_reason: 'Reason',
  counts:
    'read {read} · applied {applied} · corrections {corrected} · rejected {rejected} · held for review {quarantined} · unchanged {unchanged}',
  review_title: 'Values awaiting review',
  review_intro:
    'These values differ sharply from the earlier ones and are not counted in the score until an analyst confirms them.',
  nothing_held: 'No values await review',
  reported: 'Sent by {who}, {when}',
  comment: 'Comment (required)',
  release: 'Release',
  discard: 'Discard',
  done_release: 'Released: the value will be counted',
  done_discard: 'Discarded: the value stays in the history',
  need_key: 'A reporter, analyst or admin key is needed',
};

const WORDS: Readonly<Record<Lang, Words>> = { ru, kk, en };

export type ReportWord = keyof typeof ru;

/** A word of the reporting pages in `lang`, with `{name}` placeholders filled. */
export function reportText(
  lang: Lang,
  key: ReportWord,
  params?: Readonly<Record<string, string | number>>,
): string {
  const text = WORDS[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (w, n: string) => String(params[n] ?? w)) : text;
}

const ROW_STATUS: Record<Lang, Record<RowStatus, string>> = {
  ru: {
    rejected: 'отклонено',
    queued: 'в очереди',
    applied: 'принято',
    corrected: 'исправлено',
    unchanged: 'без изменений',
    duplicate: 'уже загружено',
    quarantined: 'на проверке',
  },
  kk: {
    rejected: 'қабылданбады',
    queued: 'кезекте',
    applied: 'қабылданды',
    corrected: 'түзетілді',
    unchanged: 'өзгеріссіз',
    duplicate: 'бұрын жүктелген',
    quarantined: 'тексеруде',
  },
  en: {
    rejected: 'rejected',
    queued: 'queued',
    applied: 'applied',
    corrected: 'corrected',
    unchanged: 'unchanged',
    duplicate: 'already uploaded',
    quarantined: 'held for review',
  },
};

const UPLOAD_STATUS: Record<Lang, Record<UploadStatus, string>> = {
  ru: { queued: 'обрабатывается', applied: 'загружен', refused: 'отклонён', duplicate: 'повтор' },
  kk: { queued: 'өңделуде', applied: 'жүктелді', refused: 'қабылданбады', duplicate: 'қайталау' },
  en: { queued: 'processing', applied: 'applied', refused: 'refused', duplicate: 'duplicate' },
};

export const rowStatusText = (lang: Lang, s: RowStatus) => ROW_STATUS[lang][s];
export const uploadStatusText = (lang: Lang, s: UploadStatus) => UPLOAD_STATUS[lang][s];

/** Why the quality gate held a value, in `lang` (the server's `message` is English). */
export function reasonText(
  lang: Lang,
  reason: QuarantineReason,
  value: number,
  unit: string,
): string {
  const pct = unit.trim() === '%';
  const u = pct ? { ru: ' п.п.', kk: ' т.', en: ' points' }[lang] : ` ${unit}`;
  const prev = reason.previous;
  const delta = prev ? Math.round(Math.abs(value - prev.value) * 100) / 100 : 0;
  switch (reason.code) {
    case 'jump':
      return {
        ru: `изменение на ${delta}${u} от ${prev?.value} (${prev?.date}); допустимо до ${reason.limit}${u}`,
        kk: `${prev?.value} мәнінен (${prev?.date}) ${delta}${u} өзгеріс; рұқсат етілгені ${reason.limit}${u}`,
        en: `moved ${delta}${u} from ${prev?.value} on ${prev?.date} (limit ${reason.limit}${u})`,
      }[lang];
    case 'jump_pct': {
      const rel =
        prev && prev.value !== 0 ? Math.round((delta / Math.abs(prev.value)) * 100) : null;
      const by = rel === null ? '' : `${rel}% `;
      return {
        ru: `изменение на ${by}от ${prev?.value} (${prev?.date}); допустимо до ${reason.limit}%`,
        kk: `${prev?.value} мәнінен (${prev?.date}) ${by}өзгеріс; рұқсат етілгені ${reason.limit}%`,
        en: `moved ${by}from ${prev?.value} on ${prev?.date} (limit ${reason.limit}%)`,
      }[lang];
    }
    case 'increment':
      return {
        ru: `прирост ${value}${u} больше допустимого ${reason.limit}${u}`,
        kk: `${value}${u} өсім рұқсат етілген ${reason.limit}${u} мәнінен көп`,
        en: `an increment of ${value}${u} is more than ${reason.limit}${u}`,
      }[lang];
  }
}
