/**
 * The pages' weight and the board's drawing speed: each page script's size (minified, and gzipped as a
 * browser receives it), then the board in Chromium with 500 cards spread over the lanes, drawn first
 * from the snapshot, again after a filter change, and as one card moves on a change made elsewhere.
 * Median of the runs.
 */
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildAssets } from '../../src/web/assets.js';
import { PASSWORD, startTestApp } from '../../test/support/app.js';
import { buildHelper, buildResident } from '../../test/support/factories.js';
import { fmt, machine, summarise } from './stats.js';

const CARDS = 500;
const FIRST_RUNS = 7;
const REDRAWS = 21;
const LIVE_UPDATES = 11;
const HOUR = 3_600_000;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

function bundleSizes(): void {
  console.log('page script             minified      gzip');
  for (const [name, asset] of buildAssets()) {
    if (!name.endsWith('.js') && !name.endsWith('.css')) continue;
    const gzip = gzipSync(asset.body, { level: 9 }).length;
    console.log(`${name.padEnd(20)} ${String(Buffer.byteLength(asset.body)).padStart(11)} ${String(gzip).padStart(9)}`);
  }
}

/**
 * 500 requests over 40 helpers: most proposed (with a countdown), some accepted, some cancelled, and
 * some for a skill nobody has (open): every kind of card the board draws.
 */
async function fill(app: Awaited<ReturnType<typeof startTestApp>>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    app.services.helpers.create(buildHelper({ availability: ALWAYS, maxHoursPerWeek: 80 }), 'bench');
  }
  const residents = Array.from({ length: 100 }, () => app.services.residents.create(buildResident(), 'bench').id);
  const first = Math.ceil((app.clock() + 26 * HOUR) / HOUR) * HOUR;
  for (let i = 0; i < CARDS; i++) {
    const start = first + (i % 12) * 24 * HOUR + Math.floor(i / 12) * 0.25 * HOUR;
    const request = app.services.requests.create(
      {
        residentId: residents[i % residents.length]!,
        skills: [i % 10 === 0 ? 'odd-jobs' : i % 2 ? 'groceries' : 'companionship'],
        window: { start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString() },
        durationMinutes: 60,
      },
      null,
      'bench',
    );
    const [proposal] = app.services.proposals.ofRequest(request.id);
    if (proposal && i % 5 === 1) {
      await app.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(app.auth('dispatcher'));
    } else if (i % 25 === 3) {
      await app.http
        .post(`/api/v1/requests/${request.id}/cancel`)
        .set(app.auth('dispatcher'))
        .send({ reason: 'bench' });
    }
  }
}

/** From navigation start to the 500th card in the page (script, snapshot and drawing). */
async function firstDraw(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/board`);
  await page.waitForFunction(() => (globalThis as { cardsAt?: number }).cardsAt !== undefined, null, {
    timeout: 60_000,
  });
  return page.evaluate<number>('window.cardsAt');
}

/**
 * From a filter change to the next painted frame with all 500 cards back (the filter hid them all
 * first). Sent as source text: tsx would wrap named functions in a helper the page does not have.
 */
const REDRAW = `async (n) => {
  const select = document.getElementById('filter-track');
  const cards = () => document.querySelectorAll('.request-card').length;
  const until = (count) => new Promise((resolve) => {
    if (cards() === count) return resolve();
    const observer = new MutationObserver(() => {
      if (cards() !== count) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.getElementById('app'), { childList: true, subtree: true });
  });
  const choose = (value) => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  choose('green');
  await until(0);
  const start = performance.now();
  choose('');
  await until(n);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}`;

/** Marks the moment the 500th card is in the page, from navigation start. */
const MARK_CARDS = `addEventListener('DOMContentLoaded', () => {
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('.request-card').length < ${CARDS}) return;
    window.cardsAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
});`;

/**
 * A change made elsewhere, seen on the board: from cancelling a proposed request (a POST from the page)
 * to the next frame with its card in the Afgerond lane, through the socket's event and the redraw.
 */
const LIVE = `async (id) => {
  const done = () => document.querySelector('[data-lane="done"] [data-request-id="' + id + '"]') !== null;
  const moved = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.getElementById('app'), { childList: true, subtree: true });
  });
  const start = performance.now();
  const reply = await fetch('/api/v1/requests/' + id + '/cancel', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'bench' }),
  });
  if (!reply.ok) throw new Error('cancel answered ' + reply.status);
  await moved;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}`;

function redraw(page: Page): Promise<number> {
  return page.evaluate(`(${REDRAW})(${CARDS})`);
}

async function main(): Promise<void> {
  console.log(
    `machine: ${machine()}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  bundleSizes();

  const app = await startTestApp({ running: true });
  const { server, url } = await app.listen();
  await fill(app);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 1920, height: 1080 },
    });
    await context.addInitScript(MARK_CARDS);
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByLabel('E-mailadres').fill('dispatcher@wijkmatch.test');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/board$/);

    const lanes = await page
      .locator('[data-lane]')
      .evaluateAll((els) =>
        els.map((el) => `${el.getAttribute('data-lane')} ${el.querySelectorAll('.request-card').length}`),
      );
    const first: number[] = [];
    for (let i = 0; i < FIRST_RUNS; i++) first.push(await firstDraw(page, url));
    const again: number[] = [];
    for (let i = 0; i < REDRAWS; i++) again.push(await redraw(page));
    console.log(`board with ${CARDS} cards (${lanes.join(', ')}), Chromium 1920×1080:`);
    const proposed = await page
      .locator('[data-lane="proposed"] .request-card')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-request-id'))));
    const live: number[] = [];
    for (const id of proposed.slice(0, LIVE_UPDATES)) live.push(await page.evaluate<number>(`(${LIVE})(${id})`));
    const a = summarise(first);
    const b = summarise(again);
    console.log(
      `  first draw, navigation to the last card: median ${fmt(a.median)} (n = ${a.n}, max ${fmt(Math.max(...first))})`,
    );
    console.log(
      `  redraw after a filter change, to the next frame: median ${fmt(b.median)}, p95 ${fmt(b.p95)} (n = ${b.n})`,
    );
    const c = summarise(live);
    console.log(
      `  a request cancelled from the page, to the next frame with its card moved: median ${fmt(c.median)}, max ${fmt(Math.max(...live))} (n = ${c.n})`,
    );
  } finally {
    await browser.close();
    await server.close();
    app.close();
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
