import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * `?theme=light` for bright rooms: every screen turns light and passes axe-core (colour contrast
 * included) with no serious or critical violation, as the dark theme does.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core');

type Service = Awaited<ReturnType<typeof startService>>;
let service: Service;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  // bypassCSP: axe-core is injected as an inline script, which the service's CSP forbids.
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function violations(): Promise<string[]> {
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

describe('light theme', () => {
  it.each(['/wall', '/matrix', '/national', '/alerts', '/reports', '/district/akkol'])(
    '%s is light and passes axe-core',
    async (path) => {
      const params = new URLSearchParams({ token: service.adminToken, theme: 'light', kiosk: '0' });
      await page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
      expect((r ?? 0) + (g ?? 0) + (b ?? 0), background).toBeGreaterThan(600);
      expect(await violations()).toEqual([]);
      await page.screenshot({
        path: `${ARTIFACTS}light${path.replaceAll('/', '-')}-1920x1080.png`,
      });
    },
  );
});
