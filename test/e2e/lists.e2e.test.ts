import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { buildHelper, buildResident } from '../support/factories.js';

describe('helpers and residents pages', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<TestApp['listen']>>['server'];
  let url: string;
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ running: true });
    ({ server, url } = await app.listen());
    site = { url, clock: app.clock };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
  });

  /** Waits for the page's success notice and returns its text. */
  async function notice(page: Page): Promise<string> {
    const el = page.locator('.notice');
    await el.waitFor();
    return (await el.textContent()) ?? '';
  }

  function isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el === el.ownerDocument.activeElement);
  }

  it('creates a helper with weekly times and an absence, refuses an empty name, and deactivates', async () => {
    app.services.helpers.create(buildHelper({ name: 'Bestaande Helper', track: 'care' }), 'test');
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.goto(`${url}/helpers`);
    await page.getByRole('button', { name: 'Bestaande Helper' }).waitFor();

    await page.getByRole('button', { name: 'Nieuwe helper' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe helper' });
    await form.getByLabel('Soort helper').selectOption({ label: 'Vrijwilliger' });
    await form.getByLabel('Leerlijn').selectOption({ label: 'Groen' });
    await form.getByRole('group', { name: 'Groen' }).getByLabel('Tuinieren').check();
    await form.getByLabel('Postcode').fill('6371 AB');
    await form.getByLabel('Huisnummer').fill('5');
    // No geocoder here: the helper's home is pinned on the map.
    await form.getByText('Het adres kan nu niet worden opgezocht').waitFor();
    await form.getByRole('region', { name: 'Kaart van het adres' }).click();
    await form.getByText('De plek is met de hand aangewezen.').waitFor();
    await form.getByLabel('Reist hoogstens (km)').fill('5');

    const week = form.getByRole('group', { name: 'Beschikbaar per week' });
    await week.getByRole('button', { name: 'Tijd toevoegen' }).click();
    await week.getByLabel('Tot').nth(0).fill('12:00');
    await week.getByRole('button', { name: 'Tijd toevoegen' }).focus();
    await page.keyboard.press('Enter');
    expect(await isFocused(week.getByLabel('Dag').nth(1))).toBe(true);
    expect(await week.getByLabel('Dag').nth(1).inputValue()).toBe('2');
    await week.getByLabel('Dag').nth(1).selectOption({ label: 'woensdag' });
    await week.getByLabel('Van').nth(1).fill('13:00');
    await week.getByLabel('Tot').nth(1).fill('12:00');
    await week.getByRole('button', { name: 'Tijd toevoegen' }).click();
    await week.getByRole('button', { name: 'Tijd 3 verwijderen' }).click();
    expect(await week.locator('.row').count()).toBe(2);
    expect(await isFocused(week.getByRole('button', { name: 'Tijd toevoegen' }))).toBe(true);

    const away = form.getByRole('group', { name: 'Afwezig' });
    await away.getByRole('button', { name: 'Afwezigheid toevoegen' }).click();
    await away.getByLabel('Van (datum)').fill('2026-12-24');
    await away.getByLabel('Tot en met (datum)').fill('2026-12-31');
    await away.getByLabel('Reden (mag leeg)').fill('Kerstvakantie');

    await form.getByRole('button', { name: 'Helper opslaan' }).click();
    const nameError = form.locator('[data-field="name"] .field-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toBe('Vul een naam in (hoogstens 120 tekens).');
    expect(await form.locator('[data-field="availability.1.end"] .field-error').textContent()).toBe(
      'Vul begin- en eindtijd in; het einde ligt na het begin.',
    );
    expect(await form.locator('.field-error').count()).toBe(2);
    const name = form.getByLabel('Naam', { exact: true });
    expect(await isFocused(name)).toBe(true);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(app.services.helpers.list({})).toHaveLength(1);

    await page.keyboard.type('Sanne Janssen');
    await week.getByLabel('Tot').nth(1).fill('17:00');
    await name.press('Enter');
    expect(await notice(page)).toBe('Helper Sanne Janssen is opgeslagen.');
    await page.getByRole('button', { name: 'Sanne Janssen' }).waitFor();

    const listed = await app.http.get('/api/v1/helpers?q=Sanne').set(app.auth()).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({
      name: 'Sanne Janssen',
      kind: 'volunteer',
      track: 'green',
      skills: ['gardening'],
      address: { postcode: '6371AB', houseNumber: '5' },
      locationSource: 'manual',
      maxTravelKm: 5,
      travelMode: 'cycling',
      availability: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 3, start: '13:00', end: '17:00' },
      ],
      absences: [{ from: '2026-12-24', to: '2026-12-31', reason: 'Kerstvakantie' }],
      languages: ['nl'],
      active: true,
    });
    // The map opens over Parkstad: the pin is there.
    expect(listed.body[0].location.lat).toBeCloseTo(50.9, 1);
    expect(listed.body[0].location.lon).toBeCloseTo(6.0, 1);
    const id: number = listed.body[0].id;
    await screenshot(page, 'helpers');

    const tools = page.locator('.list-tools');
    await tools.getByLabel('Leerlijn').selectOption({ label: 'Groen' });
    await page.getByRole('button', { name: 'Bestaande Helper' }).waitFor({ state: 'detached' });
    await tools.getByLabel('Leerlijn').selectOption({ label: 'Alle' });
    await tools.getByLabel('Zoeken op naam').fill('bestaande');
    await page.getByRole('button', { name: 'Sanne Janssen' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Bestaande Helper' }).waitFor();
    await tools.getByLabel('Zoeken op naam').fill('');
    await page.getByRole('button', { name: 'Sanne Janssen' }).click();

    const edit = page.getByRole('form', { name: 'Helper Sanne Janssen' });
    expect(await edit.getByRole('group', { name: 'Beschikbaar per week' }).locator('.row').count()).toBe(2);
    page.once('dialog', (dialog) => void dialog.accept());
    await edit.getByRole('button', { name: 'Deactiveren' }).click();
    expect(await notice(page)).toBe('Sanne Janssen is gedeactiveerd.');
    expect(app.services.helpers.get(id).active).toBe(false);
    await page.context().close();
  });

  it('keeps an availability until midnight (24:00) through a save', async () => {
    const untilMidnight = [{ weekday: 6, start: '18:00', end: '24:00' }];
    const helper = app.services.helpers.create(
      buildHelper({ name: 'Avond Helper', availability: untilMidnight }),
      'test',
    );
    const page = await loggedInPage(browser, site, 'admin');
    await page.goto(`${url}/helpers`);
    await page.getByRole('button', { name: 'Avond Helper' }).click();
    const form = page.getByRole('form', { name: 'Helper Avond Helper' });
    expect(await form.getByRole('group', { name: 'Beschikbaar per week' }).getByLabel('Tot').inputValue()).toBe(
      '00:00',
    );
    await form.getByRole('button', { name: 'Helper opslaan' }).click();
    expect(await notice(page)).toBe('Helper Avond Helper is opgeslagen.');
    expect(app.services.helpers.get(helper.id).availability).toEqual(untilMidnight);
    await page.context().close();
  });

  it('creates a resident pinned on the map when the address cannot be looked up, and finds them by phone digits', async () => {
    app.services.residents.create(buildResident({ name: 'Andere Bewoner' }), 'test');
    const page = await loggedInPage(browser, site, 'intake');
    await page.goto(`${url}/residents`);
    await page.getByRole('button', { name: 'Andere Bewoner' }).waitFor();

    await page.getByRole('button', { name: 'Nieuwe bewoner' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe bewoner' });
    await form.getByLabel('Naam').fill('Mevrouw Kessels');
    await form.getByLabel('Telefoon').fill('045 531 23 45');
    await form.getByLabel('Postcode').fill('6411 ab');
    await form.getByLabel('Huisnummer').fill('12');
    // No geocoder and no postcode table here: the last resort is a pin.
    await form.getByText('Het adres kan nu niet worden opgezocht').waitFor();
    await form.getByRole('region', { name: 'Kaart van het adres' }).click();
    await form.getByText('De plek is met de hand aangewezen.').waitFor();
    await form.getByLabel('Straat').fill('Akerstraat');
    await form.getByLabel('Plaats').fill('Heerlen');
    await form.getByLabel('Talen').fill('nl, de');
    await form.getByRole('button', { name: 'Bewoner opslaan' }).click();
    expect(await notice(page)).toBe('Bewoner Mevrouw Kessels is opgeslagen.');

    const [saved] = app.services.residents.search('Kessels');
    expect(saved).toMatchObject({
      name: 'Mevrouw Kessels',
      phone: '045 531 23 45',
      address: { street: 'Akerstraat', houseNumber: '12', postcode: '6411AB', city: 'Heerlen' },
      locationSource: 'manual',
      languages: ['nl', 'de'],
    });
    // The map opens over Parkstad: the pin is there, not at 0,0.
    expect(saved!.location.lat).toBeCloseTo(50.9, 1);
    expect(saved!.location.lon).toBeCloseTo(6.0, 1);

    await page.locator('.list-tools').getByLabel('Zoeken').fill('5312345');
    await page.getByRole('button', { name: 'Andere Bewoner' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Mevrouw Kessels' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'residents');
    await page.context().close();
  });

  it("lets an admin, and only an admin, erase a resident's and a helper's personal data on their request", async () => {
    const resident = app.services.residents.create(
      buildResident({ name: 'Mevrouw Wissen', phone: '045 999 88 77' }),
      'test',
    );
    const helper = app.services.helpers.create(buildHelper({ name: 'Helper Wissen', phone: '06 9999 8877' }), 'test');

    const dispatcher = await loggedInPage(browser, site, 'dispatcher');
    await dispatcher.goto(`${url}/residents`);
    await dispatcher.getByRole('button', { name: 'Mevrouw Wissen' }).click();
    await dispatcher.getByRole('form', { name: 'Bewoner Mevrouw Wissen' }).waitFor();
    expect(await dispatcher.getByRole('button', { name: 'Gegevens wissen (AVG)' }).count()).toBe(0);
    await dispatcher.context().close();

    const page = await loggedInPage(browser, site, 'admin');
    await page.goto(`${url}/residents`);
    await page.getByRole('button', { name: 'Mevrouw Wissen' }).click();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept();
    });
    await page
      .getByRole('form', { name: 'Bewoner Mevrouw Wissen' })
      .getByRole('button', { name: 'Gegevens wissen (AVG)' })
      .click();
    expect(await notice(page)).toBe('De persoonsgegevens zijn gewist.');
    const erasedForm = page.getByRole('form', { name: 'Bewoner gewist' });
    await erasedForm.getByText(/De persoonsgegevens zijn gewist op/).waitFor();
    expect(await erasedForm.getByRole('button', { name: 'Gegevens wissen (AVG)' }).count()).toBe(0);
    expect(app.services.residents.get(resident.id)).toMatchObject({ name: 'gewist', phone: null });

    await page.goto(`${url}/helpers`);
    await page.getByRole('button', { name: 'Helper Wissen' }).click();
    await page
      .getByRole('form', { name: 'Helper Helper Wissen' })
      .getByRole('button', { name: 'Gegevens wissen (AVG)' })
      .click();
    expect(await notice(page)).toBe('De persoonsgegevens zijn gewist.');
    const erasedHelper = page.getByRole('form', { name: 'Helper gewist' });
    await erasedHelper.getByText(/De persoonsgegevens zijn gewist op/).waitFor();
    expect(await erasedHelper.getByRole('button', { name: 'Weer activeren' }).count()).toBe(0);
    expect(app.services.helpers.get(helper.id)).toMatchObject({ name: 'gewist', phone: null, active: false });
    expect(prompts).toEqual([
      expect.stringContaining('Alle persoonsgegevens van Mevrouw Wissen wissen'),
      expect.stringContaining('Alle persoonsgegevens van Helper Wissen wissen'),
    ]);
    await page.context().close();
  });
});
