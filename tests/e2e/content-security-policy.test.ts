import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startService } from '../helpers/service';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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

/**
 * Every page works under the Content-Security-Policy the service sends (no inline scripts, no
 * eval): the browser reports no violation and the page renders.
 */
describe('the dashboard under its Content-Security-Policy', () => {
  let service: Service;
  let browser: Browser;
  beforeAll(async () => {
    service = await startService({ simulate: false });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('an inline script is refused and the refusal is seen (the check above can fail)', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${service.url}/wall`, { waitUntil: 'load' });
    await page.addScriptTag({ content: 'window.__inline = 1;' }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __inline?: number }).__inline)).toBeUndefined();
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });

  it.each([
    ['/wall', '[data-testid="ranking-row"]'],
    ['/matrix', 'main, [data-testid]'],
    ['/national', 'main, [data-testid]'],
    ['/alerts', 'main, [data-testid]'],
    ['/district/kokshetau', 'main, [data-testid]'],
    ['/docs', '#swagger-ui'],
  ])('%s renders with no CSP violation', async (path, selector) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) {
        violations.push(m.text());
      }
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Refused to execute: CSP ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const res = await page.goto(`${service.url}${path}?token=${service.adminToken}`, {
      waitUntil: 'load',
    });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector(selector, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    expect(violations).toEqual([]);
    await page.close();
  });
});
