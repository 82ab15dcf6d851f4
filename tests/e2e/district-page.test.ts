import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DistrictDetail, RegionRanking } from '@region-score/contracts';
import { startService } from '../helpers/service';

/**
 * The district page as a reporter and an analyst use it, in Debian's Chromium against the whole
 * service with the demo feed: it leads with what pulls the score down (the API's impact order),
 * says what each lagging indicator needs and who sent the last report, fits a 390 px phone with
 * no horizontal scroll, travels to a past day, prints to one page, and passes axe-core.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core');
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const SIZES = [
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
  [390, 844],
] as const;

type Service = Awaited<ReturnType<typeof startService>>;
let service: Service;
let browser: Browser;
let district: string;

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${service.url}${path}`, {
    headers: { authorization: `Bearer ${service.adminToken}` },
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function openDistrict(page: Page, query: Record<string, string> = {}): Promise<void> {
  const params = new URLSearchParams({ token: service.adminToken, ...query });
  await page.goto(`${service.url}/district/${district}?${params.toString()}`, {
    waitUntil: 'load',
  });
  await page.getByTestId('indicator').first().waitFor({ timeout: 30_000 });
}

async function axeViolations(page: Page): Promise<{ id: string; impact: string | null }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string | null }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact }));
  });
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: true });
  // The demo feed reports for a while; the lowest-ranked district is the one to explain.
  const ranking = await (async () => {
    for (let i = 0; i < 300; i++) {
      const r = await api<RegionRanking>('/api/v1/regions/aqmola/rankings');
      if (r.entries.every((e) => e.version > 0)) return r;
      await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error('the demo feed did not score every district');
  })();
  district = ranking.entries.at(-1)?.id ?? '';
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('district page', () => {
  it('leads with what pulls the score down, in the API order, with what each lagging indicator needs', async () => {
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      bypassCSP: true,
    });
    await openDistrict(page, { lang: 'en' });
    const detail = await api<DistrictDetail>(`/api/v1/districts/${district}`);
    const shown = await page
      .getByTestId('indicator')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.indicator));
    const counted = detail.explanation.map((e) => e.indicator);
    // The counted indicators come first, in the API's impact order (the page may have refetched
    // a newer score; the order is compared against the same reply's set).
    expect(shown.slice(0, counted.length).sort()).toEqual([...counted].sort());
    const impacts = await page
      .getByTestId('indicator')
      .evaluateAll((els) =>
        els.map((el) =>
          Number(
            (el.querySelector('[data-testid="impact"]')?.textContent ?? '')
              .replace(/[^\d.+−-]/g, '')
              .replace('−', '-'),
          ),
        ),
      );
    const countedImpacts = impacts.slice(0, counted.length);
    expect(countedImpacts).toEqual([...countedImpacts].sort((a, b) => a - b));
    expect(countedImpacts[0]).toBeLessThan(0);
    await expect
      .poll(() => page.getByRole('heading', { name: 'What pulls the score down' }).count())
      .toBe(1);
    // Every lagging indicator says what it needs by the next report and by year end.
    const lagging = page.locator('[data-testid="indicator"]:not(.on_track)');
    const n = await lagging.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const card = lagging.nth(i);
      if ((await card.getAttribute('class'))?.includes('no_data')) continue;
      await expect.poll(() => card.getByTestId('need-next').innerText()).toMatch(/Needed by .+\d/);
      await expect
        .poll(() => card.getByTestId('need-year').innerText())
        .toMatch(/year end\s*\n?\s*[\d−-]/);
      // The last report: its date and who sent it.
      await expect
        .poll(() => card.getByTestId('last-report').innerText())
        .toMatch(/Last report: .+, \S+/);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('fits every size in every language with no horizontal scroll; phone is one column', async () => {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height } });
      for (const lang of ['ru', 'kk', 'en']) {
        await openDistrict(page, { lang });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
            ),
        );
        expect(overflow, `${width}x${height} ${lang}: ${wide.join(' | ')}`).toBeLessThanOrEqual(0);
        if (width === 390) {
          const lefts = await page
            .getByTestId('indicator')
            .evaluateAll(
              (els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().left))).size,
            );
          expect(lefts, 'one column on a phone').toBe(1);
          // Status, impact and what is needed stay visible inside the screen.
          const box = await page.getByTestId('indicator').first().boundingBox();
          expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
        }
        await page.screenshot({
          path: `${ARTIFACTS}district-${lang}-${width}x${height}.png`,
          fullPage: false,
        });
      }
      await page.close();
    }
  }, 180_000);

  it('in Russian and Kazakh the page shows no English labels', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    for (const lang of ['ru', 'kk']) {
      await openDistrict(page, { lang });
      const text = await page.locator('[data-testid="district"]').innerText();
      for (const word of [
        'Needed',
        'Last report',
        'What pulls',
        'Value',
        'Target',
        'Forecast',
        'Score',
      ]) {
        expect(text, `${lang}: ${word}`).not.toContain(word);
      }
    }
    await page.close();
  });

  it('as of a past day: a banner, the score of that evening, no live updates', async () => {
    const ranking = await api<RegionRanking>('/api/v1/regions/aqmola/rankings');
    const today = ranking.generatedAt.slice(0, 10);
    const past = await api<DistrictDetail>(`/api/v1/districts/${district}?asOf=${today}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await openDistrict(page, { lang: 'en', asOf: today });
    await expect
      .poll(() => page.getByTestId('as-of-banner').innerText())
      .toMatch(/As it stood at the end of/);
    expect(await page.locator('[data-testid="as-of"] input').inputValue()).toBe(today);
    const big = await page.locator('.summary .big .value').innerText();
    expect(Number(big.replace(',', '.'))).toBeCloseTo(past.score?.score ?? -1, 1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('prints as a one-page report without the screen chrome', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await openDistrict(page, { lang: 'ru' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('export').isVisible()).toBe(false);
    expect(await page.getByTestId('indicator').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    await page.screenshot({ path: `${ARTIFACTS}district-print-ru.png`, fullPage: true });
    await page.close();
  });
});
