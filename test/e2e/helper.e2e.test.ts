import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { buildHelper, buildResident } from '../support/factories.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const HOUR = 3_600_000;
const PHONE = { width: 360, height: 740 };

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>['server'];
let url: string;
let browser: Browser;
let helperId: number;
let link: string;

function requestIn(hoursFromNow: number, residentName: string) {
  const resident = app.services.residents.create(
    buildResident({ name: residentName, phone: '045 531 9876', notes: 'sleutel bij de buren' }),
    'test',
  );
  const start = Math.ceil((Date.now() + hoursFromNow * HOUR) / HOUR) * HOUR;
  return app.services.requests.create(
    {
      residentId: resident.id,
      skills: ['groceries'],
      window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
    },
    null,
    'test',
  );
}

async function phonePage(offsetMs = 0): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  if (offsetMs) await context.clock.setFixedTime(new Date(Date.now() + offsetMs));
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

beforeAll(async () => {
  app = await startTestApp({ realTime: true });
  ({ server, url } = await app.listen());
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
    const request = requestIn(30, 'Meneer Wolters');
    const page = await phonePage();
    const card = page.locator('article', { hasText: 'Antwoord vóór' });
    await card.getByRole('button', { name: 'Afwijzen' }).tap();
    await card.getByRole('button', { name: 'Te ver' }).tap();
    await page.getByText('Afgewezen').waitFor();
    const [proposal] = app.services.proposals.ofRequest(request.id);
    expect(proposal).toMatchObject({ helperId, status: 'declined', declineReason: 'Te ver' });
    await page.context().close();
  });

  it('logs the hours after the job, with a note and what the resident did in return', async () => {
    const [job] = app.services.me.schedule(helperId).filter((j) => j.status === 'assigned');
    app.clock.advance(4 * HOUR);
    const page = await phonePage(4 * HOUR);
    const form = page.locator('form', { hasText: 'Uren invullen' });
    await form.getByLabel('Uren').fill('1.5');
    await form.getByLabel('Korte notitie').fill('Alles gehaald');
    await form.getByLabel(/Wat deed de bewoner terug/).fill('Koffie en een praatje');
    await form.getByRole('button', { name: 'Opslaan' }).tap();
    await page.getByText('Uren opgeslagen').waitFor();
    expect(app.services.requests.get(job!.requestId)).toMatchObject({
      status: 'completed',
      hours: 1.5,
      completionNote: 'Alles gehaald',
      reciprocity: 'Koffie en een praatje',
    });
    await page.getByText('1.5 uur in 1 klussen').waitFor();
    await page.locator('section', { hasText: 'Mijn uren' }).getByText('Zorg: 1.5 u').waitFor();
    await page.context().close();
  });

  it('offers the schedule as a calendar feed, and refuses a link that is no longer valid', async () => {
    const feed = await fetch(`${link}/calendar.ics`);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:wijkmatch: Boodschappen');

    app.services.auth.issueHelperLink(helperId, 'test');
    const old = await fetch(link);
    expect(old.status).toBe(401);
    expect(await old.text()).toContain('Deze link werkt niet');
    expect((await fetch(`${link}/calendar.ics`)).status).toBe(401);
  });
});
