import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PASSWORD, type TestApp } from './app.js';

/** Screenshots of the pages, kept by CI as test artifacts. */
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts');

/** Debian's Chromium, headless, with no network of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=nl-NL'],
  });
}

/** A fresh browser context logged in as a staff role through the real login form. */
export async function loggedInPage(
  browser: Browser,
  url: string,
  role: 'admin' | 'dispatcher' | 'intake' = 'dispatcher',
  viewport = { width: 1920, height: 1080 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mailadres').fill(`${role}@wijkmatch.test`);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/(board|intake)$/);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export type { TestApp };
