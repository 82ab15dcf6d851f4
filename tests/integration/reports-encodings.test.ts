import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportForm, UploadReply } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { currentValues, uploadDone, uploadFile } from '../helpers/reports';

/**
 * Every form offices fill in (long, wide, transposed, monthly), written every way they arrive:
 * CSV in UTF-8 with ",", CSV in Windows-1251 with ";" and Russian names, an XLSX written by
 * exceljs with Kazakh names and typed cells, and (where LibreOffice is installed) that XLSX after
 * LibreOffice saved it as ODS and back. Each applies exactly the values it holds.
 */

const AT = '2026-07-01T19:00:00Z';
type Lang = 'ru' | 'kk';
/** A cell as a person types it: text, a number, a date, or a percentage. */
type Cell = string | number | null | { date: string } | { pct: number };

const d = (date: string): Cell => ({ date });
const pct = (n: number): Cell => ({ pct: n });
const JUNE = d('2026-06-30');

type Word =
  | 'district'
  | 'indicator'
  | 'value'
  | 'date'
  | 'unit'
  | 'year'
  | 'alpha'
  | 'alpha2'
  | 'beta'
  | 'beta2'
  | 'roads'
  | 'roads2'
  | 'jobs'
  | 'unemployment'
  | 'months';
const W: Record<Lang, Record<Word, string>> = {
  ru: {
    district: 'Район',
    indicator: 'Показатель',
    value: 'Значение',
    date: 'Дата',
    unit: 'Ед. изм.',
    year: 'Год:',
    alpha: 'Альфа район',
    alpha2: 'АЛЬФА',
    beta: 'бета',
    beta2: 'Бета район',
    roads: 'Дороги',
    roads2: 'ДОРОГИ',
    jobs: 'Рабочие  места',
    unemployment: 'безработица',
    months: 'Апрель|Май|Июнь',
  },
  kk: {
    district: 'Аудан',
    indicator: 'Көрсеткіш',
    value: 'Мәні',
    date: 'Күні',
    unit: 'Өлшем бірлігі',
    year: 'Жыл:',
    alpha: 'Альфа ауданы',
    alpha2: 'альфа',
    beta: 'Бета ауданы',
    beta2: 'БЕТА',
    roads: 'Жолдар',
    roads2: 'жолдар',
    jobs: 'Жұмыс орындары',
    unemployment: 'Жумыссыздык',
    months: 'Сәуір|Мамыр|Маусым',
  },
};

const DAY_VALUES = {
  alpha: { roads: 75.5, jobs: 1150, unemployment: 5.8 },
  beta: { roads: 72, jobs: 450, unemployment: 5.9 },
};
const MONTHLY_VALUES = {
  alpha: {
    roads: { '2026-04-30': 74, '2026-05-31': 75, '2026-06-30': 76 },
    jobs: { '2026-04-30': 80, '2026-05-31': 90, '2026-06-30': 100 },
  },
};

/** The rows of one sheet of a form, in a language. */
function sheet(form: ReportForm, lang: Lang): Cell[][] {
  const w = W[lang];
  const dateRow: Cell[] = [`${w.date}:`, JUNE];
  switch (form) {
    case 'long':
      return [
        [w.district, w.indicator, w.value, w.date],
        [w.alpha, w.roads, 75.5, JUNE],
        [w.alpha2, w.jobs, 1150, JUNE],
        [w.alpha, w.unemployment, 5.8, JUNE],
        [w.beta, w.roads2, pct(72), JUNE],
        [w.beta2, w.jobs, 450, JUNE],
        [w.beta, w.unemployment, 5.9, JUNE],
      ];
    case 'wide':
      return [
        dateRow,
        [w.indicator, w.unit, w.alpha, w.beta],
        [w.roads, '%', 75.5, pct(72)],
        [w.jobs, '', 1150, 450],
        [w.unemployment, '%', 5.8, 5.9],
      ];
    case 'transposed':
      return [
        dateRow,
        [w.district, w.roads, w.jobs, w.unemployment],
        [w.alpha2, 75.5, 1150, 5.8],
        [w.beta2, pct(72), 450, 5.9],
      ];
    case 'monthly':
      return [
        [`${w.district}:`, w.alpha],
        [w.year, 2026],
        [w.indicator, w.unit, ...w.months.split('|')],
        [w.roads, '%', 74, 75, 76],
        [w.jobs, '', 80, 90, 100],
      ];
  }
}

/** A cell as a CSV holds it: decimal commas and no-break spaces between thousands, or plain. */
function csvCell(cell: Cell, russian: boolean): string {
  if (cell === null) return '';
  if (typeof cell === 'object') {
    if ('date' in cell) return cell.date.split('-').reverse().join('.');
    return `${cell.pct}%`;
  }
  if (typeof cell === 'number') {
    if (!russian) return String(cell);
    const [int = '', frac] = String(cell).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+$)/g, '\u00a0');
    return frac ? `${grouped},${frac}` : grouped;
  }
  return cell;
}

