import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * Defect 2 of issue 9: status must not hang on colour alone. Every wall row and heat-map cell
 * carries a shape and a word for screen readers, a legend states the thresholds, and the status
 * colours stay apart under simulated deuteranopia and protanopia. Screenshots of the wall and the
 * heat map at the four sizes in the three languages go to tests/artifacts/.
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
const STATUS_WORDS = {
  ru: ['В норме', 'Под угрозой', 'Отстаёт'],
  en: ['On track', 'At risk', 'Behind'],
} as const;

type Service = Awaited<ReturnType<typeof startService>>;

let service: Service;
let browser: Browser;
let page: Page;

async function open(path: string, query: Record<string, string> = {}): Promise<void> {
  const params = new URLSearchParams({ token: service.adminToken, ...query });
  await page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
}

/** Machado et al. (2009) full-severity matrices, applied in linear RGB. */
const CVD = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
} as const;

function linear(rgb: readonly number[]): number[] {
  return rgb.map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
}

/** Distance in linear RGB after simulation: lightness and hue both count (blue vs yellow). */
function seenDistance(
  a: readonly number[],
  b: readonly number[],
  m: readonly (readonly number[])[],
): number {
  const sim = (rgb: number[]) =>
    m.map((row) =>
      Math.min(
        1,
        Math.max(
          0,
          row.reduce((s, k, i) => s + k * (rgb[i] ?? 0), 0),
        ),
      ),
    );
  const [x, y] = [sim(linear(a)), sim(linear(b))];
  return Math.hypot(...x.map((v, i) => v - (y[i] ?? 0)));
}

