import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type {
  DistrictDetail,
  IndicatorResult,
  ObservationInput,
  RegionsReply,
  RegionSummary,
} from '@region-score/contracts';
import { startService } from '../helpers/service';

/**
 * The dashboard in Debian's Chromium against the whole service (API, worker, built dashboard) on
 * one port, with the simulator off so only this test moves the ranking.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Service = Awaited<ReturnType<typeof startService>>;

let service: Service;
let browser: Browser;
let page: Page;
let region: RegionSummary;

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${service.url}${path}`, {
    headers: { authorization: `Bearer ${service.adminToken}` },
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function open(path: string, query: Record<string, string> = {}): Promise<unknown> {
  const params = new URLSearchParams({ token: service.adminToken, ...query });
  return page.goto(`${service.url}${path}?${params.toString()}`, { waitUntil: 'load' });
}

/**
 * A value at or past the target in the indicator's good direction: at least 100 % of plan, yet
 * inside the plausible range the API enforces. The other districts have no data (no simulator).
 */
function winningValue(result: IndicatorResult, direction: string): number {
  return direction === 'lower'
    ? Math.min(result.planToDate, result.target)
    : Math.max(result.planToDate, result.target);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  service = await startService({ simulate: false });
  const regions = await api<RegionsReply>('/api/v1/regions');
  const aqmola = regions.regions.find((r) => r.id === 'aqmola') ?? regions.regions[0];
  if (!aqmola) throw new Error('the service lists no region');
  region = aqmola;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('dashboard', () => {
  it('shows every Aqmola district and city ranked on the wall', async () => {
    expect(region.districts).toHaveLength(20);
    await open('/wall');
    const rows = page.getByTestId('ranking-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(20);
    const ranks = await rows.evaluateAll((els) => els.map((el) => Number(el.dataset.rank)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const ids = await rows.evaluateAll((els) => els.map((el) => el.dataset.id));
    expect(new Set(ids)).toEqual(new Set(region.districts.map((d) => d.id)));
    const names = await page.getByTestId('wall').innerText();
    for (const district of region.districts) expect(names).toContain(district.name.ru);
    await page.screenshot({ path: `${ARTIFACTS}wall-1920x1080.png` });
  });

  it('moves a district to rank 1 live when its values are posted', async () => {
    const last = page.locator('[data-testid="ranking-row"][data-rank="20"]');
    const id = await last.getAttribute('data-id');
    expect(id).toBeTruthy();
    const district = id as string;
    const detail = await api<DistrictDetail>(`/api/v1/districts/${district}`);
    expect(detail.score).not.toBeNull();
    const date = new Date().toISOString().slice(0, 10);
    const observations: ObservationInput[] = (detail.score?.indicators ?? []).map((result) => {
      const meta = region.indicators.find((i) => i.id === result.indicator);
      return {
        district,
        indicator: result.indicator,
        value: winningValue(result, meta?.direction ?? 'higher'),
        date,
      };
    });
    const res = await service.postObservations(observations);
    expect(res.status, await res.clone().text()).toBe(202);

    const first = page.locator('[data-testid="ranking-row"][data-rank="1"]');
    await expect
      .poll(() => first.getAttribute('data-id'), { timeout: 30_000, interval: 250 })
      .toBe(district);
    // Same page, no reload: the connection badge stayed live throughout.
    expect(await page.getByTestId('connection').getAttribute('data-state')).toBe('live');
  });

  it('draws a uPlot chart per indicator on the district page', async () => {
    const district = region.districts[0]?.id ?? '';
    await open(`/district/${district}`);
    const charts = page.getByTestId('indicator-chart');
    await expect.poll(() => charts.count(), { timeout: 30_000 }).toBe(region.indicators.length);
    await expect
      .poll(() => page.locator('[data-testid="indicator-chart"] .uplot canvas').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
  });

  it('speaks Kazakh with ?lang=kk', async () => {
    await open('/wall', { lang: 'kk' });
    await expect.poll(() => page.getByTestId('ranking-row').count(), { timeout: 30_000 }).toBe(20);
    const text = await page.getByTestId('wall').innerText();
    // Column heads are upper-cased by CSS, and innerText reports them as shown.
    expect(text.toLocaleUpperCase('kk')).toContain('ОРЫН');
    expect(text).toContain('Облыс ұпайы');
    expect(text).toContain(region.districts[0]?.name.kk ?? '');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
  });

  it('shows the heat map of districts × indicators', async () => {
    await open('/matrix');
    const cells = page.locator('[data-testid="matrix"] [data-status]');
    await expect
      .poll(() => cells.count(), { timeout: 30_000 })
      .toBe(region.districts.length * region.indicators.length);
    await expect
      .poll(() => page.locator('[data-testid="matrix"] [data-status="on_track"]').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}matrix-1920x1080.png` });
  });

  it('lets an analyst acknowledge a firing alert on the Alerts page', async () => {
    // Districts that never reported have stale required data: those alerts fire on their own.
    await open('/alerts', { lang: 'en' });
    const card = page.locator('[data-testid="alert"]').first();
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    const id = (await card.getAttribute('data-id')) ?? '';
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByRole('textbox', { name: 'Comment' }).fill('calling the district office');
    await card.locator('form button[type="submit"]').click();
    await expect
      .poll(
        async () =>
          (await api<{ ack: { comment: string } | null }>(`/api/v1/alerts/${id}`)).ack?.comment,
        {
          timeout: 15_000,
        },
      )
      .toBe('calling the district office');
  });

  it('ranks the regions on the national view', async () => {
    await open('/national', { lang: 'en' });
    // Two regions: each a card (with its top and bottom districts beside it).
    const cards = page.locator('[data-testid="national"] [data-testid="region-card"]');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(2);
    const text = await page.getByTestId('national').innerText();
    expect(text).toContain('Aqmola Region');
    expect(text).toContain('Pavlodar Region');
  });
});
