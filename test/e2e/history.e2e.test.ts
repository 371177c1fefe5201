import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { PASSWORD } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';

describe('a resident’s and a helper’s history', () => {
  const under = pagesUnderTest();

  it('lists their requests under their form, the latest first, with who helped and the hours', async () => {
    const helper = under.app.services.helpers.create(buildHelper({ name: 'Fleur Smeets' }), 'test');
    const resident = under.app.services.residents.create(buildResident({ name: 'Meneer Janssen' }), 'test');
    // Tuesday 24 November, done in 1.5 hours; then Thursday 26 November, still to come.
    const done = under.app.services.requests.create(buildRequest(resident.id), null, 'test');
    const [proposal] = under.app.services.proposals.ofRequest(done.id);
    expect(proposal?.helperId).toBe(helper.id);
    await under.app.http.post(`/api/v1/proposals/${proposal!.id}/accept`).set(under.app.auth()).expect(200);
    const later = {
      window: { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' },
      skills: ['companionship'],
    };
    under.app.services.requests.create(buildRequest(resident.id, later), null, 'test');
    // A day on, after the job: the sessions of the morning have ended, so log in again.
    under.app.clock.set(Date.parse('2026-11-24T13:00:00+01:00'));
    const { token } = await under.app.services.auth.login('dispatcher@wijkmatch.test', PASSWORD);
    await under.app.http
      .post(`/api/v1/requests/${done.id}/complete`)
      .set(under.app.bearer(token))
      .send({ hours: 1.5 })
      .expect(200);

    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.goto(`${under.site.url}/residents`);
    await page.getByRole('button', { name: 'Meneer Janssen' }).click();
    const history = page.getByRole('region', { name: 'Eerdere en komende hulpvragen' });
    const rows = history.locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
      expect.stringMatching(/^do 26 nov/),
      'Gezelschap',
      'voorgesteld',
      '',
    ]);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual([
      expect.stringMatching(/^di 24 nov 10:00$/),
      'Boodschappen',
      'afgerond',
      'Fleur Smeets',
    ]);
    await screenshot(page, 'resident-history');

    await page.goto(`${under.site.url}/helpers`);
    await page.getByRole('button', { name: 'Fleur Smeets' }).click();
    const helperRows = page.getByRole('region', { name: 'Eerdere en komende hulpvragen' }).locator('tbody tr');
    await helperRows.first().waitFor();
    // Only jobs that were theirs: the proposed one is not (yet).
    expect(await helperRows.count()).toBe(1);
    expect(await helperRows.first().locator('td').allTextContents()).toEqual([
      expect.stringMatching(/^di 24 nov 10:00$/),
      'Boodschappen',
      'afgerond',
      '1,5',
    ]);
    await page.context().close();
  });
});
