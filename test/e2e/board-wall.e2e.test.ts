/**
 * The board on a big screen, with a busy day's sixty open requests beside a request in every other lane:
 * lanes that scroll on their own within a page the window's height, the header row's counts and the
 * request that waited longest, each lane's order, the wall-screen mode, and today's helpers.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { URGENCIES } from '../../src/domain.js';
import type { HelpRequest } from '../../src/requests/requests.schema.js';
import { loggedInPage, pagesUnderTest, screenshot } from '../support/browser.js';
import { at, buildWorkingDay, type WorkingDay } from '../support/day.js';

const OPEN = 60;
const under = pagesUnderTest();
let day: WorkingDay;

beforeAll(async () => {
  day = await buildWorkingDay(under.app);
  // Odd jobs, which nobody does: they stay open. Urgencies and days mixed, entered out of order.
  for (let i = 0; i < OPEN; i++) {
    const date = 24 + ((i * 7) % 4);
    const hour = String(9 + ((i * 5) % 8)).padStart(2, '0');
    under.app.services.requests.create(
      {
        residentId: day.residents[i % day.residents.length]!,
        skills: ['odd-jobs'],
        window: { start: at(date, `${hour}:00`), end: at(date, `${hour}:45`) },
        urgency: URGENCIES[(i * 3) % 4],
      },
      null,
      'test',
    );
  }
});

/** The request ids of a lane (or one of its groups) as the page shows them, top to bottom. */
const idsIn = (page: Page, selector: string) =>
  page
    .locator(`${selector} [data-request-id]`)
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-request-id'))));

async function board(width: number, height: number, path = '/board'): Promise<Page> {
  const page = await loggedInPage(under.browser, under.site, 'dispatcher', { width, height });
  await page.goto(`${under.site.url}${path}`);
  await page.locator('[data-lane="open"] .request-card').nth(OPEN).waitFor();
  return page;
}

/** Scrolls the open lane to its end: the lane moves its cards, the page itself stays put. */
const SCROLL_THE_OPEN_LANE = `(() => {
  const body = document.querySelector('[data-lane="open"] .lane-body');
  const before = body.getBoundingClientRect().top;
  body.scrollTop = body.scrollHeight;
  return {
    page: document.documentElement.scrollHeight,
    window: innerHeight,
    lane: { scrollHeight: body.scrollHeight, clientHeight: body.clientHeight },
    scrolled: body.scrollTop,
    moved: body.getBoundingClientRect().top - before,
  };
})()`;

const requests = () => under.app.services.requests.list({ limit: 1000 });

