import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadReply } from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { currentValues, uploadDone, uploadFile } from '../helpers/reports';

/**
 * The sheets district offices fill in, as their tools write them (fixtures in
 * tests/fixtures/reports, made by generate.ts there): each form, in Russian and Kazakh, with names
 * instead of ids, applies exactly the values it holds.
 */

const AT = '2026-07-01T19:00:00Z';
const DIR = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
const fixture = (name: string) => readFileSync(join(DIR, name));

const WIDE = {
  alpha: { roads: 75.5, jobs: 1150, unemployment: 5.8 },
  beta: { roads: 72, jobs: 450, unemployment: 5.9 },
  gamma: { roads: 66, jobs: 2100, unemployment: 6.5 },
};
const MONTHLY_ALPHA = {
  roads: {
    '2026-01-31': 71,
    '2026-02-28': 72,
    '2026-03-31': 73,
    '2026-04-30': 74,
    '2026-05-31': 75,
    '2026-06-30': 76,
  },
  jobs: {
    '2026-01-31': 50,
    '2026-02-28': 60,
    '2026-03-31': 70,
    '2026-04-30': 80,
    '2026-05-31': 90,
    '2026-06-30': 100,
  },
};

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function applied(name: string, opts: { charset?: string; bytes?: Buffer } = {}) {
  h = await startHarness({ at: AT });
  const res = await uploadFile(h, opts.bytes ?? fixture(name), { name, ...opts });
  expect(res.statusCode, res.body).toBe(202);
  const done = await uploadDone(h, res.json<UploadReply>());
  expect(done.counts.rejected).toBe(0);
  expect(done.counts.quarantined).toBe(0);
  return { h, done };
}

async function expectDated(
  harness: Harness,
  district: string,
  expected: Record<string, Record<string, number>>,
) {
  for (const [indicator, dates] of Object.entries(expected)) {
    expect(await currentValues(harness, district, indicator), `${district}.${indicator}`).toEqual(
      expect.objectContaining(dates),
    );
  }
}

async function expectWide(harness: Harness) {
  for (const [district, values] of Object.entries(WIDE)) {
    await expectDated(
      harness,
      district,
      Object.fromEntries(Object.entries(values).map(([i, v]) => [i, { '2026-06-30': v }])),
    );
  }
}

describe('report forms, as offices write them', () => {
  it('wide form, Russian names ("Альфа район", "г. Гамма"), decimal commas, spaces in thousands — CSV UTF-8', async () => {
    const { h: harness, done } = await applied('wide-ru.csv');
    expect(done.sheets).toEqual([{ name: 'wide-ru.csv', form: 'wide', values: 9 }]);
    expect(done.counts).toMatchObject({ read: 9, applied: 9 });
    await expectWide(harness);
  });

  it('the same wide form written by LibreOffice as XLSX', async () => {
    const { h: harness, done } = await applied('wide-ru.libreoffice.xlsx');
    expect(done.file.format).toBe('xlsx');
    await expectWide(harness);
  });

  it('transposed form, Windows-1251 with ";", upper- and lower-case names, "73%"', async () => {
    const { h: harness, done } = await applied('transposed-ru-cp1251.csv', {
      charset: 'windows-1251',
    });
    expect(done.sheets[0]?.form).toBe('transposed');
    await expectDated(harness, 'alpha', {
      roads: { '2026-06-30': 76 },
      unemployment: { '2026-06-30': 5.7 },
    });
    await expectDated(harness, 'beta', {
      roads: { '2026-06-30': 73 },
      jobs: { '2026-06-30': 200 },
    });
  });

  it('monthly form in Kazakh (exceljs): months across, the district named above; a notes sheet is skipped', async () => {
    const { h: harness, done } = await applied('monthly-kk.xlsx');
    expect(done.sheets.map((s) => [s.name, s.form])).toEqual([
      ['Альфа ауданы', 'monthly'],
      ['Ескертпе', null],
    ]);
    expect(done.sheets[1]?.skipped).toBeTruthy();
    await expectDated(harness, 'alpha', MONTHLY_ALPHA);
  });

  it('the monthly form after LibreOffice saved it as ODS and back as XLSX', async () => {
    const { h: harness } = await applied('monthly-kk.ods.libreoffice.xlsx');
    await expectDated(harness, 'alpha', MONTHLY_ALPHA);
  });

  it('long form with names, a percentage cell, a text number and a text date', async () => {
    const { h: harness } = await applied('long-names.xlsx');
    await expectDated(harness, 'gamma', {
      roads: { '2026-06-30': 78.5 },
      jobs: { '2026-06-30': 1500 },
      unemployment: { '2026-06-30': 6.4 },
    });
  });

  const hasLibreOffice = spawnSync('libreoffice', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasLibreOffice)(
    'a file LibreOffice converts now (CSV → XLSX) is read the same',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'rs-lo-'));
      execFileSync(
        'libreoffice',
        [
          '--headless',
          '--convert-to',
          'xlsx',
          '--infilter=CSV:59,34,76,1',
          '--outdir',
          out,
          join(DIR, 'wide-ru.csv'),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const { h: harness } = await applied('wide-ru.xlsx', {
        bytes: readFileSync(join(out, 'wide-ru.xlsx')),
      });
      await expectWide(harness);
    },
    150_000,
  );

  it('an unknown or ambiguous name is a row error listing the closest configured names', async () => {
    h = await startHarness({ at: AT });
    const res = await uploadFile(
      h,
      'Район;Показатель;Значение;Дата\nАльфо;Дороги;75;30.06.2026\nАльфа;Дорога;75;30.06.2026\n',
      {
        name: 'typos.csv',
      },
    );
    expect(res.statusCode, res.body).toBe(400);
    const problems = res.json<{ problems: { field: string; message: string }[] }>().problems;
    expect(problems[0]).toMatchObject({ field: 'row 2, district' });
    expect(problems[0]?.message).toContain('Альфа (alpha)');
    expect(problems[1]).toMatchObject({ field: 'row 3, indicator' });
    expect(problems[1]?.message).toContain('Дороги (roads)');
  });
});
