import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildHelper, buildResident } from '../support/factories.js';

describe('the regular help page', () => {
  const under = pagesUnderTest();

  it('pauses regular help while the resident is away, picks it up again, and stops it', async () => {
    // The clock starts on Monday 23 November 2026: Tuesdays from the 24th, two weeks planned ahead.
    under.app.services.helpers.create(buildHelper({ name: 'Lotte' }), 'test');
    const resident = under.app.services.residents.create(buildResident({ name: 'Mevrouw Hendriks' }), 'test');
    const input = { residentId: resident.id, skills: ['groceries'], weekday: 2, start: '10:00', end: '12:00' };
    under.app.services.series.create({ ...input, everyWeeks: 1, firstDate: '2026-11-24' }, null, 'test');

    const page = await loggedInPage(under.browser, under.site, 'intake');
    await page.goto(`${under.site.url}/series`);
    await page.getByRole('heading', { name: 'Vaste hulp' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 afspraak vaste hulp' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Mevrouw Hendriks' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'Mevrouw Hendriks',
      'Boodschappen',
      'elke dinsdag 10:00–12:00',
      'loopt',
      expect.stringMatching(/^24 nov 2026: voorgesteld · 1 dec 2026: voorgesteld$/),
      expect.any(String),
    ]);

    await row.getByRole('button', { name: 'Pauzeren' }).click();
    const pause = page.getByRole('form', { name: 'Pauze' });
    await pause.getByLabel('Tot en met').fill('2026-12-10');
    await pause.getByRole('button', { name: 'Pauze opslaan' }).click();
    // Without a first date the API names the field, in Dutch, and nothing is paused.
    await pause.locator('[aria-invalid="true"]').waitFor();
    expect(under.app.services.series.list({}).every((s) => s.pause === null)).toBe(true);
    await pause.getByLabel('Geen hulp vanaf').fill('2026-11-30');
    await pause.getByRole('button', { name: 'Pauze opslaan' }).click();
    await page.getByText('De vaste hulp is gepauzeerd').waitFor();
    await row.getByText('gepauzeerd van 30 nov 2026 tot en met 10 dec 2026').waitFor();
    expect(await row.locator('td').nth(4).textContent()).toBe('24 nov 2026: voorgesteld');
    await screenshot(page, 'series-paused');

    await row.getByRole('button', { name: 'Hervatten' }).click();
    await row.getByText('loopt', { exact: true }).waitFor();
    expect(await row.locator('td').nth(4).textContent()).toMatch(/1 dec 2026: voorgesteld$/);

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Stoppen' }).click();
    await page.getByRole('status').filter({ hasText: '0 afspraken vaste hulp' }).waitFor();
    await page.getByLabel('Ook gestopte vaste hulp tonen').check();
    await page.locator('tbody tr', { hasText: 'Mevrouw Hendriks' }).getByText('gestopt').waitFor();
    await page.context().close();
  });
});
