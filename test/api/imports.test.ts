import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReport } from '../../src/imports/imports.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A school's list as Excel saves it in the Netherlands: semicolons, a byte-order mark, decimal commas. */
const SCHOOL_CSV = [
  '\uFEFFNaam;Soort;Richting;Vaardigheden;Breedtegraad;Lengtegraad;Reisafstand;Beschikbaarheid;E-mail;Vanaf',
  'Fleur Janssen;student;zorg;groceries, companionship;50,8915;6,0259;5;ma 09:00-13:00, wo 13:00-17:00;fleur@school.test;2026-09-01',
  'Sem de Bruijn;werkzoekende;groen;gardening;50,8950;6,0300;7,5;;sem@school.test;',
].join('\r\n');

const post = (body: Buffer | string, type: string, query: Record<string, string> = {}, role = 'dispatcher' as const) =>
  t.http
    .post('/api/v1/imports/helpers')
    .query(query)
    .set({ ...t.auth(role), 'content-type': type })
    .send(typeof body === 'string' ? Buffer.from(body) : body);

const helperNames = async () =>
  ((await t.http.get('/api/v1/helpers').set(t.auth())).body as { name: string }[]).map((h) => h.name).sort();

describe('POST /imports/helpers', () => {
  it('reports a dry run per row and writes nothing; the real run creates them in one go', async () => {
    const dry = await post(SCHOOL_CSV, 'text/csv');
    expect(dry.status, dry.text).toBe(200);
    expect(ImportReport.parse(dry.body)).toEqual({
      dryRun: true,
      imported: false,
      created: 2,
      updated: 0,
      rejected: 0,
      rows: [
        { row: 2, action: 'create', helperId: null, problems: [] },
        { row: 3, action: 'create', helperId: null, problems: [] },
      ],
    });
    expect(await helperNames()).toEqual([]);

    const real = await post(SCHOOL_CSV, 'text/csv', { dryRun: 'false' });
    expect([real.body.imported, real.body.created]).toEqual([true, 2]);
    const fleur = (await t.http.get(`/api/v1/helpers/${real.body.rows[0].helperId}`).set(t.auth())).body;
    expect(fleur).toMatchObject({
      name: 'Fleur Janssen',
      kind: 'student',
      track: 'care',
      skills: ['groceries', 'companionship'],
      location: { lat: 50.8915, lon: 6.0259 },
      maxTravelKm: 5,
      availability: [
        { weekday: 1, start: '09:00', end: '13:00' },
        { weekday: 3, start: '13:00', end: '17:00' },
      ],
      email: 'fleur@school.test',
      activeFrom: '2026-09-01',
    });
    const sem = (await t.http.get(`/api/v1/helpers/${real.body.rows[1].helperId}`).set(t.auth())).body;
    expect([sem.kind, sem.track, sem.maxTravelKm]).toEqual(['jobseeker', 'green', 7.5]);
  });

  it('reads XLSX, Excel dates included; a known e-mail address updates that helper', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leerlingen');
    sheet.addRow(['Naam leerling', 'kind', 'track', 'skills', 'lat', 'lon', 'maxTravelKm', 'email', 'activeUntil']);
    sheet.addRow([
      'Fleur Janssen',
      'student',
      'care',
      'groceries',
      50.8915,
      6.0259,
      6,
      'fleur@school.test',
      new Date(Date.UTC(2027, 5, 30)),
    ]);
    sheet.addRow(['Noah Peters', 'student', 'handy', 'odd-jobs', 50.9, 6.03, 4, 'noah@school.test', null]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const res = await post(bytes, XLSX, { dryRun: 'false', mapping: JSON.stringify({ name: 'Naam leerling' }) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    const fleur = (await t.http.get(`/api/v1/helpers/${res.body.rows[0].helperId}`).set(t.auth())).body;
    expect([fleur.skills, fleur.maxTravelKm, fleur.activeUntil]).toEqual([['groceries'], 6, '2027-06-30']);
    expect(await helperNames()).toEqual(['Fleur Janssen', 'Noah Peters', 'Sem de Bruijn']);
  });

  it('rejects bad rows with a reason per column, and then imports none of the file', async () => {
    const csv = [
      'name,kind,track,skills,lat,lon,maxTravelKm,email',
      'Goed Voorbeeld,student,care,groceries,50.89,6.02,5,goed@school.test',
      'Geen Vaardigheid,student,care,juggling,50.89,6.02,5,',
      'Verkeerde Soort,leraar,care,groceries,50.89,6.02,abc,',
      'Dubbel,student,care,groceries,50.89,6.02,5,goed@school.test',
    ].join('\n');
    const res = await post(csv, 'text/csv', { dryRun: 'false' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ imported: false, created: 1, rejected: 3 });
    expect(res.body.rows[1]).toEqual({
      row: 3,
      action: 'reject',
      helperId: null,
      problems: [{ column: 'skills', message: 'unknown skill juggling' }],
    });
    expect(res.body.rows[2]).toEqual({
      row: 4,
      action: 'reject',
      helperId: null,
      problems: [
        { column: 'kind', message: expect.any(String) },
        { column: 'maxTravelKm', message: expect.any(String) },
      ],
    });
    expect(res.body.rows[3].problems).toEqual([{ column: 'email', message: 'the same e-mail address as row 2' }]);
    // One row was fine, but a list is never half-imported.
    expect(await helperNames()).not.toContain('Goed Voorbeeld');
  });

  it.each([
    ['a file that is not UTF-8', Buffer.from('name;kind\nJos\xe9;student', 'latin1'), 'text/csv', {}, 'body'],
    [
      'a missing column',
      'name,kind,track,skills,lat,lon\nA,student,care,groceries,1,2',
      'text/csv',
      {},
      'mapping.maxTravelKm',
    ],
    ['a mapping that is not JSON', SCHOOL_CSV, 'text/csv', { mapping: '{name' }, 'mapping'],
    ['a mapping of an unknown field', SCHOOL_CSV, 'text/csv', { mapping: '{"shoeSize":"Maat"}' }, 'mapping.shoeSize'],
    ['a workbook that is not one', 'not a zip', XLSX, {}, 'body'],
  ] as const)('refuses %s with 400 naming the field', async (_what, body, type, query, field) => {
    const res = await post(body, type, query);
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('takes only a file, and only from the roles that manage helpers', async () => {
    const json = await t.http.post('/api/v1/imports/helpers').set(t.auth()).send({ name: 'x' });
    expect([json.status, json.body.error.details[0].field]).toEqual([400, 'body']);
    const intake = await post(SCHOOL_CSV, 'text/csv', {}, 'intake' as 'dispatcher');
    expect([intake.status, intake.body.error.code]).toEqual([403, 'forbidden']);
  });
});
