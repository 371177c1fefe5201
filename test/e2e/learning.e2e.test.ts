import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { browserContext, launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';

describe("the coach's page and the participant's own view", () => {
  let app: TestApp;
  let server: Awaited<ReturnType<TestApp['listen']>>['server'];
  let url: string;
  let site: Site;
  let browser: Browser;
  let helperId: number;
  let jobId: number;

  beforeAll(async () => {
    app = await startTestApp({ autoPropose: false });
    ({ server, url } = await app.listen());
    site = { url, clock: app.clock };
    browser = await launchChromium();
    const s = app.services;
    helperId = s.helpers.create(
      buildHelper({ name: 'Sanne de Vries', skills: [{ code: 'groceries', level: 'learning' }, 'companionship'] }),
      'test',
    ).id;
    s.helpers.create(buildHelper({ name: 'Niet van mij' }), 'test');
    const coachId = s.auth.listUsers().find((u) => u.role === 'coach')!.id;
    s.learning.assignCoach(helperId, coachId, 'test');
    const resident = s.residents.create(buildResident(), 'test');
    const job = s.requests.create(buildRequest(resident.id), null, 'test');
    s.proposals.assign(job.id, helperId, 1, 'test');
    app.clock.set(Date.parse('2026-11-24T12:00:00+01:00'));
    const admin = s.auth.listUsers().find((u) => u.role === 'admin')!.id;
    s.requests.complete(job.id, { hours: 1.5 }, { kind: 'staff', role: 'admin', userId: admin, tokenId: 0 }, 'test');
    jobId = job.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
  });

  it('lets the coach keep the plan, note a workshop and an observation, and sign off a level', async () => {
    const page = await loggedInPage(browser, site, 'coach');
    page.setDefaultTimeout(8000);
    expect(new URL(page.url()).pathname).toBe('/coach');
    await expect(page.getByRole('link', { name: 'Bord' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Niet van mij' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sanne de Vries' }).click();

    const plan = page.getByRole('form', { name: 'Leerplan' });
    await plan.getByLabel('Wat wil ik?').fill('In de zorg werken');
    await plan.getByLabel('Praktijk vanaf').fill('2026-09-01');
    await plan.getByLabel('Vereiste uren').fill('400');
    await plan.getByRole('button', { name: 'Opslaan' }).click();
    await plan.getByText('Opgeslagen.').waitFor();
    await page.getByText('1.5 van 400 uur gedaan').first().waitFor();

    const goals = page.getByRole('form', { name: 'Leerdoelen' });
    await goals.getByRole('button', { name: 'Doel toevoegen' }).click();
    await goals.getByLabel('Vaardigheid').selectOption('groceries');
    await goals.getByLabel('Doel').fill('Zelfstandig boodschappen doen');
    await goals.getByRole('button', { name: 'Doelen opslaan' }).click();
    await goals.getByText('Opgeslagen.').waitFor();

    const workshops = page.getByRole('form', { name: 'Workshops' });
    await workshops.getByLabel(/Privacy en beroepsgeheim/).fill('2026-10-05');
    await workshops.getByText('Opgeslagen.').waitFor();

    const jobs = page.getByRole('form', { name: 'Laatste klussen' });
    await jobs.getByLabel('Tevredenheid bewoner (1–5)').selectOption('4');
    await jobs.getByLabel('Observatie').fill('Rustig en vriendelijk');
    await jobs.getByRole('button', { name: 'Bewaar' }).click();
    await jobs.getByText('Opgeslagen.').waitFor();

    const levels = page.getByRole('form', { name: 'Niveaus aftekenen' });
    await levels.getByLabel('Vaardigheid').selectOption('groceries');
    await levels.getByLabel('Nieuw niveau').selectOption('competent');
    await levels.getByRole('button', { name: 'Aftekenen' }).click();
    // Without an observed job the API names the field, and nothing changes.
    await levels.locator('[data-field="observedRequestIds"] .field-error').waitFor();
    await levels.getByRole('checkbox').first().check();
    await levels.getByRole('button', { name: 'Aftekenen' }).click();
    await levels.getByText('Afgetekend.').waitFor();
    const statement = page.getByRole('form', { name: 'Urenverklaring' });
    await statement.getByLabel('Periode vanaf').fill('2026-09-01');
    await statement.getByLabel('Periode tot en met').fill('2026-11-30');
    await statement.getByRole('button', { name: 'Urenverklaring aftekenen' }).click();
    await statement.getByText('De urenverklaring is afgetekend.').waitFor();
    await statement.getByText(/2026-09-01 – 2026-11-30: 1.5 uur, afgetekend op 2026-11-24/).waitFor();
    await screenshot(page, 'coach-file');

    const file = app.services.learning.file({ kind: 'helper', role: 'helper', helperId, tokenId: 0 }, helperId);
    expect(file).toMatchObject({
      requiredHours: 400,
      questions: { want: 'In de zorg werken' },
      goals: [{ skill: 'groceries', goal: 'Zelfstandig boodschappen doen' }],
      skills: ['groceries', 'companionship'],
      jobs: [{ requestId: jobId, satisfaction: 4, observation: 'Rustig en vriendelijk' }],
    });
  });

  it('shows the participant their hours, levels, workshops and the coach’s observation, and the statement', async () => {
    const link = app.services.auth.issueHelperLink(helperId, 'test').url.replace('http://wijkmatch.test', url);
    const context = await browserContext(browser, site, { viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(link);
    const section = page.getByRole('region', { name: 'Mijn leerpad' });
    await section.getByText('1.5 van 400 uur gedaan').waitFor();
    await section.getByText('Boodschappen: kan het').waitFor();
    await section.getByText('1 van 10 gedaan').waitFor();
    await section.getByText('Rustig en vriendelijk').waitFor();
    await screenshot(page, 'helper-learning');
    await section.getByRole('link', { name: 'Urenverklaring voor school' }).click();
    await page.getByRole('heading', { name: 'Urenverklaring' }).waitFor();
    await page.getByText('Sanne de Vries').waitFor();
  });
});
