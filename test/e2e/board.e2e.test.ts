import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot } from '../support/browser.js';
import { buildHelper, buildResident } from '../support/factories.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let url: string;
let browser: Browser;
let board: Page;

beforeAll(async () => {
  app = await startTestApp({ realTime: true });
  ({ server, url } = await app.listen());
  for (const name of ['Anouk', 'Bram']) {
    app.services.helpers.create(buildHelper({ name, availability: ALWAYS, maxHoursPerWeek: 40 }), 'test');
  }
  app.services.residents.create(buildResident({ name: 'Mevrouw Jansen', phone: '045 531 2345' }), 'test');
  browser = await launchChromium();
  board = await loggedInPage(browser, url, 'dispatcher');
  await board.getByRole('status').filter({ hasText: 'Live' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.close();
});

const lane = (page: Page, name: string) => page.getByRole('region', { name });

describe('the board and the intake screen in Chromium', () => {
  it('shows the board in Dutch: the five lanes, the filters and today’s helpers', async () => {
    for (const name of ['Open', 'Voorgesteld', 'Toegewezen', 'Vandaag', 'Afgerond']) {
      await lane(board, name)
        .getByRole('heading', { name: new RegExp(`^${name}`) })
        .waitFor();
    }
    await board.getByLabel('Leerlijn').waitFor();
    await board.getByRole('heading', { name: /Vandaag beschikbaar/ }).waitFor();
    await board.getByText('Anouk').waitFor();
  });

  it('enters a request with the keyboard only; a board that is already open shows it within a second', async () => {
    const intake = await loggedInPage(browser, url, 'intake');
    await intake.waitForURL(/\/intake$/);
    await intake.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    await intake.keyboard.type('5312345');
    await intake.getByRole('option', { name: /Mevrouw Jansen/ }).waitFor();
    await intake.keyboard.press('Enter');
    await intake.getByText(/Gekozen: Mevrouw Jansen/).waitFor();
    // Focus is on the first skill; walk to "Boodschappen" and tick it.
    const groceries = intake.getByRole('checkbox', { name: 'Boodschappen' });
    for (let i = 0; i < 20 && !(await groceries.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
      await intake.keyboard.press('Tab');
    }
    await intake.keyboard.press('Space');
    expect(await groceries.isChecked()).toBe(true);
    await intake
      .getByRole('complementary')
      .getByText(/Anouk|Bram/)
      .first()
      .waitFor();
    await intake.getByLabel('Notitie').focus();
    await intake.keyboard.type('Lijstje ligt op tafel');
    await screenshot(intake, 'intake');

    const saved = Date.now();
    await intake.getByLabel('Notitie').focus();
    await intake.keyboard.press('Tab');
    await intake.keyboard.press('Enter');
    await intake.getByText(/Hulpvraag \d+ is opgeslagen/).waitFor();

    const card = board.locator('.request-card', { hasText: 'Mevrouw Jansen' });
    await card.waitFor({ timeout: 1000 });
    expect(Date.now() - saved).toBeLessThan(2000);
    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Jansen' }).waitFor();
    expect(await card.textContent()).toMatch(/antwoord binnen \d+ (min|u)/);
    await intake.context().close();
  });

  it('moves the card live when the helper accepts through the API', async () => {
    const [request] = app.services.requests.list({ status: ['proposed'], limit: 10 });
    const [proposal] = app.services.proposals.ofRequest(request!.id);
    const link = app.services.auth.issueHelperLink(proposal!.helperId, 'test');
    await app.http.post(`/api/v1/proposals/${proposal!.id}/accept`).set(app.bearer(link.token)).expect(200);

    const assigned = board.locator('[data-lane="assigned"], [data-lane="today"]').locator('.request-card', {
      hasText: 'Mevrouw Jansen',
    });
    await assigned.waitFor({ timeout: 1000 });
    await lane(board, 'Voorgesteld')
      .locator('.request-card', { hasText: 'Mevrouw Jansen' })
      .waitFor({ state: 'detached' });
    await screenshot(board, 'board');
  });

  it('enters regular help on the intake screen: its first weeks are planned at once', async () => {
    const intake = await loggedInPage(browser, url, 'intake');
    await intake.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    await intake.keyboard.type('5312345');
    await intake.getByRole('option', { name: /Mevrouw Jansen/ }).click();
    await intake.getByRole('checkbox', { name: 'Gezelschap' }).check();
    await intake.getByLabel('Herhalen').selectOption({ label: 'Om de week' });
    await intake.getByRole('button', { name: 'Hulpvraag opslaan' }).click();
    await intake.getByText(/Vaste hulp is opgeslagen; [1-9] hulpvragen zijn al ingepland/).waitFor();

    const [series] = app.services.series.list({});
    expect(series).toMatchObject({ skills: ['companionship'], everyWeeks: 2, start: '09:00', end: '12:00' });
    await board.locator('.request-card', { hasText: 'vaste hulp' }).first().waitFor();
    await intake.context().close();
  });

  it('opens a card: the candidates with their scores, and why the others do not fit', async () => {
    const resident = app.services.residents.create(buildResident({ name: 'Meneer Peters' }), 'test');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    app.services.requests.create(
      {
        residentId: resident.id,
        skills: ['odd-jobs'],
        window: { start: `${tomorrow}T13:00:00+01:00`, end: `${tomorrow}T15:00:00+01:00` },
      },
      null,
      'test',
    );
    const card = lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Peters' });
    await card.click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Niemand past', { exact: true }).waitFor();
    await dialog.getByText(/Waarom niemand past: 2 helpers hebben niet de juiste vaardigheid/).waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
  });

  it('shows a closure ahead on the board as soon as it is made, and drops it when it is removed', async () => {
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const closure = app.services.closures.create({ from: day, to: day, reason: 'Studiedag' }, 'test');
    const banner = board.locator('.closed-banner', { hasText: 'Studiedag' });
    await banner.getByText('Gesloten, er wordt niets gepland:').waitFor();
    app.services.closures.remove(closure.id, 'test');
    await banner.waitFor({ state: 'detached' });
  });
});
