import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/app.js';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';

const NEW = 'kraanwater fietsbel zonnebloem';

/** The label of the control that has the keyboard focus (a string: the tests' types have no DOM). */
const focusedLabel = (page: Page) =>
  page.evaluate<string | null>('document.activeElement?.labels?.[0]?.textContent ?? null');

/** The text of whatever has the keyboard focus. */
const focusedText = (page: Page) => page.evaluate<string | null>('document.activeElement?.textContent ?? null');

describe('changing your own password', () => {
  const under = pagesUnderTest();

  const apiLogin = (email: string, password: string) =>
    under.app.http.post('/api/v1/auth/login').send({ email, password });

  it('refuses two different new ones and a wrong current one in Dutch at their fields, then changes it and ends the other sessions', async () => {
    const email = 'dispatcher@wijkmatch.test';
    const other = (await apiLogin(email, PASSWORD)).body.token as string;
    const board = (token: string) => under.app.http.get('/api/v1/board').set('Authorization', `Bearer ${token}`);

    const page = await loggedInPage(under.browser, under.site, 'dispatcher');
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
    expect(await page.title()).toBe('Mijn account · wijkmatch');
    await page.getByText('Je bent ingelogd als dispatcher (dispatcher@wijkmatch.test).').waitFor();
    // A dispatcher may add a code app; the section says it is off.
    await page.getByRole('heading', { name: 'Inlogcode-app (tweestapsverificatie)' }).waitFor();
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

  it('is beside the name of every role, not in the navigation; the code app only for the roles that may have one', async () => {
    for (const role of ['admin', 'intake', 'coach'] as const) {
      const page = await loggedInPage(under.browser, under.site, role);
      const link = page.locator('.topbar-end').getByRole('link', { name: 'Mijn account' });
      expect(await link.getAttribute('href')).toBe('/account');
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Mijn account' }).count()).toBe(0);
      await link.click();
      await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
      expect(await page.locator('.topbar-end a[aria-current="page"]').textContent()).toBe('Mijn account');
      const factor = page.getByRole('heading', { name: 'Inlogcode-app (tweestapsverificatie)' });
      expect([role, await factor.count()]).toEqual([role, role === 'admin' ? 1 : 0]);
      // The page's first address still finds it.
      await page.goto(`${under.site.url}/password`);
      expect(new URL(page.url()).pathname).toBe('/account');
      await page.context().close();
    }
  });

  it('lets a coach change their own password and log in with it', async () => {
    const email = 'coach@wijkmatch.test';
    const page = await loggedInPage(under.browser, under.site, 'coach');
    await page.locator('.topbar-end').getByRole('link', { name: 'Mijn account' }).click();
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

  it('sets up a code app with the QR code or the key shown, asks for its code at login from then on, and takes it off with a code', async () => {
    const email = 'admin@wijkmatch.test';
    /** What the authenticator app shows now, by the service's clock (the one the server checks with). */
    const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(under.app.clock() / 1000) });
    /** The next 30-second step's code: the one just used works once. */
    const nextCode = (secret: string) => {
      under.app.clock.advance(30_000);
      return codeNow(secret);
    };
    const page = await loggedInPage(under.browser, under.site, 'admin');
    await page.locator('.topbar-end').getByRole('link', { name: 'Mijn account' }).click();
    const factor = page.getByRole('region', { name: 'Inlogcode-app (tweestapsverificatie)' });
    await factor.getByText('Staat uit: je logt in met alleen je wachtwoord.').waitFor();

    // Keyboard only: the button, then the steps it opens, which take the focus.
    await factor.getByRole('button', { name: 'Inlogcode-app instellen' }).focus();
    await page.keyboard.press('Enter');
    await factor.getByRole('heading', { name: 'Zo zet je het aan' }).waitFor();
    expect(await focusedText(page)).toBe('Zo zet je het aan');
    const qr = factor.getByRole('img', { name: 'QR-code om wijkmatch aan je inlogcode-app toe te voegen' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const key = factor.getByLabel('Sleutel om over te typen');
    expect(await key.getAttribute('readonly')).not.toBeNull();
    const secret = (await key.inputValue()).replace(/ /g, '');
    expect(await key.inputValue()).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);

    await screenshot(page, 'account-second-factor-setup');

    const code = factor.getByLabel('Code uit de app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    const right = await codeNow(secret);
    await code.fill((Number(right) ^ 1).toString().padStart(6, '0'));
    await page.keyboard.press('Enter');
    const refused = factor.locator('[data-field="code"] [role="alert"]');
    await refused.filter({ hasText: 'Deze code klopt niet of is al gebruikt.' }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.getAttribute('aria-describedby')).toContain(await refused.getAttribute('id'));
    expect(await focusedLabel(page)).toBe('Code uit de app');
    expect((await apiLogin(email, PASSWORD)).status).toBe(200);

    // Still by keyboard, from the field the page put the focus on; a code as the app shows it, "123 456".
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(`${right.slice(0, 3)} ${right.slice(3)}`);
    await page.keyboard.press('Enter');
    await factor.getByRole('status').filter({ hasText: 'De inlogcode-app staat aan.' }).waitFor();
    expect(await focusedText(page)).toMatch(/^Staat aan: na je wachtwoord vraagt wijkmatch/);
    expect(await factor.getByRole('img').count()).toBe(0);
    await screenshot(page, 'account-second-factor-on');
    expect((await apiLogin(email, PASSWORD)).body.error.code).toBe('second_factor_required');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Vul de code uit je app in.' }).waitFor();
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByLabel('Code uit je app').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/board$/);

    await page.locator('.topbar-end').getByRole('link', { name: 'Mijn account' }).click();
    await factor.getByText('Staat aan: na je wachtwoord vraagt wijkmatch').waitFor();
    await factor.getByLabel('Code uit de app').fill(await nextCode(secret));
    await factor.getByRole('button', { name: 'Inlogcode-app uitzetten' }).click();
    await factor.getByRole('status').filter({ hasText: 'De inlogcode-app staat uit.' }).waitFor();
    await factor.getByText('Staat uit: je logt in met alleen je wachtwoord.').waitFor();
    await factor.getByRole('button', { name: 'Inlogcode-app instellen' }).waitFor();
    expect((await apiLogin(email, PASSWORD)).status).toBe(200);
    await page.context().close();
  });
});
