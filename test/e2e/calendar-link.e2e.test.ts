import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { browserContext, launchChromium } from '../support/browser.js';
import { buildHelper } from '../support/factories.js';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let url: string;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp({ running: true });
  ({ server, url } = await app.listen());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.close();
});

describe('the calendar link on the helper’s page', () => {
  // webcal:// is plain HTTP whatever the page was served over, and most phones hand it to an app
  // that fetches it outside the browser: the link would carry the token unencrypted.
  it('points at the feed on the scheme, host and port the page came from', async () => {
    const helperId = app.services.helpers.create(buildHelper({ name: 'Sanne' }), 'test').id;
    const token = app.services.auth.issueHelperLink(helperId, 'test').token;
    const page = await (await browserContext(browser, { url, clock: app.clock })).newPage();
    await page.goto(`${url}/h/${token}`);
    const link = page.locator('a[href$="/calendar.ics"]');
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`${url}/h/${token}/calendar.ics`);
    const feed = await fetch(href);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
  });
});
