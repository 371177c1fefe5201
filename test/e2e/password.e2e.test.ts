import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/app.js';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';

const NEW = 'kraanwater fietsbel zonnebloem';

/** The label of the control that has the keyboard focus (a string: the tests' types have no DOM). */
const focusedLabel = (page: Page) =>
  page.evaluate<string | null>('document.activeElement?.labels?.[0]?.textContent ?? null');

describe('changing your own password', () => {
  const under = pagesUnderTest();

  const apiLogin = (email: string, password: string) =>
    under.app.http.post('/api/v1/auth/login').send({ email, password });

  it('refuses two different new ones and a wrong current one in Dutch at their fields, then changes it and ends the other sessions', async () => {
    const email = 'dispatcher@wijkmatch.test';
    const other = (await apiLogin(email, PASSWORD)).body.token as string;
    const board = (token: string) => under.app.http.get('/api/v1/board').set('Authorization', `Bearer ${token}`);

    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
    expect(await page.title()).toBe('Wachtwoord wijzigen · wijkmatch');
    await page.getByText('hier blijf je ingelogd', { exact: false }).waitFor();

    const current = page.getByLabel('Huidig wachtwoord', { exact: true });
    const fresh = page.getByLabel('Nieuw wachtwoord', { exact: true });
    const repeat = page.getByLabel('Herhaal nieuw wachtwoord', { exact: true });
    expect(await current.getAttribute('autocomplete')).toBe('current-password');
    expect(await fresh.getAttribute('autocomplete')).toBe('new-password');
    expect(await repeat.getAttribute('autocomplete')).toBe('new-password');
    // The rule is there before anything is sent, and read out with the field.
    const ruleId = await fresh.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${ruleId}"]`).textContent()).toMatch(/^Minstens 10 tekens, en niet te raden/);

    await current.fill(PASSWORD);
    await fresh.fill(NEW);
    await repeat.fill(`${NEW}!`);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    const mismatch = page.locator('[data-field="repeatPassword"] [role="alert"]');
    await mismatch.filter({ hasText: 'De twee nieuwe wachtwoorden zijn niet gelijk.' }).waitFor();
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    expect(await repeat.getAttribute('aria-describedby')).toBe(await mismatch.getAttribute('id'));
    expect(await focusedLabel(page)).toBe('Herhaal nieuw wachtwoord');
    expect((await board(other)).status).toBe(200);

    await current.fill('niet mijn wachtwoord');
    await repeat.fill(NEW);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Het huidige wachtwoord klopt niet' }).waitFor();
    await page
      .locator('[data-field="currentPassword"] [role="alert"]')
      .filter({ hasText: 'Dit is niet je huidige wachtwoord.' })
      .waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await repeat.getAttribute('aria-invalid')).toBeNull();
    expect(await focusedLabel(page)).toBe('Huidig wachtwoord');

    await current.fill(PASSWORD);
    await fresh.fill('Welkom2026!');
    await repeat.fill('Welkom2026!');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page
      .locator('[data-field="newPassword"] [role="alert"]')
      .filter({ hasText: 'Te makkelijk te raden.' })
      .waitFor();
    expect(await fresh.getAttribute('aria-describedby')).toMatch(new RegExp(`^${ruleId} `));
    expect(await focusedLabel(page)).toBe('Nieuw wachtwoord');
    expect((await apiLogin(email, PASSWORD)).status).toBe(200);

    // The last try by keyboard alone, from the field the page put the focus on.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(NEW);
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Herhaal nieuw wachtwoord');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(NEW);
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd.' });
    await done.waitFor();
    expect(await done.textContent()).toContain('andere browsers ben je nu uitgelogd');
    expect(await current.inputValue()).toBe('');
    expect(await page.locator('[aria-invalid]').count()).toBe(0);
    await screenshot(page, 'password');

    expect((await board(other)).status).toBe(401);
    await page.goto(`${under.site.url}/board`);
    await page.locator('#app h1').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/board');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mailadres of wachtwoord klopt niet.' }).waitFor();
    await page.getByLabel('Wachtwoord').fill(NEW);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/board$/);
    await page.context().close();
  });

  it('is beside the name of every role, not in the navigation', async () => {
    for (const role of ['admin', 'intake', 'coach'] as const) {
      const page = await loggedInPage(under.browser, under.site, role);
      const link = page.locator('.topbar-end').getByRole('link', { name: 'Wachtwoord wijzigen' });
      expect(await link.getAttribute('href')).toBe('/password');
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Wachtwoord wijzigen' }).count()).toBe(0);
      await link.click();
      expect(await page.locator('.topbar-end a[aria-current="page"]').textContent()).toBe('Wachtwoord wijzigen');
      await page.context().close();
    }
  });

  it('lets a coach change their own password and log in with it', async () => {
    const email = 'coach@wijkmatch.test';
    const page = await loggedInPage(under.browser, under.site, 'coach');
    await page.locator('.topbar-end').getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
    await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW);
    await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(NEW);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd.' }).waitFor();
    expect((await apiLogin(email, PASSWORD)).status).toBe(401);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(NEW);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/coach$/);
    await page.context().close();
  });
});