describe('the board on a big screen', () => {
  it.each([
    [1920, 1080],
    [1366, 768],
  ])('at %i×%i the page stays the window’s height and the open lane scrolls on its own', async (width, height) => {
    const page = await board(width, height);
    const sizes = await page.evaluate<{
      page: number;
      window: number;
      lane: { scrollHeight: number; clientHeight: number };
      scrolled: number;
      moved: number;
    }>(SCROLL_THE_OPEN_LANE);
    expect(sizes.page).toBeLessThanOrEqual(sizes.window);
    expect(sizes.lane.scrollHeight).toBeGreaterThan(2 * sizes.lane.clientHeight);
    expect(sizes.scrolled).toBeGreaterThan(0);
    expect(sizes.moved).toBe(0);
    await screenshot(page, `board-busy-${width}x${height}`);
    await page.context().close();
  });

  it('counts each lane in the header row as the lanes and the service do, and names who waited longest', async () => {
    const page = await board(1920, 1080);
    const all = requests();
    const expected = {
      open: all.filter((r) => r.status === 'open').length,
      proposed: all.filter((r) => r.status === 'proposed').length,
      assigned: 1,
      today: 1,
      done: all.filter((r) => r.status === 'completed' || r.status === 'cancelled').length,
    };
    expect(expected.open).toBe(OPEN + 1);
    const summary = page.getByRole('region', { name: 'Overzicht van het bord' });
    for (const [lane, count] of Object.entries(expected)) {
      expect(await summary.locator(`[data-lane-count="${lane}"] dd`).textContent(), lane).toBe(String(count));
      expect(await page.locator(`section[data-lane="${lane}"] .request-card`).count(), lane).toBe(count);
    }
    const waiting = all
      .filter((r) => r.status === 'open' || r.status === 'proposed')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    const oldest = summary.locator('.oldest');
    expect(Number(await oldest.getAttribute('data-oldest'))).toBe(waiting[0]!.id);
    expect(await oldest.textContent()).toMatch(/^Wacht het langst .+ · Meneer Peters wacht al \d+ min$/);
    await oldest.getByRole('button').click();
    await page.getByRole('dialog').locator('tbody tr').first().waitFor();
    await page.context().close();
  });

  it('orders each lane: open by urgency then start, Afgerond newest first with done and cancelled apart', async () => {
    const page = await board(1920, 1080);
    const all = new Map(requests().map((r) => [r.id, r]));
    const rank = (r: HelpRequest) => URGENCIES.indexOf(r.urgency);
    const open = (await idsIn(page, 'section[data-lane="open"]')).map((id) => all.get(id)!);
    const expected = [...open].sort(
      (a, b) => rank(b) - rank(a) || a.window.start.localeCompare(b.window.start) || a.id - b.id,
    );
    expect(open.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(open[0]!.urgency).toBe('urgent');
    expect(open.at(-1)!.urgency).toBe('low');

    expect(await idsIn(page, '[data-group="completed"]')).toEqual([day.requests.done]);
    expect(await idsIn(page, '[data-group="cancelled"]')).toEqual([day.requests.cancelled]);
    const groups = await page
      .locator('section[data-lane="done"] h3')
      .evaluateAll((els) => els.map((el) => el.textContent));
    expect(groups).toEqual(['Gedaan 1', 'Geannuleerd 1']);
    // A second cancellation comes first in its group: newest first.
    const later = under.app.services.requests.create(
      { residentId: day.residents[0]!, skills: ['odd-jobs'], window: { start: at(27, '10:00'), end: at(27, '11:00') } },
      null,
      'test',
    );
    under.app.services.requests.cancel(later.id, 'Dubbel ingevoerd', 'test');
    await page.locator(`[data-group="cancelled"] [data-request-id="${later.id}"]`).waitFor();
    expect(await idsIn(page, '[data-group="cancelled"]')).toEqual([later.id, day.requests.cancelled]);
    await page.context().close();
  });

  it('is a wall screen at ?wall=1: larger type, the header row, no tools and nothing to open', async () => {
    const page = await board(1920, 1080, '/board?wall=1');
    const rootSize = await page.evaluate<number>('parseFloat(getComputedStyle(document.documentElement).fontSize)');
    expect(rootSize).toBeGreaterThanOrEqual(20);
    expect(await page.getByRole('region', { name: 'Overzicht van het bord' }).count()).toBe(1);
    for (const name of ['Matchingsronde starten', 'Kaart'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(await page.getByLabel('Leerlijn').count()).toBe(0);
    expect(await page.locator('.lanes button').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'wijkmatch' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Uitloggen' }).isVisible()).toBe(false);
    expect(await page.locator('#connection').isVisible()).toBe(true);
    await page.locator('[data-lane="open"] .request-card').first().click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate<boolean>('document.documentElement.scrollHeight <= innerHeight')).toBe(true);
    await screenshot(page, 'board-wall-1920x1080');
    await page.getByRole('link', { name: 'Terug naar het bord' }).click();
    await page.getByRole('button', { name: 'Matchingsronde starten' }).waitFor();
    await page.context().close();
  });

  it('lists as available today only helpers whose hours today have not ended', async () => {
    const page = await board(1920, 1080);
    const side = page.getByRole('complementary');
    await side.getByText('Anouk Janssen').waitFor();
    // At 11:00 Daan's 07:00–10:00 is over; Chantal's 12:00–20:00 is still to come.
    expect(await side.textContent()).not.toContain('Daan Vos');
    expect(await side.textContent()).toContain('Chantal Smeets');
    expect(await side.getByRole('heading').textContent()).toMatch(/^Vandaag beschikbaar\s*3$/);
    await page.context().close();
  });
});
