import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from './app.js';

/** Screenshots of the pages, kept by CI as test artifacts. */
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts');

/** Debian's Chromium, headless, with no network of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=nl-NL'],
  });
}

/** The service as a browser reaches it: its address and the clock it runs on. */
export interface Site {
  url: string;
  clock: () => number;
}

/**
 * A fresh browser context in Dutch and Amsterdam time whose clock runs from the service's own, so
 * "today", deadlines and countdowns on the page agree with the server whatever day the test runs.
 */
export async function browserContext(
  browser: Browser,
  site: Site,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options });
  await context.clock.install({ time: site.clock() });
  return context;
}

/**
 * For a file of page tests: the service on a running clock with its live board on a free port, and
 * Chromium, started before the file's tests and closed after them. Read the fields inside the tests.
 */
export function pagesUnderTest(): { app: TestApp; site: Site; browser: Browser } {
  const under = {} as { app: TestApp; site: Site; browser: Browser };
  let server: Awaited<ReturnType<TestApp['listen']>>['server'] | undefined;
  beforeAll(async () => {
    under.app = await startTestApp({ running: true });
    const listening = await under.app.listen();
    server = listening.server;
    under.site = { url: listening.url, clock: under.app.clock };
    under.browser = await launchChromium();
  });
  afterAll(async () => {
    await under.browser?.close();
    await server?.close();
    under.app?.close();
  });
  return under;
}

/** A fresh browser context logged in as a staff role through the real login form. */
export async function loggedInPage(
  browser: Browser,
  site: Site,
  role: 'admin' | 'dispatcher' | 'intake' | 'coach' = 'dispatcher',
  viewport = { width: 1920, height: 1080 },
): Promise<Page> {
  const { url } = site;
  const context = await browserContext(browser, site, { viewport });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mailadres').fill(`${role}@wijkmatch.test`);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/(board|intake|coach)$/);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export type { TestApp };
