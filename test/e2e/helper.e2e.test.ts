import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { browserContext, launchChromium, screenshot, type Site } from '../support/browser.js';
import { buildHelper, buildResident } from '../support/factories.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const HOUR = 3_600_000;
const PHONE = { width: 360, height: 740 };

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let url: string;
let site: Site;
let browser: Browser;
let helperId: number;
let link: string;

/** A one-hour grocery run for a new resident, starting on the hour `hoursFromNow` on the service's clock. */
function requestIn(hoursFromNow: number, residentName: string, skills = ['groceries']) {
  const resident = app.services.residents.create(
    buildResident({ name: residentName, phone: '045 531 9876', notes: 'sleutel bij de buren' }),
    'test',
  );
  const start = Math.ceil((app.clock() + hoursFromNow * HOUR) / HOUR) * HOUR;
  return app.services.requests.create(
    {
      residentId: resident.id,
      skills,
      window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
    },
    null,
    'test',
  );
}

/** A job of the helper's own: proposed to them and accepted by a dispatcher who had them on the phone. */
async function jobIn(hoursFromNow: number, residentName: string) {
  const request = requestIn(hoursFromNow, residentName);
  const [proposal] = app.services.proposals.ofRequest(request.id);
  await app.http.post(`/api/v1/proposals/${proposal!.id}/accept`).set(app.auth('dispatcher')).expect(200);
  return request;
}

