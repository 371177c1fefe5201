import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildRequest, buildResident } from '../support/factories.js';

describe('the access log page', () => {
  const under = pagesUnderTest();

  it('shows an admin who read which resident, and filters by resident and action', async () => {
    const read = under.app.services.residents.create(buildResident({ name: 'Mevrouw Inzage' }), 'test');
    const other = under.app.services.residents.create(buildResident({ name: 'Meneer Ander' }), 'test');
    await under.app.http.get(`/api/v1/residents/${read.id}`).set(under.app.auth('intake')).expect(200);
    await under.app.http
      .patch(`/api/v1/residents/${other.id}`)
      .set(under.app.auth('dispatcher'))
      .send({ notes: 'bellen' })
      .expect(200);

    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.goto(`${under.site.url}/audit`);
    await page.getByRole('heading', { name: 'Wie heeft wat ingezien' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 regels' }).waitFor();

    await page.getByLabel('Bewonernummer').fill(String(read.id));
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '1 regel' }).waitFor();
    const row = page.locator('tbody tr');
    expect(await row.locator('td').allTextContents()).toEqual([
      expect.any(String),
      expect.stringMatching(/^user:\d+$/),
      'intake',
      'gelezen',
      String(read.id),
      expect.any(String),
    ]);
    // No name on the log: it says who looked at which resident number, not what they saw.
    expect(await page.locator('main').textContent()).not.toContain('Inzage');

    await page.getByLabel('Bewonernummer').fill('');
    await page.getByLabel('Handeling').selectOption('update');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    // The first search also showed "1 regel": wait for the row this search must bring.
    await page.locator('tbody tr td', { hasText: 'gewijzigd' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr td').nth(4).textContent()).toBe(String(other.id));
    await screenshot(page, 'audit');
    await page.context().close();
  });

  it('opens everything about a resident from the log, as a page that prints as the document alone', async () => {
    const resident = under.app.services.residents.create(
      buildResident({ name: 'Mevrouw Kessels', phone: '045 531 7788', notes: 'sleutel bij de buren' }),
      'test',
    );
    const request = under.app.services.requests.create(
      buildRequest(resident.id, { description: 'boodschappen bij de Jumbo' }),
      null,
      'test',
    );
    under.app.services.requests.cancel(request.id, 'dochter komt zelf', 'test');
    await under.app.http.get(`/api/v1/residents/${resident.id}`).set(under.app.auth('intake')).expect(200);

    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.goto(`${under.site.url}/audit`);
    await page.getByLabel('Bewonernummer').fill(String(resident.id));
    await page.getByRole('button', { name: 'Zoeken' }).click();
    // Intake's read, and the admin's own board on signing in: both name the resident.
    await page
      .getByRole('link', { name: String(resident.id), exact: true })
      .first()
      .click();

    await page.getByRole('heading', { name: `Bewoner ${resident.id}, opgevraagd op`, exact: false }).waitFor();
    const text = (await page.locator('main').textContent())!;
    for (const kept of ['Mevrouw Kessels', '045 531 7788', 'sleutel bij de buren', 'boodschappen bij de Jumbo'])
      expect(text).toContain(kept);
    expect(text).toContain('dochter komt zelf');
    expect(text).toContain('gelezen');
    expect(text).toContain('Boodschappen');
    expect(page.url()).toContain(`/export?resident=${resident.id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bewoner-${resident.id}.json`);

    await page.emulateMedia({ media: 'print' });
    for (const hidden of [page.locator('.topbar'), page.getByRole('button', { name: 'Afdrukken of als PDF bewaren' })])
      expect(await hidden.isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Gegevens van de bewoner' }).isVisible()).toBe(true);
    expect((await page.pdf()).subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'export');

    // The export itself is in the log.
    const { entries } = (
      await under.app.http
        .get('/api/v1/audit')
        .query({ residentId: resident.id, action: 'export' })
        .set(under.app.auth('admin'))
    ).body;
    expect(entries).toHaveLength(1);
    await page.context().close();
  });

  it('is not there for other roles: not in their navigation, and its address is a 404', async () => {
    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.goto(`${under.site.url}/board`);
    for (const name of ['Inzagelog', 'Inzage bewoner'])
      expect(await page.getByRole('navigation').getByRole('link', { name }).count()).toBe(0);
    for (const path of ['/audit', '/export?resident=1']) {
      const res = await page.goto(`${under.site.url}${path}`);
      expect(res?.status()).toBe(404);
    }
    await page.context().close();
  });
});
