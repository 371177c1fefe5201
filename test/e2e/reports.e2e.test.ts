import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { ExportTable } from '../../src/exports/exports.schema.js';
import { WHY_UNMET } from '../../src/reports/reports.types.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, loggedInPage, screenshot, type Site } from '../support/browser.js';
import { type FakePdok, startFakePdok } from '../support/pdok.js';
import { buildReportWorld, REPORT_ADDRESSES, type ReportWorld } from '../support/reports-world.js';

/** What the test reads of a canvas (the tests compile without the DOM's types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** Pixels of the chart's canvas (named `chart`) that are not transparent: zero for a chart that drew nothing. */
async function paintedPixels(page: Page, chart: RegExp): Promise<number> {
  return page.getByRole('img', { name: chart }).evaluate((element) => {
    const canvas = element as unknown as Canvas;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
    return painted;
  });
}

/** The table's body as the CSV would have it: key, then each number as written by the API ("" when withheld). */
async function tableAsCsvCells(page: Page): Promise<string[][]> {
  return page
    .locator('table.report tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-key')!,
        ...[...row.querySelectorAll('td')].map((td) =>
          td.textContent === '—' ? '' : td.textContent!.replace(/\./g, '').replace(',', '.'),
        ),
      ]),
    );
}

async function downloadedFile(page: Page, link: string): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return { name: download.suggestedFilename(), data: readFileSync((await download.path())!) };
}

async function downloaded(page: Page, link: string): Promise<{ name: string; text: string }> {
  const { name, data } = await downloadedFile(page, link);
  return { name, text: data.toString('utf8') };
}

