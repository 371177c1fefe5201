import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { browserContext, launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let site: Site;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp({ running: true });
  const { server: listening, url } = await app.listen();
  server = listening;
  site = { url, clock: app.clock };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.close();
});

describe('what every page has, in Chromium', () => {
  it('shows a Dutch page for a wrong address, with a way back, where the API answers JSON', async () => {
    const context = await browserContext(browser, site);
    const page = await context.newPage();
    const reply = await page.goto(`${site.url}/bewoners`);
    expect(reply?.status()).toBe(404);
    expect(await page.getByRole('heading', { name: 'Pagina niet gevonden' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Naar het bord' }).getAttribute('href')).toBe('/board');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await screenshot(page, 'not-found');
    const api = await page.goto(`${site.url}/api/v1/nothing-here`);
    expect(api?.status()).toBe(404);
    expect(api?.headers()['content-type']).toMatch(/^application\/json/);
    await context.close();
  });

  it('has the service’s own icon on every page', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    for (const path of ['/board', '/intake', '/helpers', '/residents', '/login']) {
      await page.goto(`${site.url}${path}`);
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      const icon = await page.evaluate(async (src) => {
        const res = await fetch(src);
        return { status: res.status, type: res.headers.get('content-type') };
      }, href!);
      expect(icon).toEqual({ status: 200, type: expect.stringMatching(/^image\/svg\+xml/) });
    }
    const legacy = await page.evaluate(async () => (await fetch('/favicon.ico')).url);
    expect(legacy).toMatch(/\/assets\/favicon\.svg$/);
    await page.context().close();
  });
});