function csv(rows: Cell[][], sep: ',' | ';', russian: boolean): string {
  const quote = (s: string) =>
    s.includes(sep) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
  return rows.map((r) => r.map((c) => quote(csvCell(c, russian))).join(sep)).join('\r\n') + '\r\n';
}

/** Windows-1251 bytes of the text (ASCII, Russian letters, no-break space). */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === '\u00a0') return 0xa0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`not in Windows-1251: ${ch}`);
    }),
  );
}

async function xlsx(rows: Cell[][], name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const target = ws.getCell(r + 1, c + 1);
      if (cell === null) return;
      if (typeof cell === 'object' && 'date' in cell) {
        target.value = new Date(`${cell.date}T00:00:00Z`);
        target.numFmt = 'dd.mm.yyyy';
      } else if (typeof cell === 'object') {
        target.value = cell.pct / 100;
        target.numFmt = '0%';
      } else target.value = cell;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The XLSX after LibreOffice saved it as ODS and that ODS back as XLSX. */
function throughLibreOffice(bytes: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'rs-lo-'));
  writeFileSync(join(dir, 'report.xlsx'), bytes);
  const run = (input: string, to: string, out: string) =>
    execFileSync('libreoffice', ['--headless', '--convert-to', to, '--outdir', out, input], {
      stdio: 'ignore',
      timeout: 120_000,
    });
  run(join(dir, 'report.xlsx'), 'ods', dir);
  const back = join(dir, 'back');
  run(join(dir, 'report.ods'), 'xlsx', back);
  return readFileSync(join(back, 'report.xlsx'));
}

type Writer = 'csv-utf8' | 'csv-cp1251' | 'xlsx-exceljs' | 'xlsx-libreoffice';

async function file(form: ReportForm, writer: Writer) {
  const name = form === 'monthly' ? 'Альфа' : 'Отчёт';
  switch (writer) {
    case 'csv-utf8':
      return { name: `${form}.csv`, bytes: Buffer.from(csv(sheet(form, 'kk'), ',', false)) };
    case 'csv-cp1251':
      return {
        name: `${form}.csv`,
        bytes: windows1251(csv(sheet(form, 'ru'), ';', true)),
        charset: 'windows-1251',
      };
    case 'xlsx-exceljs':
      return { name: `${form}.xlsx`, bytes: await xlsx(sheet(form, 'kk'), name) };
    case 'xlsx-libreoffice':
      return {
        name: `${form}.xlsx`,
        bytes: throughLibreOffice(await xlsx(sheet(form, 'ru'), name)),
      };
  }
}

const hasLibreOffice = spawnSync('libreoffice', ['--version'], { stdio: 'ignore' }).status === 0;
const FORMS: ReportForm[] = ['long', 'wide', 'transposed', 'monthly'];
const WRITERS: Writer[] = ['csv-utf8', 'csv-cp1251', 'xlsx-exceljs', 'xlsx-libreoffice'];
const CASES = FORMS.flatMap((form) => WRITERS.map((writer) => [form, writer] as const));
/** Without LibreOffice its cases are reported as skipped (CI installs it: see .ci/run). */
const skipped = (writer: Writer) => writer === 'xlsx-libreoffice' && !hasLibreOffice;

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('every form, every way offices write it', () => {
  it.for(CASES)(
    '%s form as %s applies exactly its values',
    { timeout: 150_000 },
    async ([form, writer], ctx) => {
      if (skipped(writer)) return ctx.skip('LibreOffice is not installed');
      const f = await file(form, writer);
      h = await startHarness({ at: AT });
      const res = await uploadFile(h, f.bytes, f);
      expect(res.statusCode, res.body).toBe(202);
      const done = await uploadDone(h, res.json<UploadReply>());
      expect(done.sheets[0]?.form).toBe(form);
      const expected =
        form === 'monthly'
          ? MONTHLY_VALUES
          : Object.fromEntries(
              Object.entries(DAY_VALUES).map(([district, values]) => [
                district,
                Object.fromEntries(
                  Object.entries(values).map(([i, v]) => [i, { '2026-06-30': v }]),
                ),
              ]),
            );
      const count = Object.values(expected).flatMap((v) =>
        Object.values(v).flatMap((x) => Object.keys(x)),
      ).length;
      expect(done.counts).toMatchObject({
        read: count,
        applied: count,
        rejected: 0,
        quarantined: 0,
      });
      for (const [district, indicators] of Object.entries(expected)) {
        for (const [indicator, dates] of Object.entries(indicators)) {
          expect(await currentValues(h, district, indicator), `${district}.${indicator}`).toEqual(
            dates,
          );
        }
      }
    },
  );
});