async function phonePage(): Promise<Page> {
  const context = await browserContext(browser, site, { viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

beforeAll(async () => {
  app = await startTestApp({ running: true });
  ({ server, url } = await app.listen());
  site = { url, clock: app.clock };
  helperId = app.services.helpers.create(
    buildHelper({ name: 'Anouk', availability: ALWAYS, maxHoursPerWeek: 40 }),
    'test',
  ).id;
  link = app.services.auth.issueHelperLink(helperId, 'test').url.replace('http://wijkmatch.test', url);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.close();
});

describe('the helper’s page on a phone', () => {
  it('shows a proposal without the resident’s name, phone or street, and accepts it in one tap', async () => {
    const request = requestIn(2, 'Mevrouw Bemelmans');
    const page = await phonePage();
    const card = page.locator('article', { hasText: 'Boodschappen' });
    await card.waitFor();
    const text = (await page.locator('main').textContent())!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mijn klussen');
    expect(text).toContain('Hoi Anouk');
    expect(text).toContain('Antwoord vóór');
    expect(text).toContain('6371');
    for (const secret of ['Bemelmans', '9876', 'Hoofdstraat', 'sleutel']) expect(text).not.toContain(secret);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    await card.getByRole('button', { name: 'Accepteren' }).tap();
    await page.getByText('Geaccepteerd').waitFor();
    expect(app.services.requests.get(request.id)).toMatchObject({ status: 'assigned', helperId });
    const job = page
      .locator('section', { hasText: 'Mijn rooster' })
      .locator('article', { hasText: 'Mevrouw Bemelmans' });
    await job.waitFor();
    expect(await job.getByRole('link', { name: 'Route' }).getAttribute('href')).toMatch(/destination=50\.89/);
    expect(await job.getByRole('link', { name: /Bellen/ }).getAttribute('href')).toBe('tel:0455319876');
    await screenshot(page, 'helper');
    await page.context().close();
  });

  it('declines with a reason in one tap', async () => {
    const request = requestIn(30, 'Meneer Wolters', ['companionship']);
    const page = await phonePage();
    const card = page.locator('article', { hasText: 'Gezelschap' });
    const decline = card.getByRole('button', { name: 'Afwijzen' });
    await decline.waitFor();
    // Before "Afwijzen" no reason is there to tap: a stray tap on one would decline the job.
    expect(await card.getByRole('button', { name: 'Te ver' }).count()).toBe(0);
    expect(await card.getByText('Waarom niet?').count()).toBe(0);
    expect(await decline.getAttribute('aria-expanded')).toBe('false');
    await decline.tap();
    expect(await decline.getAttribute('aria-expanded')).toBe('true');
    await card.getByRole('button', { name: 'Te ver' }).tap();
    await page.getByText('Afgewezen').waitFor();
    const [proposal] = app.services.proposals.ofRequest(request.id);
    expect(proposal).toMatchObject({ helperId, status: 'declined', declineReason: 'Te ver' });
    await page.context().close();
  });

  it('logs the hours after the job, with a note and what the resident did in return', async () => {
    const job = await jobIn(5, 'Mevrouw Smeets');
    const before = app.services.me.hours(helperId);
    app.clock.advance(8 * HOUR);
    const page = await phonePage();
    const form = page.locator('article', { hasText: 'Mevrouw Smeets' }).locator('form', { hasText: 'Uren invullen' });
    await form.getByLabel('Uren').fill('1.5');
    await form.getByLabel('Korte notitie').fill('Alles gehaald');
    await form.getByLabel(/Wat deed de bewoner terug/).fill('Koffie en een praatje');
    await form.getByRole('button', { name: 'Opslaan' }).tap();
    await page.getByText('Uren opgeslagen').waitFor();
    expect(app.services.requests.get(job.id)).toMatchObject({
      status: 'completed',
      hours: 1.5,
      completionNote: 'Alles gehaald',
      reciprocity: 'Koffie en een praatje',
    });
    const total = before.total + 1.5;
    const care = (before.byTrack.find((t) => t.track === 'care')?.hours ?? 0) + 1.5;
    expect(app.services.me.hours(helperId)).toMatchObject({ total, jobs: before.jobs + 1 });
    const mine = page.locator('section', { hasText: 'Mijn uren' });
    // The helper's first completed job: the total reads in the singular, "1 klus".
    expect(before.jobs).toBe(0);
    const jobs = before.jobs + 1;
    await mine.getByText(new RegExp(`^${total} uur in ${jobs} ${jobs === 1 ? 'klus' : 'klussen'}$`)).waitFor();
    expect(await mine.textContent()).toContain(`Zorg: ${care} u`);
    await page.context().close();
  });

  it('says when others were asked too and the first to accept gets the job', async () => {
    // Issue 13: an urgent request goes to the best helpers at once.
    const other = app.services.helpers.create(buildHelper({ name: 'Bram', availability: ALWAYS }), 'test');
    const resident = app.services.residents.create(buildResident({ name: 'Mevrouw Hanssen' }), 'test');
    const start = Math.ceil((app.clock() + 3 * HOUR) / HOUR) * HOUR;
    const request = app.services.requests.create(
      {
        residentId: resident.id,
        skills: ['groceries'],
        urgency: 'urgent',
        window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
      },
      null,
      'test',
    );
    expect(app.services.proposals.ofRequest(request.id).map((p) => p.helperId)).toEqual(
      expect.arrayContaining([helperId, other.id]),
    );
    const page = await phonePage();
    await page.getByText('Ook aan 1 anderen gevraagd: wie het eerst accepteert, krijgt de klus.').waitFor();
    await page.context().close();
    app.services.requests.cancel(request.id, 'test', 'test');
    app.services.helpers.deactivate(other.id, 'test');
  });

  it('says what a yes to a more urgent request does to the job the helper holds then (issue 13)', async () => {
    const start = Math.ceil((app.clock() + 3 * HOUR) / HOUR) * HOUR;
    const resident = app.services.residents.create(buildResident({ name: 'Meneer Vluggen' }), 'test');
    const window = (hours: number) => ({
      start: new Date(start).toISOString(),
      end: new Date(start + hours * HOUR).toISOString(),
    });
    const held = app.services.requests.create(
      { residentId: resident.id, skills: ['groceries'], window: window(4), durationMinutes: 60 },
      null,
      'test',
    );
    await app.http
      .post(`/api/v1/requests/${held.id}/assign`)
      .set(app.auth('dispatcher'))
      .send({ helperId })
      .expect(201);
    const urgent = app.services.requests.create(
      { residentId: resident.id, skills: ['groceries'], urgency: 'urgent', window: window(1), durationMinutes: 60 },
      null,
      'test',
    );
    expect(app.services.proposals.ofRequest(urgent.id).find((p) => p.helperId === helperId)?.makesRoom).toMatchObject({
      requestId: held.id,
      way: 'move',
    });
    const page = await phonePage();
    await page
      .getByText(/^Dringender dan je klus Boodschappen van .*: als je dit aanneemt, schuift die naar /)
      .waitFor();
    await page.context().close();
    app.services.requests.cancel(urgent.id, 'test', 'test');
    app.services.requests.cancel(held.id, 'test', 'test');
  });

  it('shows the dates of a regular help together and takes them all in one tap (issue 13)', async () => {
    const resident = app.services.residents.create(buildResident({ name: 'Meneer Wetzels' }), 'test');
    // Every Saturday from this week's: the two within the planning horizon are asked of Anouk at once.
    const saturday = new Date(app.clock() + ((6 - new Date(app.clock()).getUTCDay() + 7) % 7) * 86_400_000);
    const series = app.services.series.create(
      {
        residentId: resident.id,
        skills: ['companionship'],
        weekday: 6,
        start: '14:00',
        end: '15:00',
        everyWeeks: 1,
        firstDate: saturday.toISOString().slice(0, 10),
      },
      null,
      'test',
    );
    expect(series.upcoming.length).toBeGreaterThanOrEqual(2);
    const page = await phonePage();
    const offer = page.getByRole('article', { name: `Vaste hulp, Gezelschap: ${series.upcoming.length} data` });
    await offer.waitFor();
    await offer.getByRole('button', { name: `Alle ${series.upcoming.length} data accepteren` }).click();
    await page.getByRole('status').filter({ hasText: 'Geaccepteerd: de data staan in je rooster.' }).waitFor();
    // The page reads the helper's proposals again after the message: the offer goes then.
    await offer.waitFor({ state: 'detached' });
    for (const { requestId } of series.upcoming)
      expect(app.services.requests.get(requestId)).toMatchObject({ status: 'assigned', helperId });
    await screenshot(page, 'helper-series');
    await page.context().close();
    app.services.series.stop(series.id, 'test');
  });

  it('asks a learner for a supervised pair, names the other only once the job is theirs', async () => {
    app.services.settings.update({ supervisedSkills: ['dementia-support'] });
    const dementia = (name: string, level: 'learning' | 'mentor') =>
      app.services.helpers.create(
        buildHelper({ name, skills: [{ code: 'dementia-support', level }], availability: ALWAYS, maxHoursPerWeek: 40 }),
        'test',
      );
    const learner = dementia('Lotte', 'learning');
    // Nobody may do it yet: the learner not alone, and the mentor is not there.
    const request = requestIn(4, 'Meneer Pairs', ['dementia-support']);
    const mentor = dementia('Mirjam', 'mentor');
    await app.http
      .post(`/api/v1/requests/${request.id}/proposals`)
      .set(app.auth())
      .send({ helperId: learner.id, supervisorId: mentor.id })
      .expect(201);
    const context = await browserContext(browser, site, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(app.services.auth.issueHelperLink(learner.id, 'test').url.replace('http://wijkmatch.test', url));
    await page.getByText('Je doet dit samen met een ervaren helper die je begeleidt', { exact: false }).waitFor();
    expect(await page.textContent('body')).not.toContain('Mirjam');
    await page.getByRole('button', { name: 'Accepteren' }).click();
    await page.getByText('Je hebt ja gezegd; we wachten nog op de ander.', { exact: false }).waitFor();

    const halves = app.services.proposals.ofRequest(request.id);
    await app.http.post(`/api/v1/proposals/${halves[1]!.id}/accept`).set(app.auth()).expect(200);
    await page.reload();
    await page.getByText('Samen met Mirjam, die je begeleidt.').waitFor();
    await context.close();
    app.services.requests.cancel(request.id, 'test', 'test');
    for (const h of [learner, mentor]) app.services.helpers.deactivate(h.id, 'test');
    app.services.settings.update({ supervisedSkills: [] });
  });

  it('refuses a link that is no longer valid, on the page and the calendar feed', async () => {
    const old = link;
    link = app.services.auth.issueHelperLink(helperId, 'test').url.replace('http://wijkmatch.test', url);
    const context = await browserContext(browser, site, { viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    const reply = await page.goto(old);
    expect(reply?.status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain('Deze link werkt niet');
    expect((await fetch(`${old}/calendar.ics`)).status).toBe(401);
    expect((await fetch(`${link}/calendar.ics`)).status).toBe(200);
    await context.close();
  });
});
