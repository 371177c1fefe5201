import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { buildHelper, buildRequest } from '../support/factories.js';
import { type FakePdok, PARKSTAD_ADDRESSES, startFakePdok } from '../support/pdok.js';
import { startTileServer } from '../support/tiles.js';

const HOOFDSTRAAT = PARKSTAD_ADDRESSES[0]!;

describe('an address typed on the residents page', () => {
  let pdok: FakePdok;
  let tileServer: Awaited<ReturnType<typeof startTileServer>>;
  let browser: Browser;
  const started: Array<{ app: TestApp; close: () => Promise<void> }> = [];

  beforeAll(async () => {
    pdok = await startFakePdok(PARKSTAD_ADDRESSES);
    tileServer = await startTileServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of started) {
      await s.close();
      s.app.close();
    }
    await tileServer?.close();
    await pdok?.close();
  });

  async function site(tiles: { url: string; attribution: string }): Promise<{ app: TestApp; site: Site }> {
    const app = await startTestApp({
      running: true,
      geocoder: pdokGeocoder({ url: pdok.url, timeoutMs: 2000 }),
      tiles,
    });
    const { server, url } = await app.listen();
    started.push({ app, close: () => server.close() });
    return { app, site: { url, clock: app.clock } };
  }

  async function newResident(page: Page, url: string) {
    await page.goto(`${url}/residents`);
    await page.getByRole('button', { name: 'Nieuwe bewoner' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe bewoner' });
    await form.getByLabel('Naam').fill('Meneer Dassen');
    await form.getByLabel('Postcode').fill('6372 AD');
    return form;
  }

  it('fills street and city, offers the house numbers, shows the point on the map with its neighbourhood', async () => {
    const { app, site: s } = await site(tileServer.tiles);
    const before = tileServer.referers.length;
    const page = await loggedInPage(browser, s, 'intake');
    const form = await newResident(page, s.url);
    const numbers = form.locator('datalist option');
    await expect.poll(() => numbers.count()).toBe(3);
    expect(await numbers.evaluateAll((os) => os.map((o) => (o as { value: string }).value))).toEqual([
      '12',
      '12A',
      '14',
    ]);
    expect(await form.getByLabel('Breedtegraad').count()).toBe(0);

    await form.getByLabel('Huisnummer').fill('12');
    await expect.poll(() => form.getByLabel('Straat').inputValue()).toBe('Hoofdstraat');
    expect(await form.getByLabel('Plaats').inputValue()).toBe('Landgraaf');
    await form.getByText('Wijk Schaesberg · buurt Schaesberg-Centrum').waitFor();
    const map = form.getByRole('region', { name: 'Kaart van het adres' });
    await map.locator('path.map-point').waitFor();
    await expect.poll(() => tileServer.served.length).toBeGreaterThan(0);
    expect(await map.getAttribute('data-tiles')).toBe('loaded');
    // The site's origin only: the page's path (a personal link holds its token) never leaves.
    expect(new Set(tileServer.referers.slice(before))).toEqual(new Set([`${new URL(s.url).origin}/`]));
    await map.getByText('Testkaart').waitFor();
    await screenshot(page, 'resident-address');

    await form.getByRole('button', { name: 'Bewoner opslaan' }).click();
    await page.locator('.notice').waitFor();
    const [saved] = app.services.residents.search('Dassen');
    expect(saved).toMatchObject({
      address: { street: 'Hoofdstraat', houseNumber: '12', postcode: '6372AD', city: 'Landgraaf' },
      location: { lat: HOOFDSTRAAT.lat, lon: HOOFDSTRAAT.lon },
      locationSource: 'pdok',
      neighbourhood: { buurt: 'Schaesberg-Centrum' },
    });
    await page.context().close();
  });

  it('at intake, a new resident is entered with postcode and house number only, and saved at the house', async () => {
    const { app, site: s } = await site(tileServer.tiles);
    const page = await loggedInPage(browser, s, 'intake');
    await page.goto(`${s.url}/intake`);
    await page.getByRole('button', { name: 'Nieuwe bewoner' }).click();
    const fieldset = page.getByRole('group', { name: 'Nieuwe bewoner' });
    await fieldset.getByLabel('Naam').fill('Mevrouw Frijns');
    await fieldset.getByLabel('Postcode').fill('6417 BN');
    await fieldset.getByLabel('Huisnummer').fill('86');
    await expect.poll(() => fieldset.getByLabel('Straat').inputValue()).toBe('Akerstraat');
    await fieldset.getByText('Wijk Heerlen-Centrum · buurt Schandelen').waitFor();
    await fieldset.getByRole('button', { name: 'Bewoner opslaan' }).click();
    await expect.poll(() => app.services.residents.search('Frijns').length).toBe(1);
    expect(app.services.residents.search('Frijns')[0]).toMatchObject({
      address: { street: 'Akerstraat', houseNumber: '86', postcode: '6417BN', city: 'Heerlen' },
      locationSource: 'pdok',
      neighbourhood: { wijk: 'Heerlen-Centrum', buurt: 'Schandelen' },
    });
    await page.context().close();
  });

  it('shows the board as a map: requests by urgency, helpers on demand, a click opens the card, live', async () => {
    const { app, site: s } = await site(tileServer.tiles);
    const located = async (name: string, address: { postcode: string; houseNumber: string }) => {
      const input = { name, address };
      return app.services.residents.create(input, 'test', { place: await app.services.residents.locate(input) });
    };
    const helperInput = buildHelper({ address: { postcode: '6372AD', houseNumber: '12' }, maxTravelKm: 12 });
    delete helperInput.location;
    const helper = app.services.helpers.create(helperInput, 'test', {
      place: await app.services.helpers.locate(helperInput),
    });
    const near = await located('Mevrouw Schaesberg', { postcode: '6372AD', houseNumber: '12' });
    const far = await located('Meneer Schandelen', { postcode: '6417BN', houseNumber: '86' });
    const urgent = app.services.requests.create(buildRequest(near.id, { urgency: 'urgent' }), null, 'test');
    app.services.requests.create(buildRequest(far.id, { urgency: 'low' }), null, 'test');

    const page = await loggedInPage(browser, s, 'dispatcher');
    await page.getByRole('button', { name: 'Kaart', exact: true }).click();
    const map = page.getByRole('region', { name: 'Kaart van de hulpvragen' });
    await expect.poll(() => map.locator('path.map-point').count()).toBe(2);
    expect(await map.locator(`path.map-point-r${urgent.id}`).getAttribute('fill')).toBe('#c62828');
    await expect.poll(() => map.getAttribute('data-tiles')).toBe('loaded');

    await page.getByLabel('Woonplekken van helpers tonen').check();
    await map.locator(`path.map-point-h${helper.id}`).waitFor();

    const later = app.services.requests.create(buildRequest(far.id, { urgency: 'high' }), null, 'test');
    await map.locator(`path.map-point-r${later.id}`).waitFor();
    expect(await map.locator(`path.map-point-r${later.id}`).getAttribute('fill')).toBe('#ef6c00');

    await map.locator(`path.map-point-r${urgent.id}`).dispatchEvent('click');
    await page.getByRole('dialog').waitFor();
    // The candidates say where a helper lives as the CBS buurt and wijk, never the street.
    const candidate = page.getByRole('dialog').locator('tbody tr').first();
    await candidate.filter({ hasText: 'Schaesberg-Centrum (Schaesberg)' }).waitFor();
    expect(await candidate.textContent()).not.toContain('Hoofdstraat');
    await screenshot(page, 'board-map');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // The wijk filter narrows the map as it narrows the lanes.
    await page.getByLabel('Wijk', { exact: true }).selectOption('Schaesberg');
    await expect.poll(() => map.locator('path.map-point[class*="map-point-r"]').count()).toBe(1);
    await page.getByLabel('Wijk', { exact: true }).selectOption({ index: 0 });
    await expect.poll(() => map.locator('path.map-point[class*="map-point-r"]').count()).toBe(3);

    // Today's job stays on the map once assigned, in its urgency's colour; a job for another day leaves
    // it when assigned, live.
    const todays = app.services.requests.create(
      buildRequest(near.id, { window: { start: '2026-11-23T14:00:00+01:00', end: '2026-11-23T16:00:00+01:00' } }),
      null,
      'test',
    );
    await map.locator(`path.map-point-r${todays.id}`).waitFor();
    for (const id of [todays.id, later.id])
      await app.http.post(`/api/v1/requests/${id}/assign`).set(app.auth()).send({ helperId: helper.id }).expect(201);
    await map.locator(`path.map-point-r${later.id}`).waitFor({ state: 'detached' });
    expect(await map.locator(`path.map-point-r${todays.id}`).getAttribute('fill')).toBe('#1f5fa8');
    await page.context().close();
  });

  it('without tiles, still shows the point on a plain background with the neighbourhood named', async () => {
    const gone = await startTileServer();
    await gone.close();
    const { site: s } = await site(gone.tiles);
    const page = await loggedInPage(browser, s, 'intake');
    const form = await newResident(page, s.url);
    await form.getByLabel('Huisnummer').fill('14');
    const map = form.getByRole('region', { name: 'Kaart van het adres' });
    await map.locator('path.map-point').waitFor();
    await expect.poll(() => map.getAttribute('data-tiles')).toBe('none');
    await map.locator('.map-area-label', { hasText: 'Schaesberg-Centrum' }).waitFor();
    await screenshot(page, 'resident-address-no-tiles');
    await page.context().close();
  });
});
