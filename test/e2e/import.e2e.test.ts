import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';

const HEADER = 'Naam;Soort;Richting;Vaardigheden;Breedtegraad;Lengtegraad;Reisafstand';
const csv = (...lines: string[]) => ({
  name: 'leerlingen.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([HEADER, ...lines].join('\n')),
});

describe('the import page', () => {
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

  it('checks the school’s list row by row, refuses to import a list with a rejected row, then imports a good one', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren' }).click();
    await page.getByRole('heading', { name: 'Helpers importeren' }).waitFor();

    await page
      .getByLabel('Bestand (CSV of Excel)')
      .setInputFiles(
        csv('Fleur Janssen;student;zorg;groceries;50,89;6,02;5', 'Sem de Bruijn;student;zorg;juggling;50,89;6,02;5'),
      );
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('status').filter({ hasText: '1 nieuw, 0 bijgewerkt, 1 afgewezen' }).waitFor();
    expect(await page.locator('tr[data-action="reject"] td').allTextContents()).toEqual([
      '3',
      'afgewezen',
      'Vaardigheden: unknown skill juggling',
    ]);
    expect(await page.getByRole('button', { name: 'Importeren' }).isDisabled()).toBe(true);

    await page
      .getByLabel('Bestand (CSV of Excel)')
      .setInputFiles(
        csv(
          'Fleur Janssen;student;zorg;groceries;50,89;6,02;5',
          'Sem de Bruijn;werkzoekende;groen;gardening;50,89;6,02;5',
        ),
      );
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('status').filter({ hasText: '2 nieuw, 0 bijgewerkt, 0 afgewezen' }).waitFor();
    const names = async () =>
      ((await app.http.get('/api/v1/helpers').set(app.auth())).body as { name: string }[]).map((h) => h.name).sort();
    expect(await names()).toEqual([]);
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Geïmporteerd: 2 nieuw, 0 bijgewerkt.').waitFor();
    expect(await names()).toEqual(['Fleur Janssen', 'Sem de Bruijn']);
    await screenshot(page, 'import');
    await page.context().close();
  });

  it('is not there for intake: not in the navigation, and its address is a 404', async () => {
    const page = await loggedInPage(browser, site, 'intake');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Importeren' }).count()).toBe(0);
    expect((await page.goto(`${site.url}/import`))?.status()).toBe(404);
    await page.context().close();
  });
});