describe('the reports page', () => {
  let pdok: FakePdok;
  let app: TestApp;
  let world: ReportWorld;
  let server: Awaited<ReturnType<TestApp['listen']>>['server'];
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    pdok = await startFakePdok(REPORT_ADDRESSES);
    app = await startTestApp({
      running: true,
      autoPropose: false,
      geocoder: pdokGeocoder({ url: pdok.url, timeoutMs: 2000 }),
    });
    world = await buildReportWorld(app);
    const listening = await app.listen();
    server = listening.server;
    site = { url: listening.url, clock: app.clock };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await pdok?.close();
  });

  it('draws the month’s hours per helper, with the same numbers in the table and in the CSV', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.getByRole('navigation').getByRole('link', { name: 'Rapportage' }).click();
    await page.getByRole('heading', { name: 'Rapportage', level: 1 }).waitFor();
    expect(await page.getByLabel('Vanaf').inputValue()).toBe('2026-11-01');
    expect(await page.getByLabel('Tot en met').inputValue()).toBe('2026-11-30');
    await page.getByRole('heading', { name: 'Uren per helper, 1 nov 2026 t/m 30 nov 2026' }).waitFor();

    expect(await page.getByRole('img', { name: /^Uren per helper/ }).count()).toBe(1);
    expect(await paintedPixels(page, /^Uren per helper/)).toBeGreaterThan(1000);
    const rows = page.locator('table.report tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent))).toEqual([
      'Anna de Vries5,754——',
      'Bert Jansen2,53——',
      'Carla Smeets757300',
    ]);
    expect(await page.locator('table.report tfoot tr').textContent()).toBe('Totaal15,2512');

    const csv = await downloaded(page, 'Download als CSV');
    expect(csv.name).toBe('hours-by-helper-2026-11-01-2026-11-30.csv');
    const [header, ...lines] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe('key,name,hours,jobs,suppressed,practiceHours,requiredHours');
    const fromCsv = lines.map((line) => {
      const [key, , hours, jobs, , practice, required] = line.split(',');
      return [key!, hours!, jobs!, practice!, required!];
    });
    expect(fromCsv).toEqual(await tableAsCsvCells(page));
    expect(fromCsv.map((r) => r[0])).toEqual([world.helpers.anna, world.helpers.bert, world.helpers.carla].map(String));
    await screenshot(page, 'reports-hours');
    await page.context().close();
  });

  it('shows requests per neighbourhood with the small ones withheld, and downloads them as Excel', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.goto(`${site.url}/rapportage`);
    await page.getByLabel('Rapport', { exact: true }).selectOption('demand');
    await page.getByLabel('Indeling').selectOption('neighbourhood');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('heading', { name: /^Hulpvragen per buurt/ }).waitFor();
    expect(await paintedPixels(page, /^Hulpvragen per buurt/)).toBeGreaterThan(1000);
    const rows = page.locator('table.report tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent))).toEqual([
      'Nieuwenhagen-Noord (Nieuwenhagen)—————',
      'Schaesberg-Centrum (Schaesberg)97110',
      'Buurt onbekend—————',
    ]);
    expect(await page.locator('table.report tfoot tr').textContent()).toBe('Totaal1813311');

    const csv = await downloaded(page, 'Download als CSV');
    const fromCsv = csv.text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const cells = line.split(',');
        return [cells[0]!, ...cells.slice(3, 8)];
      });
    expect(fromCsv).toEqual(await tableAsCsvCells(page));

    // Why the three went unmet: a chart, a table under it, and the same numbers in the files.
    await page.getByRole('heading', { name: 'Waarom niet geholpen' }).waitFor();
    expect(await paintedPixels(page, /^Waarom niet geholpen/)).toBeGreaterThan(1000);
    const why = await page
      .locator('table.why-unmet tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key')!, tr.textContent!]));
    expect(why).toEqual([
      ['availability', 'Helpers hadden geen tijd (rooster of afwezig)1'],
      ['notAsked', 'Iemand kon, maar is niet gevraagd2'],
    ]);
    const whyShown = Object.fromEntries(why.map(([key, text]) => [key, Number(text.match(/\d+$/)![0])]));
    const whyExpected = WHY_UNMET.map((r) => whyShown[r] ?? 0);
    const csvTable = parseCsv(csv.text) as string[][];
    const whyColumns = WHY_UNMET.map((r) => csvTable[0]!.indexOf(`whyUnmet.${r}`));
    // Per row: Schaesberg-Centrum's one (r2's, bert was not asked); the withheld buurten hide theirs.
    expect(csvTable.slice(1).map((line) => [line[0], whyColumns.map((c) => line[c]).join(' ')])).toEqual([
      ['BU08820301', WHY_UNMET.map(() => '').join(' ')],
      ['BU08820101', WHY_UNMET.map((r) => (r === 'notAsked' ? '1' : '0')).join(' ')],
      ['unknown', WHY_UNMET.map(() => '').join(' ')],
    ]);

    const xlsx = await downloadedFile(page, 'Download als Excel');
    expect(xlsx.name).toBe('demand-by-neighbourhood-2026-11-01-2026-11-30.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.data as unknown as ExcelJS.Buffer);
    const sheet = (book.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    const total = sheet.at(-1)!;
    expect(total[0]).toBe('total');
    expect(whyColumns.map((c) => total[c])).toEqual(whyExpected);
    await screenshot(page, 'reports-demand');
    await page.context().close();
  });

  it('offers intake no hours per helper, shows participants and quality, and names the fields the API refuses', async () => {
    const page = await loggedInPage(browser, site, 'intake');
    await page.getByRole('navigation').getByRole('link', { name: 'Rapportage' }).click();
    await page.getByRole('heading', { name: /^Uren per richting/ }).waitFor();
    const options = await page.getByLabel('Indeling').locator('option').allTextContents();
    expect(options).toEqual(['Per richting', 'Per vaardigheid', 'Per week', 'Per maand']);

    await page.getByLabel('Rapport', { exact: true }).selectOption('participants');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('heading', { name: /^Deelnemers per richting/ }).waitFor();
    expect(await paintedPixels(page, /^Deelnemers per richting/)).toBeGreaterThan(1000);
    expect(await page.locator('table.report tbody tr').allTextContents()).toEqual([
      'Zorg22028,2500000',
      'Groen1101710000',
      'Klussen1010000000',
    ]);

    await page.getByLabel('Rapport', { exact: true }).selectOption('quality');
    expect(await page.getByLabel('Indeling').count()).toBe(0);
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('heading', { name: /^Kwaliteit, 1 nov 2026/ }).waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    const gini = page.locator('tbody tr[data-key="hoursGini"] td');
    expect(await gini.allTextContents()).toEqual(['0,3975', '4']);
    expect(await page.locator('tbody tr[data-key="continuity"] td').allTextContents()).toEqual(['—', '—']);

    await page.getByLabel('Tot en met').fill('2026-10-01');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.locator('[data-field="to"] .field-error').waitFor();
    await page.context().close();
  });

  it('downloads the lists: the requests of the month as CSV, line for line the API’s table; intake gets no hours', async () => {
    const page = await loggedInPage(browser, site, 'dispatcher');
    await page.goto(`${site.url}/rapportage`);
    await page.getByRole('heading', { name: 'Lijsten exporteren' }).waitFor();
    const csv = await downloaded(page, 'Hulpvragen als CSV');
    expect(csv.name).toBe('requests-2026-11-01-2026-11-30.csv');
    const table = ExportTable.parse(
      (await app.http.get('/api/v1/exports/requests').query({ from: '2026-11-01', to: '2026-11-30' }).set(app.auth()))
        .body,
    );
    expect(parseCsv(csv.text)).toEqual([
      table.columns,
      ...table.rows.map((row) => row.map((v) => (v === null ? '' : String(v)))),
    ]);
    expect(table.rows).toHaveLength(18);
    const hours = await downloaded(page, 'Uren per klus als Excel');
    expect(hours.name).toBe('hours-2026-11-01-2026-11-30.xlsx');
    await page.context().close();

    const intake = await loggedInPage(browser, site, 'intake');
    await intake.goto(`${site.url}/rapportage`);
    await intake.getByRole('link', { name: 'Bewoners als CSV' }).waitFor();
    expect(await intake.getByRole('link', { name: /^Uren per klus/ }).count()).toBe(0);
    await intake.context().close();
  });
});
