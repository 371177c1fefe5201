import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExportTable } from '../../src/exports/exports.schema.js';
import type { TestApp } from '../support/app.js';
import { type ReportWorld, reportWorldUnderTest } from '../support/reports-world.js';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Role = 'admin' | 'dispatcher' | 'intake' | 'coach';

const under = reportWorldUnderTest();
let t: TestApp;
let world: ReportWorld;
beforeAll(() => ({ t, world } = under));

const get = (list: string, query: Record<string, string> = {}, role: Role = 'dispatcher') =>
  t.http.get(`/api/v1/exports/${list}`).query(query).set(t.auth(role));

async function table(list: string, query: Record<string, string> = {}, role: Role = 'dispatcher') {
  const res = await get(list, query, role);
  expect(res.status, res.text).toBe(200);
  return ExportTable.parse(res.body);
}

/** The table's cells as a CSV holds them: text, an empty field for nothing. */
const asText = (rows: ExportTable['rows']) => rows.map((row) => row.map((v) => (v === null ? '' : String(v))));

/** The CSV download, parsed as a spreadsheet would read it. */
async function csvOf(list: string, query: Record<string, string> = {}, role: Role = 'dispatcher') {
  const res = await get(list, { ...query, format: 'csv' }, role).buffer(true);
  expect([res.status, res.type]).toEqual([200, 'text/csv']);
  return { lines: parseCsv(res.text) as string[][], disposition: res.headers['content-disposition'] as string };
}

/** The XLSX download: its first sheet's cells. */
async function xlsxOf(list: string, query: Record<string, string> = {}) {
  const res = await get(list, { ...query, format: 'xlsx' })
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect([res.status, res.type]).toEqual([200, XLSX]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ExcelJS.Buffer);
  const lines: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
  return lines;
}

describe('GET /exports/*', () => {
  it('lists every helper; the CSV and the XLSX hold the same cells as the JSON table', async () => {
    const json = await table('helpers');
    expect(json.rows.map((r) => r[1])).toEqual(['Anna de Vries', 'Bert Jansen', 'Carla Smeets', expect.any(String)]);
    const { lines, disposition } = await csvOf('helpers');
    expect(disposition).toBe('attachment; filename=helpers.csv');
    expect(lines).toEqual([json.columns, ...asText(json.rows)]);
    const sheet = await xlsxOf('helpers');
    expect(sheet[0]).toEqual(json.columns);
    expect(sheet.slice(1).map((row) => json.columns.map((_, i) => row[i] ?? null))).toEqual(json.rows);
  });

  it('lists residents without their notes, and puts every one exported in the access log', async () => {
    const json = await table('residents', {}, 'intake');
    expect(json.columns).not.toContain('notes');
    expect(json.rows).toHaveLength(12);
    const { lines } = await csvOf('residents', {}, 'intake');
    expect(lines).toEqual([json.columns, ...asText(json.rows)]);
    const log = await t.http.get('/api/v1/audit').query({ action: 'export' }).set(t.auth('admin'));
    expect(new Set(log.body.entries.map((e: { residentId: number }) => e.residentId))).toEqual(
      new Set(world.r.slice(1)),
    );
    expect(log.body.entries.every((e: { role: string }) => e.role === 'intake')).toBe(true);
  });

  it('lists the requests of a period, without free texts, and the same lines as CSV', async () => {
    const all = await table('requests');
    const week = await table('requests', WEEK);
    expect(all.columns).not.toContain('description');
    expect(week.rows.length).toBe(18);
    const monday = await table('requests', { from: '2026-11-23', to: '2026-11-23' });
    expect(monday.rows.length).toBeLessThan(week.rows.length);
    expect((await csvOf('requests', WEEK)).lines).toEqual([week.columns, ...asText(week.rows)]);
  });

  it('lists the hours per completed job, adding up to the hours report, for admins and dispatchers', async () => {
    const json = await table('hours', WEEK, 'admin');
    const hoursAt = json.columns.indexOf('hours');
    expect(json.rows).toHaveLength(12);
    expect(json.rows.reduce((sum, row) => sum + (row[hoursAt] as number), 0)).toBe(15.25);
    const report = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...WEEK, by: 'helper' })
      .set(t.auth());
    expect(report.body.total).toMatchObject({ hours: 15.25, jobs: 12 });
    const sheet = await xlsxOf('hours', WEEK);
    expect(sheet.slice(1).map((row) => row[hoursAt])).toEqual(json.rows.map((row) => row[hoursAt]));
    expect(json.rows.filter((row) => row[2] === world.helpers.anna)).toHaveLength(4);
  });

  it.each([
    ['hours', 'intake', 403],
    ['helpers', 'coach', 403],
    ['residents', 'coach', 403],
    ['requests', 'coach', 403],
  ] as const)('%s for %s: %i', async (list, role, status) => {
    const res = await get(list, WEEK, role);
    expect([res.status, res.body.error.code]).toEqual([status, 'forbidden']);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await get('requests', { from: '2026-11-29', to: '2026-11-23' });
    expect([res.status, res.body.error.details[0].field]).toEqual([400, 'to']);
  });
});
