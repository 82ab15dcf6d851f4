import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type {
  DistrictDetail,
  QuarantineReply,
  RegionsReply,
  RegionSummary,
} from '@region-score/contracts';
import { startService } from '../helpers/service';

/**
 * The reporting pages in Debian's Chromium against the whole service: a reporter uploads a sheet
 * written with names on /reports and sees each row's result; an analyst releases a held value on
 * /review and the value is counted.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core');
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

type Service = Awaited<ReturnType<typeof startService>>;
let service: Service;
let browser: Browser;
let page: Page;
let region: RegionSummary;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${service.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${service.adminToken}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const open = (path: string, lang = 'ru') =>
  page.goto(`${service.url}${path}?token=${service.adminToken}&lang=${lang}`, {
    waitUntil: 'load',
  });

/** axe-core's serious and critical findings on the page. */
async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const ids = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
  return ids;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: false });
  const regions = await api<RegionsReply>('/api/v1/regions');
  region = regions.regions[0] as RegionSummary;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  // bypassCSP: axe-core is injected as an inline script, which the service's CSP forbids.
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('reporting pages', () => {
  it('a file with district and indicator names uploads on /reports and every row shows its result', async () => {
    const district = region.districts[0] as RegionSummary['districts'][number];
    const detail = await api<DistrictDetail>(`/api/v1/districts/${district.id}`);
    // A level indicator's value the quality gate lets through: its baseline (or target), nudged.
    const results = detail.score?.indicators ?? [];
    const level = results.find(
      (r) => region.indicators.find((i) => i.id === r.indicator)?.mode === 'level',
    );
    expect(level).toBeTruthy();
    const indicator = region.indicators.find(
      (i) => i.id === level?.indicator,
    ) as RegionSummary['indicators'][number];
    const base = level?.baseline ?? level?.target ?? 0;
    const value = Math.round(base * 1.01 * 100) / 100;
    const today = new Date().toISOString().slice(0, 10);
    const dmy = `${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`;
    const csv = `Район;Показатель;Значение;Дата\n${district.name.ru};${indicator.name.ru};${String(value).replace('.', ',')};${dmy}\n${district.name.ru};Нет такого;1;${dmy}\n`;

    await open('/reports');
    await expect.poll(() => page.getByTestId('reports').isVisible()).toBe(true);
    await page.getByTestId('mode').selectOption('partial');
    await page
      .getByTestId('file')
      .setInputFiles({ name: 'отчёт.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByTestId('upload-result');
    await expect
      .poll(() => result.getAttribute('data-status'), { timeout: 30_000 })
      .toBe('applied');
    const statuses = await page
      .getByTestId('result-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    expect(statuses).toEqual(['applied', 'rejected']);
    const text = await result.innerText();
    expect(text).toContain('принято');
    expect(text).toContain('Нет такого');
    // The rejection is worded in Russian from its code, not the server's English message.
    const reason = await page
      .locator('[data-testid="result-row"][data-status="rejected"] [data-testid="result-reason"]')
      .innerText();
    expect(reason).toMatch(/^показатель: «Нет такого» — /);
    expect(reason).not.toMatch(/[A-Za-z]/);
    expect(await axeViolations()).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}reports-1280x720-ru.png`, fullPage: true });
    // The upload is listed among the earlier ones.
    await expect.poll(() => page.locator('.earlier li').count()).toBeGreaterThan(0);
  });

  it('an analyst releases a held value on /review; it is then counted', async () => {
    const district = region.districts[1] as RegionSummary['districts'][number];
    const indicator = region.indicators.find((i) => i.unit.trim() === '%' && i.mode === 'level');
    expect(indicator).toBeTruthy();
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const result = (
      await api<DistrictDetail>(`/api/v1/districts/${district.id}`)
    ).score?.indicators.find((r) => r.indicator === indicator?.id);
    // A first value at the baseline, then a jump of 40 points: held for review.
    const first = result?.baseline ?? result?.target ?? 50;
    const jump = first >= 50 ? first - 40 : first + 40;
    const res = await service.postObservations([
      { district: district.id, indicator: indicator?.id ?? '', value: first, date: day(2) },
      { district: district.id, indicator: indicator?.id ?? '', value: jump, date: day(1) },
    ]);
    expect(res.status).toBe(202);
    const held = await (async () => {
      for (let i = 0; i < 100; i++) {
        const { items } = await api<QuarantineReply>(`/api/v1/quarantine?district=${district.id}`);
        if (items.length > 0) return items[0];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('nothing was held');
    })();
    expect(held).toMatchObject({ value: jump, state: 'held' });
    // The district page shows it as awaiting review, not counted.
    await open(`/district/${district.id}`);
    const heldLine = page.getByTestId('held-value');
    await expect.poll(() => heldLine.count(), { timeout: 15_000 }).toBe(1);
    expect(await heldLine.innerText()).toContain('На проверке');

    for (const lang of ['kk', 'en', 'ru']) {
      await open('/review', lang);
      await expect.poll(() => page.getByTestId('held-item').count(), { timeout: 15_000 }).toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}review-1280x720-${lang}.png`, fullPage: true });
    }
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId('comment').fill('подтверждено по телефону');
    await page.getByTestId('release').click();
    await expect.poll(() => page.getByTestId('decided').count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(
        async () =>
          (await api<QuarantineReply>(`/api/v1/quarantine?district=${district.id}&state=released`))
            .items.length,
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
  });

  it('fits a 390 px phone without horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/reports', '/review']) {
      await open(path);
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
      await page.screenshot({
        path: `${ARTIFACTS}${path.slice(1)}-390x844-ru.png`,
        fullPage: true,
      });
    }
  });
});
