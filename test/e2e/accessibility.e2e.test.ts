/**
 * axe-core on every page, for every role that may open it, with the pages full (test/support/day.ts):
 * no `serious` or `critical` violation anywhere. The board is checked with a request's detail open too,
 * since that dialog is where a dispatcher spends the day.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '../../src/domain.js';
import { mayOpen, STAFF_PAGES, type StaffPage } from '../../src/web/pages.js';
import { browserContext, loggedInPage, pagesUnderTest } from '../support/browser.js';
import { buildWorkingDay, type WorkingDay } from '../support/day.js';

/**
 * axe's source, run in the page through the DevTools protocol: the pages' CSP (`script-src 'self'`)
 * refuses an added script tag, as it should, and the test does not loosen it to get in.
 */
const AXE = `${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')};0`;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** The serious and critical violations on the page as it is now, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate<Violation[]>(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  );
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}; ${n.failureSummary ?? ''}`),
    );
}

const under = pagesUnderTest();
let day: WorkingDay;

beforeAll(async () => {
  day = await buildWorkingDay(under.app);
});

/** What a page shows once it has drawn what it loaded: its heading, and its list or table when it has one. */
async function drawn(page: Page, name: StaffPage): Promise<void> {
  await page.locator('#app h1').first().waitFor();
  if (name === 'board') await page.locator('.request-card').first().waitFor();
  if (name === 'helpers' || name === 'residents' || name === 'users' || name === 'closures')
    await page.locator('#app table tbody tr').first().waitFor();
  if (name === 'coach') await page.getByRole('button', { name: 'Anouk Janssen' }).waitFor();
}

function pathOf(name: StaffPage): string {
  return name === 'export' ? `/export?resident=${day.residents[0]}` : `/${name}`;
}

const cases = USER_ROLES.flatMap((role) =>
  STAFF_PAGES.filter((name) => mayOpen(name, role)).map((name) => ({ role, name })),
);

describe('axe-core finds nothing serious on any page', () => {
  it.each(cases)('$name for $role', async ({ role, name }: { role: UserRole; name: StaffPage }) => {
    const page = await loggedInPage(under.browser, under.site, role);
    await page.goto(`${under.site.url}${pathOf(name)}`);
    await drawn(page, name);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  /** The states past a page's first draw, where forms, dialogs and results appear. */
  const deeper: Array<[string, UserRole, string, (page: Page) => Promise<void>]> = [
    [
      'the board with a request’s detail open',
      'dispatcher',
      '/board',
      async (page) => {
        await page.locator(`[data-request-id="${day.requests.proposed}"]`).click();
        await page.getByRole('dialog').locator('tbody tr').first().waitFor();
      },
    ],
    [
      'the board as a map',
      'dispatcher',
      '/board',
      async (page) => {
        await page.getByRole('button', { name: 'Kaart' }).click();
        await page.locator('.board-map').waitFor();
      },
    ],
    [
      'intake with a resident chosen, a skill ticked and the best helpers shown',
      'intake',
      '/intake',
      async (page) => {
        await page.keyboard.type('Frijns');
        await page.getByRole('option', { name: /Mevrouw Frijns/ }).click();
        await page.getByRole('checkbox', { name: 'Boodschappen' }).check();
        await page.locator('.candidates li').first().waitFor();
      },
    ],
    [
      'intake with the new-resident form',
      'intake',
      '/intake',
      async (page) => {
        await page.getByRole('button', { name: 'Nieuwe bewoner' }).click();
        await page.getByLabel('Huisnummer').waitFor();
      },
    ],
    [
      'a helper opened',
      'dispatcher',
      '/helpers',
      async (page) => {
        await page.getByRole('button', { name: 'Anouk Janssen' }).click();
        await page.getByRole('button', { name: 'Helper opslaan' }).waitFor();
      },
    ],
    [
      'a new helper refused, its fields marked',
      'dispatcher',
      '/helpers',
      async (page) => {
        await page.getByRole('button', { name: 'Nieuwe helper' }).click();
        await page.getByRole('button', { name: 'Helper opslaan' }).click();
        await page.locator('[data-field="name"] .field-error').waitFor();
      },
    ],
    [
      'a resident opened',
      'dispatcher',
      '/residents',
      async (page) => {
        await page.getByRole('button', { name: 'Mevrouw Frijns' }).click();
        await page.getByRole('textbox', { name: 'Postcode', exact: true }).waitFor();
      },
    ],
    [
      'a participant’s file opened by their coach',
      'coach',
      '/coach',
      async (page) => {
        await page.getByRole('button', { name: 'Anouk Janssen' }).click();
        await page.getByRole('form', { name: 'Leerplan' }).waitFor();
      },
    ],
    [
      'your account with a code app being set up: the QR code, the key, the code to confirm',
      'dispatcher',
      '/account',
      async (page) => {
        await page.getByRole('button', { name: 'Inlogcode-app instellen' }).click();
        await page.getByRole('img', { name: 'QR-code om wijkmatch aan je inlogcode-app toe te voegen' }).waitFor();
      },
    ],
    [
      "your account with a code app's first code refused",
      'admin',
      '/account',
      async (page) => {
        await page.getByRole('button', { name: 'Inlogcode-app instellen' }).click();
        await page.getByLabel('Code uit de app').fill('12 34');
        await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
        await page.locator('[data-field="code"] .field-error').waitFor();
      },
    ],
    [
      'changing your password, the new ones refused as different',
      'intake',
      '/account',
      async (page) => {
        await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kraanwater fietsbel zonnebloem');
        await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
        await page.locator('[data-field="repeatPassword"] .field-error').waitFor();
      },
    ],
    [
      'the board as a wall screen',
      'dispatcher',
      '/board?wall=1',
      async (page) => {
        await page.locator('.request-card').first().waitFor();
      },
    ],
    [
      'the board in English',
      'dispatcher',
      '/lang/en?back=/board',
      async (page) => {
        await page.locator('.request-card').first().waitFor();
      },
    ],
  ];

  it.each(deeper)('%s', async (_what, role, path, act) => {
    const page = await loggedInPage(under.browser, under.site, role);
    await page.goto(`${under.site.url}${path}`);
    await page.locator('#app h1').first().waitFor();
    await act(page);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('the helper’s page on the personal link (with the reasons to decline shown) and their hours statement, on a phone', async () => {
    const { url } = under.site;
    const link = under.app.services.auth.issueHelperLink(day.helpers.anouk, 'test').url;
    const context = await browserContext(under.browser, under.site, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(link.replace('http://wijkmatch.test', url));
    await page.locator('article').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Afwijzen' }).first().tap();
    await page.getByRole('button', { name: 'Te ver' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.goto(`${link.replace('http://wijkmatch.test', url)}/statement`);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('the login page, the 404 page and a link that no longer works', async () => {
    const context = await browserContext(under.browser, under.site);
    const page = await context.newPage();
    for (const path of ['/login', '/bewoners', '/h/not-a-token']) {
      await page.goto(`${under.site.url}${path}`);
      expect(await violations(page), path).toEqual([]);
    }
    await context.close();
  });
});
