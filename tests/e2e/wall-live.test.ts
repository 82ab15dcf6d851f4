import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService } from '../helpers/service';

/**
 * Defect 3 of issue 9: the wall must say it is not live within 3 s, whether the socket closes
 * (server stopped) or stays open and goes silent (heartbeat timeout), and a stale wall must look
 * stale from across the room (greyed rows, a banner with the time of the last confirmed data).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const NOT_LIVE_WITHIN_MS = 3_000;

type Service = Awaited<ReturnType<typeof startService>>;

let service: Service;
let browser: Browser;

function wallUrl(query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ token: service.adminToken, ...query });
  return `${service.url}/wall?${params.toString()}`;
}

async function waitLive(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId('ranking-row').count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 15_000 })
    .toBe('live');
}

/** Milliseconds until the badge leaves `live`, polled every 100 ms, or Infinity after 10 s. */
async function msUntilNotLive(page: Page, since: number): Promise<number> {
  const deadline = since + 10_000;
  while (Date.now() < deadline) {
    const state = await page.getByTestId('connection').getAttribute('data-state');
    if (state !== 'live') return Date.now() - since;
    await page.waitForTimeout(100);
  }
  return Infinity;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the wall when the feed stops', () => {
  it('says it is not live within 3 s when the socket stays open but goes silent', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    let silent = false;
    // A real socket to the real server, with a switch that swallows what the server sends:
    // the connection stays open, as when a proxy or the network stalls.
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (!silent) ws.send(message);
      });
      ws.onMessage((message) => server.send(message));
    });
    await page.goto(wallUrl(), { waitUntil: 'load' });
    await waitLive(page);
    expect(await page.getByTestId('not-live').count()).toBe(0);

    silent = true;
    const ms = await msUntilNotLive(page, Date.now());
    expect(ms).toBeLessThanOrEqual(NOT_LIVE_WITHIN_MS);

    // Stale from across the room: a big banner with the time, greyed rows, a paused ticker.
    const banner = page.getByTestId('not-live');
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toMatch(/Нет связи — данные на \d{1,2}:\d{2}/);
    expect(await page.getByTestId('wall').getAttribute('data-live')).toBe('no');
    const filter = await page
      .locator('[data-testid="wall"] main')
      .evaluate((el) => getComputedStyle(el).filter);
    expect(filter).toContain('grayscale(1)');
    await page.screenshot({ path: `${ARTIFACTS}wall-not-live-1920x1080.png` });

    silent = false;
    await expect
      .poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('live');
    expect(await banner.count()).toBe(0);
    await page.close();
  });

  it('says it is not live within 3 s of the server stopping', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(wallUrl({ lang: 'en' }), { waitUntil: 'load' });
    await waitLive(page);
    const stoppedAt = Date.now();
    await service.stop();
    const ms = await msUntilNotLive(page, stoppedAt);
    expect(ms).toBeLessThanOrEqual(NOT_LIVE_WITHIN_MS);
    await expect.poll(() => page.getByTestId('not-live').isVisible()).toBe(true);
    expect(await page.getByTestId('not-live').innerText()).toMatch(/Not live/);
    await page.close();
  });
});
