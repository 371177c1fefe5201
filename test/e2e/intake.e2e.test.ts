import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildResident } from '../support/factories.js';

describe('intake: finding the resident on the line', () => {
  const under = pagesUnderTest();

  it('shows the street of each resident found, so two of the same name can be told apart', async () => {
    for (const houseNumber of ['3', '17']) {
      const address = { street: 'Kerkstraat', houseNumber, postcode: '6371 AB', city: 'Landgraaf' };
      under.app.services.residents.create(buildResident({ name: 'Mevrouw Frijns', address }), 'test');
    }
    const page = await loggedInPage(under.browser, under.site, 'intake');
    await page.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    await page.keyboard.type('Frijns');
    const options = page.getByRole('option', { name: /Mevrouw Frijns/ });
    await options.nth(1).waitFor();
    expect(await options.allTextContents()).toEqual([
      'Mevrouw Frijns · Kerkstraat 3, 6371 AB Landgraaf · 045 531 0000',
      'Mevrouw Frijns · Kerkstraat 17, 6371 AB Landgraaf · 045 531 0000',
    ]);
    await page.context().close();
  });

  it('carries the phone typed in the search into a new resident, and offers the one who is in already', async () => {
    under.app.services.residents.create(buildResident({ name: 'Meneer Wolters', phone: '06 4444 5555' }), 'test');
    const before = under.app.services.residents.search(undefined).length;
    const page = await loggedInPage(under.browser, under.site, 'intake');
    await page.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    // Typed as the caller says it, with the country code: found by its digits all the same.
    await page.keyboard.type('+31 6 4444 5555');
    await page.getByRole('option', { name: /Meneer Wolters/ }).waitFor();
    await page.getByLabel('Bewoner zoeken (telefoon, naam of postcode)').fill('06 1111 2222');
    await page.getByText('Geen bewoner gevonden').waitFor();
    await page.getByRole('button', { name: 'Nieuwe bewoner' }).click();
    const fields = page.getByRole('group', { name: 'Nieuwe bewoner' });
    expect(await fields.getByLabel('Telefoon').inputValue()).toBe('06 1111 2222');

    // The caller turns out to be Meneer Wolters, on his other phone: the same number as stored.
    await fields.getByLabel('Naam').fill('Dhr. Wolters');
    await fields.getByLabel('Telefoon').fill('0644445555');
    await fields.getByRole('button', { name: 'Bewoner opslaan' }).click();
    const warning = fields.getByRole('alert').filter({ hasText: 'staat er misschien al in' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Meneer Wolters');
    await screenshot(page, 'intake-lookalike');
    await warning.getByRole('button', { name: 'Meneer Wolters kiezen' }).click();
    await page.getByText(/Gekozen: Meneer Wolters/).waitFor();
    expect(under.app.services.residents.search(undefined).length).toBe(before);
    await page.context().close();
  });
});
