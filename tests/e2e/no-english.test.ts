import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * Issue 9, defect 9: every visible string on a ru or kk page is in that language. Each page is
 * opened in ru and kk and every visible text node is checked for Latin-script words; only
 * international abbreviations, file formats, product names and links may be Latin.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

/** Latin words a ru/kk page may show: formats, the product's name, programs named in help. */
const ALLOWED = new Set([
  'region',
  'score',
  'csv',
  'xlsx',
  'xls',
  'pdf',
  'excel',
  'libreoffice',
  'qr',
  'id',
  'kzt',
  'api',
  // The language switcher names English in English, as switchers do.
  'eng',
]);

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

describe('no English on ru and kk pages', () => {
  for (const lang of ['ru', 'kk'] as const) {
    it.each(PAGES)(`%s in ${lang} shows no Latin-script words`, async (path) => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const params = new URLSearchParams({ token: service.adminToken, lang, kiosk: '0' });
      await page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
      await page.locator('main').first().waitFor();
      await page.waitForTimeout(2_500);
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim();
          const parent = node.parentElement;
          if (!text || !parent) continue;
          const style = getComputedStyle(parent);
          if (style.display === 'none' || style.visibility === 'hidden') continue;
          if (parent.closest('script, style, [aria-hidden="true"]')) continue;
          if (parent.getClientRects().length === 0) continue;
          out.push(text);
        }
        // Placeholders and button values are visible text too.
        for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
          out.push(el.getAttribute('placeholder') ?? '');
        }
        return out;
      });
      const offending = texts.flatMap((text) =>
        text
          // Links and short URLs (the wall's QR caption) are Latin by nature.
          .split(/\s+/)
          .filter((word) => !/[/:=?&]/.test(word))
          .flatMap((word) => word.match(/[A-Za-z]{2,}/g) ?? [])
          .filter((word) => !ALLOWED.has(word.toLowerCase()))
          .map((word) => `${word} (in "${text.slice(0, 60)}")`),
      );
      await page.screenshot({
        path: `${ARTIFACTS}${path.split('/')[1]}-${lang}-dark-1920x1080.png`,
        fullPage: true,
      });
      expect([...new Set(offending)]).toEqual([]);
      await page.close();
    });
  }
});