async function statusColour(status: string): Promise<number[]> {
  const css = await page
    .locator(`[data-testid="status-legend"] [data-icon="${status}"]`)
    .evaluate((el) => getComputedStyle(el).color);
  return (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  // The CSP (tested on its own) refuses injected scripts: axe-core needs them.
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('status without colour', () => {
  it('gives every wall row a shape and a word, and a legend with the thresholds', async () => {
    await open('/wall');
    const rows = page.getByTestId('ranking-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(20);
    const cues = await rows.evaluateAll((els) =>
      els.map((el) => {
        const icon = el.querySelector<HTMLElement>('[data-testid="status-icon"]');
        return {
          status: el.classList.contains('on_track')
            ? 'on_track'
            : el.classList.contains('at_risk')
              ? 'at_risk'
              : el.classList.contains('behind')
                ? 'behind'
                : 'no_data',
          iconStatus: icon?.dataset.icon,
          glyph: icon?.querySelector('[aria-hidden="true"]')?.textContent ?? '',
          spoken: icon?.querySelector('.visually-hidden')?.textContent ?? '',
        };
      }),
    );
    const glyphs = new Map<string, string>();
    for (const cue of cues) {
      expect(cue.iconStatus).toBe(cue.status);
      expect(cue.glyph.trim()).not.toBe('');
      expect(cue.spoken.trim()).not.toBe('');
      const seen = glyphs.get(cue.status);
      if (seen) expect(cue.glyph).toBe(seen);
      glyphs.set(cue.status, cue.glyph);
    }
    // One shape per status: two statuses never share one.
    expect(new Set(glyphs.values()).size).toBe(glyphs.size);

    const legend = await page.getByTestId('status-legend').innerText();
    for (const word of STATUS_WORDS.ru) expect(legend).toContain(word);
    expect(legend).toMatch(/≥\s*90/);
    expect(legend).toMatch(/75\s*–\s*90/);
    expect(legend).toMatch(/<\s*75/);
  });

  it('draws every sparkline at once, on one scale with the thresholds marked', async () => {
    await open('/wall');
    await expect
      .poll(() => page.locator('[data-testid="sparkline"] path').count(), { timeout: 15_000 })
      .toBe(20);
    const lines = await page
      .locator('[data-testid="sparkline"]')
      .evaluateAll((els) =>
        els.map((el) =>
          [...el.querySelectorAll('line.threshold')].map((l) => l.getAttribute('y1')),
        ),
      );
    // Two threshold lines per row, at the same height on every row: one shared scale.
    for (const rowLines of lines) expect(rowLines).toHaveLength(2);
    expect(new Set(lines.map((l) => l.join()))).toHaveProperty('size', 1);
  });

  it('keeps the status colours apart under deuteranopia and protanopia', async () => {
    const [green, amber, red] = await Promise.all(
      ['on_track', 'at_risk', 'behind'].map((s) => statusColour(s)),
    );
    for (const [name, matrix] of Object.entries(CVD)) {
      const pairs = [
        ['on track/behind', green, red],
        ['on track/at risk', green, amber],
        ['at risk/behind', amber, red],
      ] as const;
      for (const [pair, a, b] of pairs) {
        // The old palette scored 0.00 for on track/at risk under protanopia (identical).
        expect(seenDistance(a ?? [], b ?? [], matrix), `${name} ${pair}`).toBeGreaterThan(0.25);
      }
    }
  });

  it('marks heat-map cells with the same shapes and shows the legend there', async () => {
    await open('/matrix', { lang: 'en' });
    const cells = page.locator('[data-testid="matrix"] .cell');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBeGreaterThan(20);
    const missing = await cells.evaluateAll(
      (els) => els.filter((el) => !el.querySelector('[data-testid="status-icon"]')).length,
    );
    expect(missing).toBe(0);
    const legend = await page.getByTestId('status-legend').innerText();
    for (const word of STATUS_WORDS.en) expect(legend).toContain(word);
    // Indicator headers show their whole name: none is cut (the old heat map cut 8 of 11).
    for (const lang of ['ru', 'kk']) {
      await open('/matrix', { lang });
      await page.waitForSelector('[data-testid="matrix"] .head .ind');
      const cut = await page
        .locator('[data-testid="matrix"] .head .ind')
        .evaluateAll(
          (els) =>
            els.filter(
              (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
            ).length,
        );
      expect(cut, lang).toBe(0);
      // Units in the page's language (the old heat map wrote "jobs", "bn KZT", "ha" on ru/kk).
      const units = await page.locator('[data-testid="matrix"] .head .unit').allInnerTexts();
      expect(
        units.filter((u) => /[A-Za-z]/.test(u)),
        lang,
      ).toEqual([]);
    }
  });

  it('passes axe-core on the wall and the heat map with no serious or critical violation', async () => {
    for (const path of ['/wall', '/matrix', '/national']) {
      await open(path);
      await page.waitForSelector('[data-testid="status-legend"]');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(): Promise<{
                violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
              }>;
            };
          }
        ).axe;
        const result = await axe.run();
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 2))}`);
      });
      expect(violations, path).toEqual([]);
    }
  });

  it('gives each screen view its own title, a main landmark and a skip link', async () => {
    const titles = new Set<string>();
    for (const path of ['/wall', '/matrix', '/national']) {
      await open(path, { lang: 'en' });
      await page.waitForSelector('main#main');
      expect(await page.locator('main').count(), path).toBe(1);
      expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
      titles.add(await page.title());
    }
    expect(titles).toEqual(
      new Set(['Ranking · Region Score', 'Heat map · Region Score', 'Regions · Region Score']),
    );
  });

  it('keeps the pointer in a desktop browser and hides it only once it is left still', async () => {
    await open('/wall');
    await page.mouse.move(200, 200);
    await page.mouse.move(220, 240);
    const cursor = () => page.evaluate(() => getComputedStyle(document.body).cursor);
    expect(await cursor()).not.toBe('none');
    await expect.poll(cursor, { timeout: 6_000 }).toBe('none');
    await page.mouse.move(300, 300);
    expect(await cursor()).not.toBe('none');
  });

  it('saves screenshots of the wall and heat map at every size in ru, kk and en', async () => {
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const lang of ['ru', 'kk', 'en']) {
        for (const view of ['wall', 'matrix']) {
          await open(`/${view}`, { lang });
          await page.waitForSelector('[data-testid="status-legend"]');
          await page.waitForTimeout(600);
          await page.screenshot({ path: `${ARTIFACTS}${view}-${lang}-${width}x${height}.png` });
        }
      }
    }
    expect(SIZES).toHaveLength(4);
  });
});
