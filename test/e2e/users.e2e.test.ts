import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';

describe('the staff page', () => {
  const under = pagesUnderTest();

  const login = (password: string) =>
    under.app.http.post('/api/v1/auth/login').send({ email: 'sanne@wijkmatch.test', password });

  it('lets an admin add a colleague, change their role and close the account, each ending their sessions', async () => {
    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Medewerkers' }).click();
    await page.getByRole('heading', { name: 'Medewerkers en hun rol' }).waitFor();

    await page.getByLabel('Naam').fill('Sanne Jansen');
    await page.getByLabel('E-mailadres').fill('sanne@wijkmatch.test');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'planner' });
    await page.getByLabel('Eerste wachtwoord').fill('Welkom2026!');
    await page.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await page.getByText(/Kies een sterk wachtwoord/).waitFor();
    expect((await login('Welkom2026!')).status).toBe(401);

    const password = 'kraanwater fietsbel zonnebloem';
    await page.getByLabel('Eerste wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'Sanne Jansen kan nu inloggen.' }).waitFor();
    const session = await login(password);
    expect(session.body.user.role).toBe('dispatcher');
    const token = { Authorization: `Bearer ${session.body.token}` };

    await page.getByLabel('Rol van Sanne Jansen').selectOption({ label: 'intake' });
    await page.getByRole('status').filter({ hasText: 'De rol van Sanne Jansen is gewijzigd' }).waitFor();
    expect((await under.app.http.get('/api/v1/board').set(token)).status).toBe(401);
    expect((await login(password)).body.user.role).toBe('intake');

    page.once('dialog', (d) => void d.accept());
    await page.locator('tbody tr', { hasText: 'Sanne Jansen' }).getByRole('button', { name: 'Sluiten' }).click();
    await page.getByRole('status').filter({ hasText: 'Het account van Sanne Jansen is gesloten.' }).waitFor();
    expect((await login(password)).status).toBe(401);
    // The admin's own account cannot be closed from here: there is always an admin left.
    expect(
      await page
        .locator('tbody tr', { hasText: 'admin@wijkmatch.test' })
        .getByRole('button', { name: 'Sluiten' })
        .count(),
    ).toBe(0);

    // An address already in use is said at its field, in Dutch.
    await page.getByLabel('Naam').fill('Tweede Sanne');
    await page.getByLabel('E-mailadres').fill('sanne@wijkmatch.test');
    await page.getByLabel('Eerste wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await page.getByText('Vul een geldig e-mailadres in dat nog niet in gebruik is.').waitFor();
    expect(await page.getByLabel('E-mailadres').getAttribute('aria-invalid')).toBe('true');

    // The last admin stays an admin, and the page says why in words, not as a code.
    const adminRow = page.locator('tbody tr', { hasText: 'admin@wijkmatch.test' });
    await adminRow.getByRole('combobox').selectOption({ label: 'planner' });
    await page.getByRole('alert').filter({ hasText: 'Dit is de laatste beheerder' }).waitFor();
    expect(await adminRow.getByRole('combobox').inputValue()).toBe('admin');
    await screenshot(page, 'users');
    await page.context().close();
  });

  it('is there for admins only', async () => {
    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Medewerkers' }).count()).toBe(0);
    expect((await page.goto(`${under.site.url}/users`))?.status()).toBe(404);
    await page.context().close();
  });
});
