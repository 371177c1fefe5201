import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';

describe('the settings page', () => {
  const under = pagesUnderTest();

  it('lets an admin change the weights, deadlines and fan-out; a bad value is named and nothing is saved', async () => {
    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('heading', { name: 'Hoe wijkmatch kiest en vraagt' }).waitFor();
    const weights = page.getByRole('group', { name: 'Gewicht van elk criterium in de score' });
    expect(await weights.getByLabel('afstand', { exact: true }).inputValue()).toBe(
      String(DEFAULT_SETTINGS.weights.distance),
    );

    await page.getByLabel('Jaren dat het inzagelog bewaard blijft (minstens 5)').fill('3');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.locator('[data-field="auditRetentionYears"] [aria-invalid="true"]').waitFor();
    expect(under.app.services.settings.get().auditRetentionYears).toBe(DEFAULT_SETTINGS.auditRetentionYears);

    await page.getByLabel('Jaren dat het inzagelog bewaard blijft (minstens 5)').fill('7');
    await weights.getByLabel('afstand', { exact: true }).fill('40');
    await page
      .getByRole('group', { name: /Bedenktijd/ })
      .getByLabel('Spoed', { exact: true })
      .fill('10');
    await page
      .getByRole('group', { name: /Aan hoeveel helpers tegelijk/ })
      .getByLabel('Hoog', { exact: true })
      .fill('2');
    await page.getByLabel('Eerst de vaste helper van de bewoner vragen').uncheck();
    expect(await page.getByLabel(/wie achterloopt op de uren van het leerplan/).isChecked()).toBe(true);
    await page.getByLabel(/klussen dicht bij elkaar combineren/).check();
    await page
      .getByRole('group', { name: /Eerste klus pas na alle workshops/ })
      .getByLabel('Boodschappen', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /Wie deze vaardigheden nog leert/ })
      .getByLabel('Ondersteuning bij dementie', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De instellingen zijn opgeslagen.' }).waitFor();
    expect(under.app.services.settings.get()).toMatchObject({
      auditRetentionYears: 7,
      weights: { ...DEFAULT_SETTINGS.weights, distance: 40 },
      responseMinutes: { ...DEFAULT_SETTINGS.responseMinutes, urgent: 10 },
      fanOut: { ...DEFAULT_SETTINGS.fanOut, high: 2 },
      usualHelperFirst: false,
      practiceHours: true,
      chainTrips: true,
      workshopsFirstSkills: ['groceries'],
      supervisedSkills: ['dementia-support'],
      lastCallUntilStart: DEFAULT_SETTINGS.lastCallUntilStart,
    });
    await screenshot(page, 'settings');
    await page.context().close();
  });

  it('previews how typed weights would rank the first open request, beside how it ranks now', async () => {
    // Ans lives next door; Yusuf lives 3 km off but speaks the resident's Arabic.
    under.app.services.helpers.create(buildHelper({ name: 'Ans', location: LANDGRAAF, languages: ['nl'] }), 'test');
    const far = { lat: LANDGRAAF.lat + 0.027, lon: LANDGRAAF.lon };
    under.app.services.helpers.create(
      buildHelper({ name: 'Yusuf', location: far, languages: ['nl', 'ar'], maxTravelKm: 10 }),
      'test',
    );
    const resident = under.app.services.residents.create(buildResident({ languages: ['ar'] }), 'test');
    // The first test put groceries behind the workshops: lift that, and let language count for nothing.
    under.app.services.settings.update({ weights: { language: 0 }, workshopsFirstSkills: [] });
    under.app.services.requests.create(buildRequest(resident.id), null, 'test');

    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.goto(`${under.site.url}/settings`);
    const preview = page.getByRole('region', { name: 'Zo zouden deze gewichten kiezen' });
    const first = (title: string) => preview.getByRole('region', { name: title }).locator('li').first();
    await first('Nu').waitFor();
    expect(await first('Nu').textContent()).toMatch(/^Ans — /);
    await first('Met de gewichten hierboven').filter({ hasText: /^Ans/ }).waitFor();

    const weights = page.getByRole('group', { name: 'Gewicht van elk criterium in de score' });
    await weights.getByLabel('taal', { exact: true }).fill('60');
    await first('Met de gewichten hierboven')
      .filter({ hasText: /^Yusuf — / })
      .waitFor();
    expect(await first('Nu').textContent()).toMatch(/^Ans — /);
    await screenshot(page, 'settings-preview');
    // Only a preview: nothing is saved until the button is pressed.
    expect(under.app.services.settings.get().weights.language).toBe(0);
    under.app.services.settings.update({ weights: { language: DEFAULT_SETTINGS.weights.language } });
    await page.context().close();
  });

  it('shows a dispatcher the settings to read, with nothing to save', async () => {
    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.goto(`${under.site.url}/settings`);
    await page.getByText('Alleen een beheerder kan deze instellingen wijzigen.').waitFor();
    expect(await page.getByRole('button', { name: 'Instellingen opslaan' }).count()).toBe(0);
    expect(
      await page
        .getByRole('group', { name: /Gewicht/ })
        .getByLabel('afstand', { exact: true })
        .isDisabled(),
    ).toBe(true);
    await page.context().close();
  });
});
