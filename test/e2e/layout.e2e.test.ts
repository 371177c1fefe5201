/**
 * Each role's main pages at the three sizes they are used at (a wall screen, a laptop, a phone), with
 * the pages full: a screenshot of each kept in test-artifacts/, and at the laptop and the phone nothing
 * wider than the window, no board card or badge cut off, and the list pages' filters in a row.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../src/domain.js';
import { browserContext, loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { buildWorkingDay, type WorkingDay } from '../support/day.js';

const SIZES = [
  { name: 'wall', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
] as const;

/** The pages each role spends the day on, and what shows that a page has drawn what it loaded. */
const MAIN_PAGES: Array<{ role: UserRole; path: string; ready: string }> = [
  { role: 'dispatcher', path: '/board', ready: '.request-card' },
  { role: 'dispatcher', path: '/helpers', ready: '#app tbody tr' },
  { role: 'dispatcher', path: '/residents', ready: '#app tbody tr' },
  { role: 'dispatcher', path: '/closures', ready: '#app tbody tr' },
  { role: 'dispatcher', path: '/rapportage', ready: '#app table' },
  { role: 'intake', path: '/intake', ready: '#app h1' },
  { role: 'intake', path: '/board', ready: '.request-card' },
  { role: 'admin', path: '/users', ready: '#app tbody tr' },
  { role: 'admin', path: '/settings', ready: '#app fieldset' },
  { role: 'admin', path: '/audit', ready: '#app tbody tr' },
  { role: 'coach', path: '/coach', ready: '#app tbody tr' },
];

/** What sticks out: the page wider than the window, or a board card or badge wider than its own box. */
const OVERFLOW = `(() => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth)
    out.push('page ' + document.documentElement.scrollWidth + ' > ' + innerWidth);
  for (const el of document.querySelectorAll('.request-card, .request-card .badge, .request-card .countdown'))
    if (el.scrollWidth > el.clientWidth) out.push(el.className + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
  return out;
})()`;

/** The countdown on one line: its height is one line of its text. */
const COUNTDOWN_WRAPS = `[...document.querySelectorAll('.countdown')].filter(
  (el) => el.getClientRects().length > 1,
).length`;

const under = pagesUnderTest();
let day: WorkingDay;

beforeAll(async () => {
  day = await buildWorkingDay(under.app);
});

async function checked(page: Page, name: string, width: number): Promise<void> {
  await screenshot(page, name);
  if (width === 1920) return;
  expect(await page.evaluate<string[]>(OVERFLOW), name).toEqual([]);
  expect(await page.evaluate<number>(COUNTDOWN_WRAPS), name).toBe(0);
}

describe('each role’s main pages at 1920×1080, 1366×768 and 360×740', () => {
  it.each(MAIN_PAGES.flatMap((p) => SIZES.map((size) => ({ ...p, size }))))(
    '$path for $role at $size.name',
    async ({ role, path, ready, size }) => {
      const page = await loggedInPage(under.browser, under.site, role, { width: size.width, height: size.height });
      await page.goto(`${under.site.url}${path}`);
      await page.locator(ready).first().waitFor();
      await checked(page, `${role}${path.replace('/', '-')}-${size.width}x${size.height}`, size.width);
      await page.context().close();
    },
  );

  it.each(SIZES)('the helper’s page at $name', async (size) => {
    const link = under.app.services.auth.issueHelperLink(day.helpers.anouk, 'test').url;
    const phone = size.width < 500;
    const context = await browserContext(under.browser, under.site, {
      viewport: { width: size.width, height: size.height },
      isMobile: phone,
      hasTouch: phone,
    });
    const page = await context.newPage();
    await page.goto(link.replace('http://wijkmatch.test', under.site.url));
    await page.locator('article').first().waitFor();
    await checked(page, `helper-${size.width}x${size.height}`, size.width);
    await context.close();
  });

  it('lays the filters of the list pages out in a row', async () => {
    const page = await loggedInPage(under.browser, under.site, 'admin', { width: 1366, height: 768 });
    for (const path of ['/audit', '/rapportage', '/closures', '/users']) {
      await page.goto(`${under.site.url}${path}`);
      const form = page.locator('form.filters').first();
      await form.waitFor();
      const tops = await form.evaluate((el) =>
        [...el.querySelectorAll('input, select')].map((field) => Math.round(field.getBoundingClientRect().top)),
      );
      expect(tops.length, path).toBeGreaterThan(1);
      expect(tops[1], `${path}: fields at ${tops.join(', ')}`).toBe(tops[0]);
    }
    await page.context().close();
  });
});
