import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService } from '../helpers/service';
import { qrPath } from '../../apps/dashboard/src/lib/qr/qr';

/**
 * Issue 9, "choose what shows" and the heat map: the wall URL picks the rotation playlist, the
 * indicator columns and the district rows (unknown ids noted, never a blank screen); heat-map
 * cells show % of plan with `?cells=plan`; headers sort by keyboard with `aria-sort`; in the
 * rotation the heat map pages rows that are readable at 1080p.
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

function url(path: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ token: service.adminToken, ...query });
  return `${service.url}${path}?${params.toString()}`;
}

async function open(width = 1920, height = 1080): Promise<Page> {
  // bypassCSP: axe-core is injected as an inline script, which the service's CSP forbids.
  return browser.newPage({ viewport: { width, height }, bypassCSP: true });
}

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

const columnIds = (page: Page) =>
  page
    .locator('[role="columnheader"][data-indicator]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')));
const rowIds = (page: Page) =>
  page
    .locator('[role="row"][data-district]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-district')));

describe('choose what shows', () => {
  it('rotates through the ?views= playlist in its order', async () => {
    const page = await open();
    await page.goto(url('/national', { rotate: '5', views: 'national,matrix' }));
    const seen: string[] = [];
    const deadline = Date.now() + 13_000;
    while (Date.now() < deadline) {
      const path = new URL(page.url()).pathname;
      if (seen.at(-1) !== path) seen.push(path);
      await page.waitForTimeout(250);
    }
    // national → matrix → national: never the wall, which the playlist leaves out.
    expect(seen.slice(0, 3)).toEqual(['/national', '/matrix', '/national']);
    expect(new URL(page.url()).searchParams.get('views')).toBe('national,matrix');
    await page.close();
  });

  it('starts a rotating wall on the first view of its playlist', async () => {
    const page = await open();
    await page.goto(url('/wall', { rotate: '30', views: 'matrix,national' }));
    const deadline = Date.now() + 5_000;
    while (new URL(page.url()).pathname !== '/matrix' && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    expect(new URL(page.url()).pathname).toBe('/matrix');
    await expect(page.getByTestId('matrix').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('shows only the chosen indicator columns and district rows on the heat map', async () => {
    const page = await open();
    await page.goto(
      url('/matrix', {
        indicators: 'unemployment,road_quality',
        districts: 'akkol,kokshetau,arshaly',
        kiosk: '0',
      }),
    );
    await page.locator('[role="row"][data-district]').first().waitFor();
    // Config order, not URL order.
    expect(await columnIds(page)).toEqual(['road_quality', 'unemployment']);
    expect((await rowIds(page)).sort()).toEqual(['akkol', 'arshaly', 'kokshetau']);
    await expect(page.getByTestId('selection-note').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('adds the indicators of ?categories= and notes unknown ids instead of a blank screen', async () => {
    const page = await open();
    await page.goto(
      url('/matrix', { categories: 'economy', indicators: 'no_such', districts: 'atlantis' }),
    );
    await page.locator('[role="row"][data-district]').first().waitFor();
    expect(await columnIds(page)).toEqual(['jobs_created', 'investment', 'projects_launched']);
    // Every named district is unknown: all rows, and the note names what was ignored.
    expect((await rowIds(page)).length).toBeGreaterThan(10);
    const note = page.getByTestId('selection-note');
    await expect(note.textContent()).resolves.toContain('indicators=no_such');
    await expect(note.textContent()).resolves.toContain('districts=atlantis');
    await page.close();
  });

  it('shows only the chosen districts on the wall', async () => {
    const page = await open();
    await page.goto(url('/wall', { districts: 'akkol,kokshetau,nowhere' }));
    await page.getByTestId('ranking-row').first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('ranking-row').count()).toBe(2);
    await expect(page.getByTestId('selection-note').textContent()).resolves.toContain(
      'districts=nowhere',
    );
    await page.screenshot({ path: `${ARTIFACTS}wall-selected-districts-1920x1080.png` });
    await page.close();
  });
});

describe('district page', () => {
  it('keeps the wall URL and shows only the chosen indicators', async () => {
    const page = await open();
    await page.goto(url('/wall', { indicators: 'unemployment,road_quality', lang: 'en' }));
    const link = page.locator('[data-testid="ranking-row"] a').first();
    await link.waitFor();
    await link.click();
    await page.waitForFunction(() => location.pathname.startsWith('/district/'));
    expect(new URL(page.url()).searchParams.get('indicators')).toBe('unemployment,road_quality');
    await page.locator('.charts figure').first().waitFor();
    await expect(page.locator('.charts figure').count()).resolves.toBe(2);
    await page.close();
  });
});

describe('heat map', () => {
  it('shows % of plan with ?cells=plan and switches with the toggle', async () => {
    const page = await open();
    await page.goto(url('/matrix', { cells: 'plan', kiosk: '0', lang: 'en' }));
    await page.getByTestId('percent').first().waitFor();
    const texts = await page.getByTestId('percent').allTextContents();
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) expect(text).toMatch(/^\d[\d,]*%$/);
    await page.screenshot({ path: `${ARTIFACTS}matrix-plan-1920x1080.png` });
    await page.getByTestId('cells-score').click();
    await expect(page.getByTestId('percent').count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('cells')).toBeNull();
    await page.getByTestId('cells-plan').click();
    expect(new URL(page.url()).searchParams.get('cells')).toBe('plan');
    expect(await page.getByTestId('percent').count()).toBeGreaterThan(50);
    await page.close();
  });

  it('sorts by an indicator from the keyboard, with aria-sort on the header', async () => {
    const page = await open();
    await page.goto(url('/matrix', { kiosk: '0', lang: 'ru' }));
    await page.locator('[role="row"][data-district]').first().waitFor();
    await page.waitForTimeout(1000);
    const header = page.locator('[role="columnheader"][data-indicator="road_quality"]');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const scores = await page
      .locator('[role="row"][data-district]')
      .evaluateAll((rows) =>
        rows.map((r) => r.querySelectorAll('[role="cell"]')[0]?.getAttribute('data-status')),
      );
    expect(scores.length).toBeGreaterThan(10);
    // Best first: no on-track cell below a behind one in the sorted column.
    const firstBehind = scores.indexOf('behind');
    const lastOnTrack = scores.lastIndexOf('on_track');
    if (firstBehind >= 0 && lastOnTrack >= 0) expect(lastOnTrack).toBeLessThan(firstBehind);
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByTestId('sort-name').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
    const names = await page.locator('[role="rowheader"] .label').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
    await expect(page.getByTestId('status-legend').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('pages readable rows in the rotation at 1080p', async () => {
    const page = await open(1920, 1080);
    await page.goto(url('/matrix', { rotate: '600' }));
    await page.locator('[role="row"][data-district]').first().waitFor();
    await page.waitForTimeout(800);
    const heights = await page
      .locator('[role="cell"]')
      .evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(40);
    // Every shown row fits on screen; the rest are on the next page.
    const bottom = await page
      .locator('[role="row"][data-district] [role="rowheader"]')
      .last()
      .evaluate((e) => e.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(1080);
    await expect(page.getByText(/Стр\. 1 из \d/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}matrix-kiosk-1920x1080.png` });
    await page.close();
  });
});

describe('QR code on the wall', () => {
  it('encodes the printed short link, is readable at 1080p and the link opens the page', async () => {
    const page = await open(1920, 1080);
    await page.goto(url('/wall', { lang: 'kk' }));
    const qr = page.getByTestId('wall-qr');
    await qr.waitFor();
    const link = await qr.getAttribute('data-url');
    expect(link).toBe(`${service.url}/wall?region=aqmola&lang=kk`);
    const printed = await page.getByTestId('wall-qr-url').textContent();
    expect(link?.endsWith(printed ?? '-')).toBe(true);
    // The SVG's modules are the QR encoding of exactly that link.
    const d = await qr.locator('svg path').getAttribute('d');
    expect(d).toBe(qrPath(link ?? '').d);
    const box = await qr.locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(120);
    await page.screenshot({ path: `${ARTIFACTS}wall-qr-1920x1080.png` });
    // A phone in the room opens it: the wall's list with every district linking to its page.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${link}&token=${service.adminToken}`);
    const first = phone.getByTestId('ranking-row').first();
    await first.waitFor();
    await expect(phone.getByTestId('wall-qr').isVisible()).resolves.toBe(false);
    await phone.locator('[data-testid="ranking-row"] a').first().click();
    await phone.waitForFunction(() => location.pathname.startsWith('/district/'));
    await phone.close();
    await page.close();
  });
});
