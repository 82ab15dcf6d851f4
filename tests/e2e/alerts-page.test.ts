import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Alert } from '@region-score/contracts';
import { startService } from '../helpers/service';

/**
 * The alerts page as an analyst uses it, in Debian's Chromium against the whole service: criticals
 * first with counts by severity, filters and grouping, a list that does not move on live events
 * (they show as "N new — refresh"), summaries in the chosen language, and no axe-core violation.
 * Districts that never reported have stale required data, so alerts fire on their own.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core');

type Service = Awaited<ReturnType<typeof startService>>;
let service: Service;
let browser: Browser;
let page: Page;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${service.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${service.adminToken}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function open(lang: string, width = 1280, height = 720): Promise<void> {
  await page.setViewportSize({ width, height });
  const params = new URLSearchParams({ token: service.adminToken, lang });
  await page.goto(`${service.url}/alerts?${params.toString()}`, { waitUntil: 'load' });
  await page.getByTestId('alert').first().waitFor({ timeout: 30_000 });
}

const severities = () =>
  page
    .getByTestId('alert')
    .evaluateAll((els) =>
      els.map((el) => (el.classList.contains('critical') ? 'critical' : 'warning')),
    );

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  page = await browser.newPage({ bypassCSP: true });
  for (let i = 0; i < 150; i++) {
    const { alerts } = await api<{ alerts: Alert[] }>('/api/v1/alerts?state=firing&region=aqmola');
    if (alerts.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('alerts page', () => {
  it('lists criticals first and always shows the counts by severity', async () => {
    await open('en');
    const { alerts } = await api<{ alerts: Alert[] }>('/api/v1/alerts?state=firing&region=aqmola');
    const order = await severities();
    expect(order.length).toBe(alerts.length);
    expect(order).toEqual([...order].sort());
    const critical = alerts.filter((a) => a.severity === 'critical').length;
    const counts = await page.getByTestId('alert-counts').innerText();
    expect(counts).toContain(`: ${critical}`);
    expect(counts).toContain(`: ${alerts.length - critical}`);
    expect((await new AxeRunner(page).serious()).map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}alerts-en-1280x720.png` });
  });

  it('filters by severity, district and rule, and groups by district', async () => {
    await open('en');
    const all = await page.getByTestId('alert').count();
    await page.getByTestId('filter-severity').selectOption('warning');
    const warnings = await severities();
    expect(warnings.every((s) => s === 'warning')).toBe(true);
    await page.getByTestId('filter-severity').selectOption('');
    const district = await page
      .getByTestId('filter-district')
      .locator('option')
      .nth(1)
      .getAttribute('value');
    await page.getByTestId('filter-district').selectOption(district ?? '');
    const hrefs = await page
      .locator('[data-testid="alert"] a.what')
      .evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith(`/district/${district}`))).toBe(true);
    await page.getByTestId('filter-district').selectOption('');
    await page.getByTestId('group-by').selectOption('district');
    const groups = await page.getByTestId('alert-group').count();
    expect(groups).toBeGreaterThan(0);
    expect(await page.getByTestId('alert').count()).toBe(all);
  });

  it('does not move while an analyst types; new events show as "N new — refresh"', async () => {
    await open('en');
    const before = await page
      .getByTestId('alert')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    const card = page.getByTestId('alert').nth(1);
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByRole('textbox', { name: 'Comment' }).fill('typing…');
    // Another analyst acknowledges the first alert: a live event.
    await api(`/api/v1/alerts/${encodeURIComponent(before[0] ?? '')}/ack`, {
      method: 'POST',
      body: JSON.stringify({ comment: 'on it' }),
    });
    await expect
      .poll(() => page.getByTestId('alerts-new').innerText(), { timeout: 15_000 })
      .toMatch(/\d+ new — refresh/);
    const after = await page
      .getByTestId('alert')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    expect(after).toEqual(before);
    expect(await card.getByRole('textbox', { name: 'Comment' }).inputValue()).toBe('typing…');
    await page.getByTestId('alerts-new').click();
    await expect.poll(() => page.getByTestId('alerts-new').count()).toBe(0);
  });

  it('summaries and labels are in Russian and Kazakh, no English words', async () => {
    for (const lang of ['ru', 'kk']) {
      await open(lang, 390, 844);
      const summaries = await page
        .locator('[data-testid="alert"] .summary')
        .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
      for (const s of summaries) expect(s, `${lang}: ${s}`).not.toMatch(/[A-Za-z]{3,}/);
      const filters = await page.locator('.filters').innerText();
      expect(filters).not.toMatch(/Severity|District|Rule|Group/);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${lang} at 390 px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}alerts-${lang}-390x844.png` });
    }
  });
});

describe('alerts page at every size and language', () => {
  it('has no horizontal scroll, and is saved as screenshots', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160],
      [390, 844],
    ] as const) {
      for (const lang of ['ru', 'kk', 'en']) {
        await open(lang, width, height);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${lang} ${width}x${height}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${ARTIFACTS}alerts-${lang}-${width}x${height}.png` });
      }
    }
  }, 120_000);
});

/** axe-core injected into the page; serious and critical violations only. */
class AxeRunner {
  constructor(private readonly page: Page) {}
  async serious(): Promise<{ id: string }[]> {
    await this.page.addScriptTag({ path: AXE });
    return this.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; impact: string | null }[] }> };
        }
      ).axe;
      const { violations } = await axe.run();
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id }));
    });
  }
}
