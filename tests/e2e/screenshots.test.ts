import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * Screenshots of every view in ru, kk and en, dark and light, kept as test artifacts
 * (tests/artifacts/screenshots/, not committed) for a person to look through after a change.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const PAGES = [
  '/wall',
  '/matrix',
  '/national',
  '/district/akkol',
  '/alerts',
  '/reports',
  '/review',
];

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

describe('screenshots of every view', () => {
  for (const theme of ['dark', 'light'] as const) {
    for (const lang of ['ru', 'kk', 'en'] as const) {
      it(`every page in ${lang}, ${theme}`, async () => {
        const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
        for (const path of PAGES) {
          const params = new URLSearchParams({ token: service.adminToken, lang, theme });
          await page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
          await page.locator('main').first().waitFor();
          await page.waitForTimeout(1_500);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          const file = `${ARTIFACTS}${path.split('/')[1]}-${lang}-${theme}-1920x1080.png`;
          await page.screenshot({ path: file });
          expect((await stat(file)).size).toBeGreaterThan(10_000);
        }
        await page.close();
      });
    }
  }

  it('the README views: wall, district page and the phone', async () => {
    const shots: [string, string, number, number, string][] = [
      ['/wall', 'ru', 1920, 1080, 'wall-ru-1920x1080'],
      ['/wall', 'en', 1920, 1080, 'wall-en-1920x1080'],
      ['/wall', 'ru', 390, 844, 'wall-phone-390x844'],
      ['/district/akkol', 'ru', 1920, 1080, 'district-1920x1080'],
      ['/district/akkol', 'ru', 390, 844, 'district-phone-390x844'],
      ['/matrix', 'ru', 1920, 1080, 'matrix-ru-1920x1080'],
      ['/national', 'kk', 1920, 1080, 'national-kk-1920x1080'],
    ];
    for (const [path, lang, width, height, name] of shots) {
      const page = await browser.newPage({ viewport: { width, height } });
      const params = new URLSearchParams({ token: service.adminToken, lang });
      await page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
      await page.locator('main').first().waitFor();
      await page.waitForTimeout(2_500);
      const file = `${ARTIFACTS}readme-${name}.png`;
      await page.screenshot({ path: file, fullPage: width < 600 });
      expect((await stat(file)).size).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});
