import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * Issue 9, defect 12: the national view used 20 % of the screen for the demo's 2 regions. With
 * 1–3 regions each region is a large row with its best and worst districts beside it.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core');

type Service = Awaited<ReturnType<typeof startService>>;
let service: Service;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}

describe('national view with few regions', () => {
  for (const [width, height, lang] of [
    [1920, 1080, 'ru'],
    [3840, 2160, 'kk'],
    [1280, 720, 'en'],
  ] as const) {
    it(`uses the screen for 2 regions at ${width}×${height} (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
      const params = new URLSearchParams({ token: service.adminToken, lang });
      await page.goto(`${service.url}/national?${params.toString()}`);
      const regions = page.getByTestId('national-region');
      await regions.first().waitFor();
      expect(await regions.count()).toBe(2);
      await expect
        .poll(() =>
          page.locator('[data-testid="national_bottom"] [data-testid="ranking-row"]').count(),
        )
        .toBe(6);
      expect(
        await page.locator('[data-testid="national_top"] [data-testid="ranking-row"]').count(),
      ).toBe(6);
      // The two regions and their districts fill most of the screen's height.
      const boxes = await regions.evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, height: r.height };
        }),
      );
      const covered = boxes.reduce((sum, b) => sum + b.height, 0);
      expect(covered / height).toBeGreaterThan(0.6);
      for (const b of boxes) expect(b.bottom).toBeLessThanOrEqual(height);
      // Each region's own row is large: at least a tenth of the screen high.
      const regionRow = await page.getByTestId('region-card').first().boundingBox();
      expect(regionRow?.height ?? 0).toBeGreaterThan(height / 10);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}national-few-${lang}-${width}x${height}.png` });
      await page.close();
    });
  }

  it('is one column without horizontal scroll on a 390 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const params = new URLSearchParams({ token: service.adminToken });
    await page.goto(`${service.url}/national?${params.toString()}`);
    await page.getByTestId('national-region').first().waitFor();
    await expect
      .poll(() =>
        page.locator('[data-testid="national_bottom"] [data-testid="ranking-row"]').count(),
      )
      .toBe(6);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}national-few-ru-390x844.png`, fullPage: true });
    await page.close();
  });
});
