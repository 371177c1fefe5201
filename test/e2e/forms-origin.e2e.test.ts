import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { browserContext, launchChromium, loggedInPage, type Site } from '../support/browser.js';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let site: Site;
let browser: Browser;
/** Another site, on another port: a page whose form posts to our login. */
let elsewhere: Server;
let elsewhereUrl: string;

beforeAll(async () => {
  app = await startTestApp({ running: true });
  const listening = await app.listen();
  server = listening.server;
  site = { url: listening.url, clock: app.clock };
  elsewhere = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<form method="post" action="${site.url}/login">
      <input name="email" value="dispatcher@wijkmatch.test"><input name="password" value="${PASSWORD}">
      <button>Go</button></form>`);
  });
  await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
  elsewhereUrl = `http://localhost:${(elsewhere.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((done) => elsewhere?.close(done));
  app?.close();
});

describe('the login and logout forms in Chromium', () => {
  it('log in and out from our own pages', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    expect(new URL(page.url()).pathname).toBe('/board');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login$/);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await page.context().close();
  });

  it('refuse a login posted by another site’s page, and set no session', async () => {
    const context = await browserContext(browser, site);
    const page = await context.newPage();
    await page.goto(elsewhereUrl);
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${site.url}/login`),
      page.getByRole('button', { name: 'Go' }).click(),
    ]);
    expect(reply.status()).toBe(403);
    expect((await context.cookies(site.url)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await context.close();
  });
});
