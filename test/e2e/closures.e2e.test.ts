import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';

describe('the closures page', () => {
  const under = pagesUnderTest();

  it('lets a dispatcher close the summer and open it again, without the API', async () => {
    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.getByRole('navigation').getByRole('link', { name: 'Sluitingen' }).click();
    await page.getByRole('heading', { name: 'Wanneer we dicht zijn' }).waitFor();
    await page.getByText('Er staat geen sluiting gepland.').waitFor();

    // "to" before "from": the field is named, nothing is saved.
    await page.getByLabel('Van').fill('2027-09-02');
    await page.getByLabel('Tot en met').fill('2027-07-14');
    await page.getByLabel('Waarom').fill('Zomersluiting');
    await page.getByRole('button', { name: 'Sluiting toevoegen' }).click();
    await page.getByText('De laatste dag mag niet vóór de eerste liggen.').waitFor();
    expect(await page.getByLabel('Tot en met').getAttribute('aria-invalid')).toBe('true');
    expect(under.app.services.closures.list()).toEqual([]);

    await page.getByLabel('Van').fill('2027-07-14');
    await page.getByLabel('Tot en met').fill('2027-09-02');
    await page.getByRole('button', { name: 'Sluiting toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'Sluiting "Zomersluiting" is toegevoegd' }).waitFor();
    const row = page.locator('tbody tr');
    expect(await row.locator('td').allTextContents()).toEqual([
      'woensdag 14 juli 2027',
      'donderdag 2 september 2027',
      'Zomersluiting',
      'Verwijderen',
    ]);
    expect(under.app.services.closures.list()).toMatchObject([{ from: '2027-07-14', to: '2027-09-02' }]);
    await screenshot(page, 'closures');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Verwijderen' }).click();
    await page.getByText('Er staat geen sluiting gepland.').waitFor();
    expect(under.app.services.closures.list()).toEqual([]);
    await page.context().close();
  });

  it('shows intake the closures, with nothing to change', async () => {
    under.app.services.closures.create({ from: '2027-12-24', to: '2027-12-26', reason: 'Kerst' }, 'test');
    const page = await loggedInPage(under.browser, under.site, 'intake');
    await page.goto(`${under.site.url}/closures`);
    await page.locator('tbody tr', { hasText: 'Kerst' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sluiting toevoegen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);
    await page.context().close();
  });
});
