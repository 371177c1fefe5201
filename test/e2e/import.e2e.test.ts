import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { type FakePdok, PARKSTAD_ADDRESSES, startFakePdok } from '../support/pdok.js';

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
  let pdok: FakePdok;

  beforeAll(async () => {
    pdok = await startFakePdok(PARKSTAD_ADDRESSES);
    app = await startTestApp({ running: true, geocoder: pdokGeocoder({ url: pdok.url, timeoutMs: 2000 }) });
    const listening = await app.listen();
    server = listening.server;
    site = { url: listening.url, clock: app.clock };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await pdok?.close();
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

  it('imports residents under a saved column, their addresses looked up, with a progress bar', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.goto(`${site.url}/import`);
    await page.getByLabel('Bewoners').check();
    await page.getByRole('heading', { name: 'Bewoners importeren' }).waitFor();
    await page.getByText('Kolommen', { exact: true }).click();
    await page.getByLabel('Naam (name, naam)').fill('Naam bewoner');
    await page.getByRole('button', { name: 'Kolommen opslaan' }).click();
    await page.getByText('Kolommen opgeslagen.').waitFor();

    const list = ['Naam bewoner;Postcode;Huisnummer', 'Mevrouw Hendriks;6372 AD;12', 'Meneer Smeets;6417BN;86'];
    await page
      .getByLabel('Bestand (CSV of Excel)')
      .setInputFiles({ name: 'bewoners.csv', mimeType: 'text/csv', buffer: Buffer.from(list.join('\n')) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('status').filter({ hasText: '2 nieuw, 0 bijgewerkt, 0 afgewezen' }).waitFor();
    const bar = page.getByLabel('Voortgang');
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual(['2', '2']);
    await page.getByText('Rijen gecontroleerd en adressen opgezocht: 2 van 2').waitFor();
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Geïmporteerd: 2 nieuw, 0 bijgewerkt.').waitFor();
    const stored = app.services.residents.search(undefined);
    expect(stored.map((r) => [r.name, r.neighbourhood?.buurt]).sort()).toEqual([
      ['Meneer Smeets', 'Schandelen'],
      ['Mevrouw Hendriks', 'Schaesberg-Centrum'],
    ]);

    await page.reload();
    await page.getByLabel('Bewoners').check();
    await page.getByText('Kolommen', { exact: true }).click();
    expect(await page.getByLabel('Naam (name, naam)').inputValue()).toBe('Naam bewoner');
    await screenshot(page, 'import-residents');
    await page.context().close();
  });

  it('is not there for intake: not in the navigation, and its address is a 404', async () => {
    const page = await loggedInPage(browser, site, 'intake');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Importeren' }).count()).toBe(0);
    expect((await page.goto(`${site.url}/import`))?.status()).toBe(404);
    await page.context().close();
  });
});
