import { describe, expect, it } from 'vitest';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildHelper } from '../support/factories.js';

describe('the personal link on the helpers page', () => {
  const under = pagesUnderTest();

  async function openHelper(role: 'dispatcher' | 'intake', name: string) {
    const page = await loggedInPage(under.browser, under.site, role);
    await page.goto(`${under.site.url}/helpers`);
    await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { name: `Helper ${name}` }).waitFor();
    return page;
  }

  it('issues a link with a text message and an e-mail to send it in; a new one ends the first', async () => {
    under.app.services.helpers.create(
      buildHelper({ name: 'Noor Vliegen', phone: '06 2222 3333', email: 'noor@example.nl' }),
      'test',
    );
    const page = await openHelper('dispatcher', 'Noor Vliegen');
    const section = page.getByRole('region', { name: 'Persoonlijke link' });
    await section.getByRole('button', { name: 'Link maken' }).click();
    const url = await section.getByLabel('Link', { exact: true }).inputValue();
    expect(url).toMatch(/^http:\/\/wijkmatch\.test\/h\/[\w-]{20,}$/);
    const sms = await section.getByLabel('Sms-bericht').inputValue();
    expect(sms).toBe(
      `Hoi Noor, dit is je persoonlijke link voor wijkmatch: ${url} Bewaar hem goed en deel hem met niemand.`,
    );
    expect(await section.getByLabel('E-mail').inputValue()).toContain(url);
    const smsLink = await section.getByRole('link', { name: 'Sms naar 06 2222 3333' }).getAttribute('href');
    expect(smsLink).toBe(`sms:0622223333?body=${encodeURIComponent(sms)}`);
    expect(await section.getByRole('link', { name: 'Mail naar noor@example.nl' }).getAttribute('href')).toMatch(
      /^mailto:noor@example\.nl\?subject=Je%20persoonlijke%20link/,
    );
    await screenshot(page, 'helper-link');

    // The link is the helper's own: it opens their schedule.
    const first = url.split('/h/')[1]!;
    await under.app.http.get('/api/v1/me/schedule').set(under.app.bearer(first)).expect(200);

    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Nieuwe link maken' }).click();
    const shown = section.getByLabel('Link', { exact: true });
    await expect.poll(() => shown.inputValue()).not.toBe(url);
    const second = (await shown.inputValue()).split('/h/')[1]!;
    expect(second).not.toBe(first);
    await under.app.http.get('/api/v1/me/schedule').set(under.app.bearer(first)).expect(401);
    await under.app.http.get('/api/v1/me/schedule').set(under.app.bearer(second)).expect(200);
    await page.context().close();
  });

  it('is not offered to intake, who may read helpers but not issue their links', async () => {
    under.app.services.helpers.create(buildHelper({ name: 'Sem Wetzels' }), 'test');
    const page = await openHelper('intake', 'Sem Wetzels');
    expect(await page.getByRole('region', { name: 'Persoonlijke link' }).count()).toBe(0);
    await page.context().close();
  });
});
