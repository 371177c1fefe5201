import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import type { Helper } from '../../src/helpers/helpers.schema.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
/** Three kilometres north of the town centre, within a helper's reach. */
const FURTHER_AWAY = { lat: LANDGRAAF.lat + 0.03, lon: LANDGRAAF.lon };
const DAY = 86_400_000;

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let site: Site;
let browser: Browser;
let board: Page;

/** Each test makes its own resident, so no test depends on what another one left behind. */
function resident(name: string) {
  return app.services.residents.create(buildResident({ name, phone: '045 531 2345' }), 'test');
}

/** The local date `days` from the service's clock, "YYYY-MM-DD". */
function dayFromNow(days: number): string {
  return new Date(app.clock() + days * DAY).toISOString().slice(0, 10);
}

/** A request of a new resident's for tomorrow, between two local times of a winter day. */
function requestTomorrow(name: string, skill: string, from: string, to: string) {
  const tomorrow = dayFromNow(1);
  const window = { start: `${tomorrow}T${from}:00+01:00`, end: `${tomorrow}T${to}:00+01:00` };
  return app.services.requests.create({ residentId: resident(name).id, skills: [skill], window }, null, 'test');
}

beforeAll(async () => {
  app = await startTestApp({ running: true });
  const { server: listening, url } = await app.listen();
  server = listening;
  site = { url, clock: app.clock };
  for (const name of ['Anouk', 'Bram']) {
    app.services.helpers.create(buildHelper({ name, availability: ALWAYS, maxHoursPerWeek: 40 }), 'test');
  }
  browser = await launchChromium();
  board = await loggedInPage(browser, site, 'dispatcher');
  await board.getByRole('status').filter({ hasText: 'Live' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.close();
});

const lane = (page: Page, name: string) => page.getByRole('region', { name });
const cardOf = (page: Page, text: string) => page.locator('.request-card', { hasText: text });

describe('the board and the intake screen in Chromium', () => {
  it('shows the board in Dutch: the five lanes, the filters and today’s helpers', async () => {
    await lane(board, 'Afgerond').waitFor();
    const lanes = await board
      .locator('[data-lane]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(lanes).toEqual(['Open', 'Voorgesteld', 'Toegewezen', 'Vandaag', 'Afgerond']);
    expect(await board.getByLabel('Leerlijn').locator('option').allTextContents()).toEqual([
      'Alle',
      'Zorg',
      'Groen',
      'Schoonmaak',
      'Gezondheid',
      'Klussen',
    ]);
    const side = board.getByRole('complementary');
    await side.getByText('Anouk').waitFor();
    expect(await side.getByRole('heading').textContent()).toMatch(/^Vandaag beschikbaar\s*2$/);
    expect(await side.textContent()).toContain('Bram');
  });

  it('enters a request with the keyboard only; a board that is already open shows it live', async () => {
    const { id: residentId } = resident('Mevrouw Jansen');
    const intake = await loggedInPage(browser, site, 'intake');
    await intake.waitForURL(/\/intake$/);
    await intake.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    await intake.keyboard.type('Jansen');
    await intake.getByRole('option', { name: /Mevrouw Jansen/ }).waitFor();
    await intake.keyboard.press('Enter');
    await intake.getByText(/Gekozen: Mevrouw Jansen/).waitFor();
    // Focus is on the first skill; the arrows walk to "Boodschappen", Space ticks it, and the skills
    // are one Tab stop: the next Tab goes on to the day.
    const groceries = intake.getByRole('checkbox', { name: 'Boodschappen' });
    const focused = (locator: typeof groceries) => locator.evaluate((el) => el === el.ownerDocument.activeElement);
    let arrows = 0;
    for (; arrows < 20 && !(await focused(groceries)); arrows++) await intake.keyboard.press('ArrowRight');
    expect(arrows).toBeLessThan(20);
    await intake.keyboard.press('Space');
    expect(await groceries.isChecked()).toBe(true);
    await intake.keyboard.press('Tab');
    expect(await focused(intake.getByLabel('Dag', { exact: true }))).toBe(true);
    await intake
      .getByRole('complementary')
      .getByText(/Anouk|Bram/)
      .first()
      .waitFor();
    await intake.getByLabel('Notitie').focus();
    await intake.keyboard.type('Lijstje ligt op tafel');
    await screenshot(intake, 'intake');

    await markBoard();
    await intake.getByLabel('Notitie').focus();
    await intake.keyboard.press('Tab');
    await intake.keyboard.press('Enter');
    await intake.getByText(/Hulpvraag \d+ is opgeslagen/).waitFor();

    const card = lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Jansen' });
    await card.waitFor();
    expect(await boardStillMarked()).toBe(true);
    expect(await card.textContent()).toMatch(/antwoord binnen \d+ (min|u)/);
    expect(app.services.requests.list({ residentId, limit: 50 })).toEqual([
      expect.objectContaining({ status: 'proposed', skills: ['groceries'], description: 'Lijstje ligt op tafel' }),
    ]);
    await intake.context().close();
  });

  it('moves the card live when the helper accepts through the API', async () => {
    const request = requestTomorrow('Meneer Hendriks', 'companionship', '14:00', '15:00');
    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Meneer Hendriks' }).waitFor();
    const [proposal] = app.services.proposals.ofRequest(request.id);
    const link = app.services.auth.issueHelperLink(proposal!.helperId, 'test');
    await markBoard();
    await app.http.post(`/api/v1/proposals/${proposal!.id}/accept`).set(app.bearer(link.token)).expect(200);

    await lane(board, 'Toegewezen').locator('.request-card', { hasText: 'Meneer Hendriks' }).waitFor();
    await lane(board, 'Voorgesteld')
      .locator('.request-card', { hasText: 'Meneer Hendriks' })
      .waitFor({ state: 'detached' });
    expect(await boardStillMarked()).toBe(true);
    expect(await cardOf(board, 'Meneer Hendriks').count()).toBe(1);
    await screenshot(board, 'board');
  });

  it('enters regular help on the intake screen: its first weeks are planned at once', async () => {
    const { id: residentId } = resident('Mevrouw Custers');
    const intake = await loggedInPage(browser, site, 'intake');
    await intake.getByRole('heading', { name: 'Nieuwe hulpvraag' }).waitFor();
    await intake.keyboard.type('Custers');
    await intake.getByRole('option', { name: /Mevrouw Custers/ }).click();
    await intake.getByRole('checkbox', { name: 'Gezelschap' }).check();
    await intake.getByLabel('Herhalen').selectOption({ label: 'Om de week' });
    await intake.getByRole('button', { name: 'Hulpvraag opslaan' }).click();
    const saved = intake.getByText(/Vaste hulp is opgeslagen; [1-9] hulpvra(ag is|gen zijn) al ingepland/);
    await saved.waitFor();

    const series = app.services.series.list({ residentId });
    expect(series).toEqual([
      expect.objectContaining({ skills: ['companionship'], everyWeeks: 2, start: '09:00', end: '12:00' }),
    ]);
    const planned = app.services.requests.list({ residentId, limit: 50 });
    expect(planned.length).toBeGreaterThan(0);
    const n = planned.length;
    expect(await saved.textContent()).toContain(n === 1 ? '1 hulpvraag is al' : `${n} hulpvragen zijn al`);
    expect(planned.every((r) => r.seriesId === series[0]!.id)).toBe(true);
    await cardOf(board, 'Mevrouw Custers').filter({ hasText: 'vaste hulp' }).first().waitFor();
    await intake.context().close();
  });

  it('opens a card: why nobody fits when no helper has the skill', async () => {
    requestTomorrow('Meneer Peters', 'odd-jobs', '13:00', '15:00');
    await lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Peters' }).click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Niemand past', { exact: true }).waitFor();
    expect(await dialog.textContent()).toMatch(/Waarom niemand past: 2 helpers hebben niet de juiste vaardigheid/);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The same card opens again, and Escape closes it as the button does.
    await lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Peters' }).click();
    await dialog.getByText('Niemand past', { exact: true }).waitFor();
    await board.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('puts a helper who declined last, marked, with nothing to propose; intake sees no choosing buttons', async () => {
    const request = requestTomorrow('Mevrouw Bemelmans', 'groceries', '10:00', '12:00');
    const [first] = app.services.proposals.ofRequest(request.id);
    await app.http.post(`/api/v1/proposals/${first!.id}/decline`).set(app.auth()).send({ reason: 'Ziek' }).expect(200);
    const declinedBy = app.services.helpers.get(first!.helperId).name;
    const other = declinedBy === 'Anouk' ? 'Bram' : 'Anouk';

    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Bemelmans' }).click();
    const dialog = board.getByRole('dialog');
    const rows = dialog.locator('tbody tr');
    await rows.filter({ hasText: 'heeft afgewezen' }).waitFor();
    expect(await rows.first().textContent()).toContain(other);
    const declined = rows.last();
    expect(await declined.textContent()).toContain(declinedBy);
    expect(await declined.getByRole('button', { name: 'Voorstellen' }).count()).toBe(0);
    expect(await declined.getByRole('button', { name: 'Direct toewijzen' }).count()).toBe(1);
    expect(await dialog.textContent()).not.toContain('Waarom niemand past');
    await dialog.getByRole('button', { name: 'Sluiten' }).click();

    const intake = await loggedInPage(browser, site, 'intake');
    await intake.goto(`${site.url}/board`);
    await lane(intake, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Bemelmans' }).click();
    const seen = intake.getByRole('dialog');
    await seen.locator('tbody tr').first().waitFor();
    for (const name of ['Voorstellen', 'Direct toewijzen', 'Matchingsronde starten'])
      expect(await intake.getByRole('button', { name }).count()).toBe(0);
    await intake.context().close();
  });

  it('takes an assigned job back when the helper falls ill: it goes to the other helper at once', async () => {
    // Three days ahead, when no other test has given either helper a job.
    const day = dayFromNow(3);
    const window = { start: `${day}T14:00:00+01:00`, end: `${day}T16:00:00+01:00` };
    const residentId = resident('Meneer Quaedvlieg').id;
    const request = app.services.requests.create({ residentId, skills: ['groceries'], window }, null, 'test');
    const [first] = app.services.proposals.ofRequest(request.id);
    await app.http.post(`/api/v1/proposals/${first!.id}/accept`).set(app.auth()).expect(200);
    const ill = app.services.helpers.get(first!.helperId).name;

    await lane(board, 'Toegewezen').locator('.request-card', { hasText: 'Meneer Quaedvlieg' }).click();
    const dialog = board.getByRole('dialog');
    // A job days ahead cannot be logged done yet.
    expect(await dialog.getByRole('button', { name: 'Afgerond melden' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Kan de helper niet/).fill('griep');
    await dialog.getByRole('button', { name: 'Andere helper zoeken' }).click();
    await dialog.locator('li', { hasText: `${ill}: teruggenomen: kon toch niet (griep)` }).waitFor();
    // They are marked among the candidates, not offered again first.
    const row = dialog.locator('tbody tr', { hasText: ill });
    await row.filter({ hasText: 'kon toch niet' }).waitFor();
    expect(await row.getByRole('button', { name: 'Voorstellen' }).count()).toBe(0);
    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Meneer Quaedvlieg' }).waitFor();
    const proposals = app.services.proposals.ofRequest(request.id).map((p) => p.status);
    expect(proposals).toEqual(['released', 'proposed']);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
  });

  it('shows a flagged request with the phone list of who could come, who declined last (issue 13)', async () => {
    const dewi = app.services.helpers.create(
      buildHelper({ name: 'Dewi', skills: ['digital-help'], availability: ALWAYS, phone: '06 2222 3333' }),
      'test',
    );
    const request = requestTomorrow('Mevrouw Pluijmen', 'digital-help', '10:00', '12:00');
    const [asked] = app.services.proposals.ofRequest(request.id);
    expect(asked!.helperId).toBe(dewi.id);
    await app.http.post(`/api/v1/proposals/${asked!.id}/decline`).set(app.auth()).send({}).expect(200);
    expect(app.services.requests.get(request.id).needsDispatcher).toBe(true);

    await lane(board, 'Open').locator('.request-card', { hasText: 'Mevrouw Pluijmen' }).click();
    const dialog = board.getByRole('dialog');
    const list = dialog.getByRole('region', { name: 'Bellijst: wie nu kan komen' });
    const entry = list.locator('li', { hasText: 'Dewi' });
    await entry.waitFor();
    expect(await entry.getByRole('link').getAttribute('href')).toBe('tel:0622223333');
    expect(await entry.textContent()).toContain('afgewezen');
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    app.services.helpers.deactivate(dewi.id, 'test');
  });

  it('shows on the detail that an offer makes room: the helper’s other job moves if they say yes (issue 13)', async () => {
    const fenna = app.services.helpers.create(
      buildHelper({ name: 'Fenna', skills: ['ironing'], availability: ALWAYS, maxHoursPerWeek: 40 }),
      'test',
    );
    const tomorrow = dayFromNow(1);
    const at = (time: string) => `${tomorrow}T${time}:00+01:00`;
    const held = app.services.requests.create(
      {
        residentId: resident('Mevrouw Strijk').id,
        skills: ['ironing'],
        window: { start: at('10:00'), end: at('14:00') },
        durationMinutes: 60,
      },
      null,
      'test',
    );
    await app.http.post(`/api/v1/requests/${held.id}/assign`).set(app.auth()).send({ helperId: fenna.id }).expect(201);
    const urgent = app.services.requests.create(
      {
        residentId: resident('Meneer Ruimte').id,
        skills: ['ironing'],
        urgency: 'urgent',
        window: { start: at('10:00'), end: at('11:00') },
        durationMinutes: 60,
      },
      null,
      'test',
    );
    expect(app.services.proposals.ofRequest(urgent.id)).toMatchObject([
      { helperId: fenna.id, makesRoom: { requestId: held.id, way: 'move' } },
    ]);

    await cardOf(board, 'Meneer Ruimte').click();
    const dialog = board.getByRole('dialog');
    await dialog
      .getByText(`Fenna: wacht op antwoord · maakt ruimte: klus ${held.id} van deze helper schuift naar`)
      .waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    app.services.requests.cancel(urgent.id, 'test', 'test');
    app.services.requests.cancel(held.id, 'test', 'test');
    app.services.helpers.deactivate(fenna.id, 'test');
  });

  it('phones a gardener outside the matching and assigns them with a reason; the card says so', async () => {
    // Nobody else gardens, and Chantal lives 40 km off: the matching leaves her out for her reach.
    const far = { lat: buildHelper().location!.lat + 0.36, lon: buildHelper().location!.lon };
    const chantal = app.services.helpers.create(
      buildHelper({ name: 'Chantal', track: 'green', skills: ['gardening'], location: far, phone: '06 1234 5678' }),
      'test',
    );
    requestTomorrow('Meneer Hermans', 'gardening', '10:00', '12:00');
    await lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Hermans' }).click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Niemand past', { exact: true }).waitFor();
    // The detail has what a dispatcher phones with: the resident's street and phone, the helper's phone.
    expect(await dialog.locator('dd').first().textContent()).toMatch(/Meneer Hermans · Hoofdstraat \d+, 6371 AB/);
    expect(await dialog.getByRole('link', { name: '045 531 2345' }).getAttribute('href')).toBe('tel:0455312345');
    const outside = dialog.getByRole('region', { name: 'Buiten de matching bellen' });
    const entry = outside.locator('li', { hasText: 'Chantal' });
    expect(await entry.textContent()).toContain('woont verder dan opgegeven');
    expect(await entry.getByRole('link').getAttribute('href')).toBe('tel:0612345678');

    await entry.getByRole('button', { name: 'Toch toewijzen' }).click();
    await dialog.getByLabel('Waarom toch Chantal? (alleen voor medewerkers)').fill('komt met de auto');
    await dialog.getByRole('button', { name: 'Toewijzen aan Chantal' }).click();
    await dialog.getByText('komt met de auto').waitFor();
    expect(await dialog.textContent()).toContain('Buiten de matching toegewezen');
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    const card = lane(board, 'Toegewezen').locator('.request-card', { hasText: 'Meneer Hermans' });
    await card.filter({ hasText: 'buiten de matching toegewezen' }).waitFor();
    expect(await card.textContent()).toContain('door Chantal');
    await screenshot(board, 'board-override');
    app.services.helpers.deactivate(chantal.id, 'test');
  });

  it('marks a regular’s job that went to another than their usual helper, live, on the card and the detail (issue 13)', async () => {
    const [femke, gijs] = ['Femke', 'Gijs'].map((name) =>
      app.services.helpers.create(buildHelper({ name, skills: ['ironing'], availability: ALWAYS }), 'test'),
    );
    const residentId = resident('Mevrouw Habets').id;
    const assign = async (days: number, helperId: number) => {
      const day = dayFromNow(days);
      const window = { start: `${day}T10:00:00+01:00`, end: `${day}T11:00:00+01:00` };
      const request = app.services.requests.create({ residentId, skills: ['ironing'], window }, null, 'test');
      await app.http.post(`/api/v1/requests/${request.id}/assign`).set(app.auth()).send({ helperId }).expect(201);
    };
    await assign(4, femke!.id);
    await assign(5, femke!.id);
    await assign(6, gijs!.id);

    const card = lane(board, 'Toegewezen')
      .locator('.request-card', { hasText: 'Mevrouw Habets' })
      .filter({ hasText: 'door Gijs' });
    await card.filter({ hasText: 'niet de vaste helper (Femke)' }).waitFor();
    const kept = lane(board, 'Toegewezen').locator('.request-card', { hasText: 'Mevrouw Habets' });
    expect(await kept.filter({ hasText: 'niet de vaste helper' }).count()).toBe(1);
    await card.click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Niet Femke, die de meeste eerdere klussen deed').waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    for (const h of [femke!, gijs!]) app.services.helpers.deactivate(h.id, 'test');
  });

  it('widens the window of a request nobody fits, and it goes at once to the helper who fits now', async () => {
    const tomorrow = dayFromNow(1);
    const weekday = ((new Date(`${tomorrow}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const daan = app.services.helpers.create(
      buildHelper({
        name: 'Daan',
        track: 'cleaning',
        skills: ['cleaning'],
        availability: [{ weekday, start: '14:00', end: '17:00' }],
      }),
      'test',
    );
    requestTomorrow('Mevrouw Claessens', 'cleaning', '10:00', '12:00');
    await lane(board, 'Open').locator('.request-card', { hasText: 'Mevrouw Claessens' }).click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Niemand past', { exact: true }).waitFor();
    const widen = dialog.getByRole('form', { name: 'Tijdvak verruimen' });
    expect(await widen.getByLabel('Vanaf (tijd)').inputValue()).toBe('10:00');
    await widen.getByLabel('Tot (tijd)').fill('16:00');
    await widen.getByRole('button', { name: 'Verruimen en opnieuw zoeken' }).click();
    await dialog.locator('li', { hasText: 'Daan: wacht op antwoord' }).waitFor();
    expect(await dialog.textContent()).toMatch(/10:00–16:00/);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Claessens' }).waitFor();
    app.services.helpers.deactivate(daan.id, 'test');
  });

  it('splits a job nobody can do in one go: two cards for the resident, each its own job', async () => {
    const tomorrow = dayFromNow(1);
    const window = { start: `${tomorrow}T10:00:00+01:00`, end: `${tomorrow}T14:00:00+01:00` };
    const { id: residentId } = resident('Meneer Ramakers');
    app.services.requests.create({ residentId, skills: ['ironing'], window, durationMinutes: 240 }, null, 'test');
    await lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Ramakers' }).click();
    const dialog = board.getByRole('dialog');
    const split = dialog.getByRole('form', { name: 'Klus splitsen' });
    await split.getByLabel('In').selectOption({ label: '2 klussen van ongeveer 120 min' });
    await split.getByRole('button', { name: 'Splitsen en opnieuw zoeken' }).click();
    await dialog.getByText('(120 min)').waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await expect
      .poll(() => lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Ramakers' }).count())
      .toBe(2);
    expect(app.services.requests.list({ residentId, limit: 10 }).map((r) => r.durationMinutes)).toEqual([120, 120]);
  });

  it('shows a closure ahead on the board as soon as it is made, and drops it when it is removed', async () => {
    const day = dayFromNow(10);
    const closure = app.services.closures.create({ from: day, to: day, reason: 'Studiedag' }, 'test');
    const banner = board.locator('.closed-banner', { hasText: 'Studiedag' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Gesloten, er wordt niets gepland:');
    app.services.closures.remove(closure.id, 'test');
    await banner.waitFor({ state: 'detached' });
    expect(await board.locator('.closed-banner', { hasText: 'Studiedag' }).count()).toBe(0);
  });

  it('shows a supervised pair on its card: the learner with the helper beside them', async () => {
    app.services.settings.update({ supervisedSkills: ['dementia-support'] });
    const helper = (name: string, level: 'learning' | 'mentor') =>
      app.services.helpers.create(
        buildHelper({ name, skills: [{ code: 'dementia-support', level }], availability: ALWAYS, maxHoursPerWeek: 40 }),
        'test',
      );
    const [learner, mentor] = [helper('Lotte', 'learning'), helper('Mirjam', 'mentor')];
    const request = requestTomorrow('Mevrouw Pairs', 'dementia-support', '10:00', '11:00');
    await app.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(app.auth())
      .send({ helperId: learner.id, supervisorId: mentor.id })
      .expect(201);
    await lane(board, 'Toegewezen')
      .locator('.request-card', { hasText: 'Mevrouw Pairs' })
      .filter({ hasText: 'door Lotte (leert) met Mirjam' })
      .waitFor();
    await lane(board, 'Toegewezen').locator('.request-card', { hasText: 'Mevrouw Pairs' }).click();
    const dialog = board.getByRole('dialog');
    await dialog.getByText('Lotte (leert) met Mirjam', { exact: false }).first().waitFor();
    await board.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    app.services.settings.update({ supervisedSkills: [] });
  });

  const helper = (
    name: string,
    level: 'learning' | 'mentor',
    location?: { lat: number; lon: number },
    skill = 'dementia-support',
  ) =>
    app.services.helpers.create(
      buildHelper({
        name,
        skills: [{ code: skill, level }],
        availability: ALWAYS,
        maxHoursPerWeek: 40,
        ...(location ? { location } : {}),
      }),
      'test',
    );

  it('pairs a learner with a helper who can do the job, from the detail, and asks both', async () => {
    app.services.settings.update({ supervisedSkills: ['dementia-support'] });
    // The service asks the nearer learner with one of the mentors at once; the other mentor can stand
    // beside the learner who lives further away.
    const learner = helper('Ilse', 'learning', FURTHER_AWAY);
    [helper('Lotte', 'learning'), helper('Joke', 'mentor'), helper('Karin', 'mentor')];
    const request = requestTomorrow('Mevrouw Samen', 'dementia-support', '16:00', '17:00');
    await lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Mevrouw Samen' }).click();
    const dialog = board.getByRole('dialog');
    const form = dialog.getByRole('form', { name: 'Met begeleiding' });
    await form.getByLabel('Leert het').selectOption({ label: 'Ilse' });
    const supervisor = (await form.getByLabel('Begeleidt').locator('option:checked').textContent())!;
    await form.getByRole('button', { name: 'Samen voorstellen' }).click();
    await dialog.getByText('Ilse: wacht op antwoord').waitFor();
    const halves = app.services.proposals.ofRequest(request.id).filter((p) => p.partnerId !== null);
    expect(halves.map((p) => [app.services.helpers.get(p.helperId).name, p.role, p.status])).toEqual([
      ['Lotte', 'learner', 'proposed'],
      [expect.stringMatching(/^(Joke|Karin)$/), 'supervisor', 'proposed'],
      ['Ilse', 'learner', 'proposed'],
      [supervisor, 'supervisor', 'proposed'],
    ]);
    expect(halves[1]!.helperId).not.toBe(halves[3]!.helperId);
    expect(halves[2]!.helperId).toBe(learner.id);
    await board.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    app.services.settings.update({ supervisedSkills: [] });
  });

  it("marks live that one half of a pair said yes, and waits for the other's answer", async () => {
    app.services.settings.update({ supervisedSkills: ['dementia-support'] });
    [helper('Femke', 'learning'), helper('Gerda', 'mentor'), helper('Hanna', 'mentor')];
    const request = requestTomorrow('Meneer Halfja', 'dementia-support', '14:00', '15:00');
    // The service asked a pair at once (from these helpers or the earlier tests' ones, still free then).
    const asked = app.services.proposals.ofRequest(request.id);
    const [learner, mentor] = (['learner', 'supervisor'] as const).map((role) =>
      app.services.helpers.get(asked.find((p) => p.role === role)!.helperId),
    ) as [Helper, Helper];
    const card = lane(board, 'Voorgesteld').locator('.request-card', { hasText: 'Meneer Halfja' });
    await card.filter({ hasText: new RegExp(`wacht op .*${learner.name}.*${mentor.name}`) }).waitFor();
    expect(await card.locator('.agreed').count()).toBe(0);

    await markBoard();
    const half = asked.find((p) => p.helperId === mentor.id)!;
    const link = app.services.auth.issueHelperLink(mentor.id, 'test');
    await app.http.post(`/api/v1/proposals/${half.id}/accept`).set(app.bearer(link.token)).expect(200);
    await card.locator('.agreed', { hasText: `${mentor.name} zei al ja` }).waitFor();
    expect(await card.locator('.line3', { hasText: 'wacht op' }).textContent()).not.toContain(mentor.name);
    expect(await boardStillMarked()).toBe(true);
    app.services.settings.update({ supervisedSkills: [] });
  });

  it('starts the matching round: a job nobody may do alone goes to a learner with a mentor, and the board says so', async () => {
    app.services.settings.update({ supervisedSkills: ['accompany-appointment'] });
    const request = requestTomorrow('Meneer Ronde', 'accompany-appointment', '09:00', '10:00');
    const card = cardOf(board, 'Meneer Ronde');
    await lane(board, 'Open').locator('.request-card', { hasText: 'Meneer Ronde' }).waitFor();
    // Nobody had the skill when the request came in; now a learner close by and a mentor further away.
    const escort = (name: string, level: 'learning' | 'mentor', location: { lat: number; lon: number }) =>
      helper(name, level, location, 'accompany-appointment');
    const [learner, mentor] = [escort('Noor', 'learning', LANDGRAAF), escort('Olga', 'mentor', FURTHER_AWAY)];

    await markBoard();
    await board.getByRole('button', { name: 'Matchingsronde starten' }).click();
    await board.getByText(/^Ronde klaar: \d+ aanvra(ag|gen) voorgesteld, waarvan 1 met begeleiding$/).waitFor();
    await lane(board, 'Voorgesteld')
      .locator('.request-card', { hasText: 'Meneer Ronde' })
      .filter({ hasText: /wacht op .*Noor.*Olga/ })
      .waitFor();
    expect(await card.count()).toBe(1);
    expect(app.services.proposals.ofRequest(request.id).map((p) => [p.helperId, p.role, p.status])).toEqual([
      [learner.id, 'learner', 'proposed'],
      [mentor.id, 'supervisor', 'proposed'],
    ]);
    expect(await boardStillMarked()).toBe(true);
    app.services.settings.update({ supervisedSkills: [] });
  });
});

/** Marks the open board page: a live update must arrive without the page being loaded again. */
const markBoard = () => board.evaluate('window.notReloaded = true');
const boardStillMarked = () => board.evaluate<boolean>('window.notReloaded === true');
