import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { buildResident } from '../support/factories.js';

describe('the access log page', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<TestApp['listen']>>['server'];
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ running: true });
    const listening = await app.listen();
    server = listening.server;
    site = { url: listening.url, clock: app.clock };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
  });

  it('shows an admin who read which resident, and filters by resident and action', async () => {
    const read = app.services.residents.create(buildResident({ name: 'Mevrouw Inzage' }), 'test');
    const other = app.services.residents.create(buildResident({ name: 'Meneer Ander' }), 'test');
    await app.http.get(`/api/v1/residents/${read.id}`).set(app.auth('intake')).expect(200);
    await app.http
      .patch(`/api/v1/residents/${other.id}`)
      .set(app.auth('dispatcher'))
      .send({ notes: 'bellen' })
      .expect(200);

    const page = await loggedInPage(browser, site, 'admin');
    await page.goto(`${site.url}/audit`);
    await page.getByRole('heading', { name: 'Wie heeft wat ingezien' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 regels' }).waitFor();

    await page.getByLabel('Bewonernummer').fill(String(read.id));
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '1 regel' }).waitFor();
    const row = page.locator('tbody tr');
    expect(await row.locator('td').allTextContents()).toEqual([
      expect.any(String),
      expect.stringMatching(/^user:\d+$/),
      'intake',
      'gelezen',
      String(read.id),
      expect.any(String),
    ]);
    // No name on the log: it says who looked at which resident number, not what they saw.
    expect(await page.locator('main').textContent()).not.toContain('Inzage');

    await page.getByLabel('Bewonernummer').fill('');
    await page.getByLabel('Handeling').selectOption('update');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '1 regel' }).waitFor();
    expect(await page.locator('tbody tr td').nth(3).textContent()).toBe('gewijzigd');
    await screenshot(page, 'audit');
    await page.context().close();
  });

  it('is not there for other roles: not in their navigation, and its address is a 404', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.goto(`${site.url}/board`);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Inzagelog' }).count()).toBe(0);
    const res = await page.goto(`${site.url}/audit`);
    expect(res?.status()).toBe(404);
    await page.context().close();
  });
});
