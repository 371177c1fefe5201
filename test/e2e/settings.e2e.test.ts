import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';

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
      workshopsFirstSkills: ['groceries'],
      supervisedSkills: ['dementia-support'],
      lastCallUntilStart: DEFAULT_SETTINGS.lastCallUntilStart,
    });
    await screenshot(page, 'settings');
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
