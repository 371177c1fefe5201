import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { ResidentImportReport, SavedMapping } from '../../src/imports/imports.schema.js';
import { Resident } from '../../src/residents/residents.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakePdok, PARKSTAD_ADDRESSES, startFakePdok } from '../support/pdok.js';
import { schaesbergCentroid } from '../support/postcodes.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIMEOUT_MS = 800;

/** A list as a municipality's Excel saves it: semicolons, a byte-order mark, postcodes with a space. */
const HEADER = '\uFEFFNaam;Telefoon;Postcode;Huisnummer;Toevoeging;Talen;Opmerkingen';
const LIST = [
  HEADER,
  'Mevrouw Hendriks;045 531 23 45;6372 AD;12;;nl, de;hond in huis',
  'Meneer Bosch;;6372ad;12;a;;',
  'Mevrouw Smeets;+31 45 999 0000;6417 BN;86;;;',
].join('\r\n');

let pdok: FakePdok;
let t: TestApp;
beforeAll(async () => {
  pdok = await startFakePdok(PARKSTAD_ADDRESSES);
});
afterAll(() => pdok.close());
beforeEach(async () => {
  pdok.reset();
  t = await startTestApp({ geocoder: pdokGeocoder({ url: pdok.url, timeoutMs: TIMEOUT_MS }) });
});
afterEach(() => t.close());

const post = (
  path: 'residents' | 'helpers',
  body: Buffer | string,
  type: string,
  query: Record<string, string> = {},
  accept = 'application/json',
) =>
  t.http
    .post(`/api/v1/imports/${path}`)
    .query(query)
    .set({ ...t.auth('dispatcher'), 'content-type': type, accept })
    .send(typeof body === 'string' ? Buffer.from(body) : body);

const residentNames = () =>
  t.services.residents
    .search(undefined)
    .map((r) => r.name)
    .sort();

describe('POST /imports/residents', () => {
  it('looks every address up in the dry run, writes nothing, then creates them placed and in the access log', async () => {
    const dry = await post('residents', LIST, 'text/csv');
    expect(dry.status, dry.text).toBe(200);
    expect(ResidentImportReport.parse(dry.body)).toEqual({
      dryRun: true,
      imported: false,
      created: 3,
      updated: 0,
      rejected: 0,
      rows: [2, 3, 4].map((row) => ({ row, action: 'create', residentId: null, problems: [] })),
    });
    expect(residentNames()).toEqual([]);
    // Only the postcode and the house number leave the service.
    expect(pdok.calls.map((c) => c.searchParams.get('q') ?? c.searchParams.getAll('fq').join(' '))).not.toContain(
      'Hendriks',
    );

    const real = await post('residents', LIST, 'text/csv', { dryRun: 'false' });
    expect([real.status, real.body.imported, real.body.created]).toEqual([200, true, 3]);
    const [hendriks, bosch, smeets] = (real.body as ResidentImportReport).rows.map((r) =>
      Resident.parse(t.services.residents.get(r.residentId!)),
    );
    expect(hendriks).toMatchObject({
      name: 'Mevrouw Hendriks',
      phone: '045 531 23 45',
      address: { street: 'Hoofdstraat', houseNumber: '12', postcode: '6372AD', city: 'Landgraaf' },
      location: { lat: 50.89861, lon: 6.04221 },
      locationSource: 'pdok',
      neighbourhood: { buurtCode: 'BU08820101', wijk: 'Schaesberg' },
      languages: ['nl', 'de'],
      notes: 'hond in huis',
    });
    expect([bosch!.address.houseNumberAddition, bosch!.location]).toEqual(['A', { lat: 50.89865, lon: 6.04229 }]);
    expect(smeets!.neighbourhood?.buurt).toBe('Schandelen');
    const audit = await t.http.get('/api/v1/audit').query({ action: 'create' }).set(t.auth('admin'));
    expect(audit.body.entries.map((e: { residentId: number }) => e.residentId).sort()).toEqual(
      [hendriks!.id, bosch!.id, smeets!.id].sort(),
    );
  });

  it('rejects a row per reason (unknown address, bad phone, no postcode, twice in the file, already stored) and imports none', async () => {
    await post('residents', `${HEADER}\nMevrouw Hendriks;;6372AD;12;;;`, 'text/csv', { dryRun: 'false' }).expect(200);
    const csv = [
      HEADER,
      'Goed Voorbeeld;;6372AD;14;;;',
      'Onbekend Adres;;6372AD;99;;;',
      'Fout Nummer;bel me;6417BN;86;;;',
      'Geen Postcode;;;86;;;',
      'goed  voorbeeld;;6372 AD;14;;;',
      'Mevrouw Hendriks;;6372AD;12;;;',
      'Verkeerde Toevoeging;;6372AD;12;Z;;',
    ].join('\n');
    const res = await post('residents', csv, 'text/csv', { dryRun: 'false' });
    expect(res.status, res.text).toBe(200);
    const report = ResidentImportReport.parse(res.body);
    expect([report.imported, report.created, report.rejected]).toEqual([false, 1, 6]);
    const problems = Object.fromEntries(report.rows.map((r) => [r.row, r.problems.map((p) => p.column)]));
    expect(problems).toEqual({
      2: [],
      3: ['Postcode', 'Huisnummer'],
      4: ['Telefoon'],
      5: ['Postcode'],
      6: ['Naam'],
      7: ['Naam'],
      8: ['Toevoeging'],
    });
    expect(report.rows[4]!.problems[0]!.message).toBe('the same name and address as row 2');
    expect(report.rows[5]!.problems[0]!.message).toMatch(/^already stored as resident \d+$/);
    expect(residentNames()).toEqual(['Mevrouw Hendriks']);
  });

  it('reads XLSX with pins, under the organisation’s saved mapping, which the API reads back', async () => {
    const saved = await t.http
      .put('/api/v1/imports/residents/mapping')
      .set(t.auth())
      .send({ mapping: { name: 'Naam bewoner', postcode: 'PC' } });
    expect(saved.status, saved.text).toBe(200);
    const read = SavedMapping.parse((await t.http.get('/api/v1/imports/residents/mapping').set(t.auth())).body);
    expect(read.mapping).toEqual({ name: 'Naam bewoner', postcode: 'PC' });
    expect(read.fields).toContainEqual({
      field: 'houseNumberAddition',
      headers: ['housenumberaddition', 'toevoeging', 'huisletter'],
    });

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Bewoners');
    sheet.addRow(['Naam bewoner', 'PC', 'lat', 'lon', 'telefoon']);
    sheet.addRow(['Mevrouw Pin', '6371 AB', 50.89, 6.02, '0455312345']);
    const res = await post('residents', Buffer.from(await book.xlsx.writeBuffer()), XLSX, { dryRun: 'false' });
    expect(res.status, res.text).toBe(200);
    const pinned = t.services.residents.get(res.body.rows[0].residentId);
    expect([pinned.name, pinned.location, pinned.locationSource]).toEqual([
      'Mevrouw Pin',
      { lat: 50.89, lon: 6.02 },
      'manual',
    ]);
    expect(pdok.calls).toEqual([]);
  });

  it('streams its progress when asked, ending with the same report', async () => {
    const res = await post('residents', LIST, 'text/csv', {}, 'application/x-ndjson');
    expect([res.status, res.type]).toEqual([200, 'application/x-ndjson']);
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const progress = lines.slice(0, -1).map((l) => l.progress);
    expect(progress[0]).toEqual({ phase: 'check', done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ phase: 'check', done: 3, total: 3 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort());
    expect(ResidentImportReport.parse(lines.at(-1).result).created).toBe(3);

    const missing = await post('residents', 'Naam;Telefoon\nA;1', 'text/csv', {}, 'application/x-ndjson');
    expect([missing.status, missing.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('refuses a list whose columns lack a home, and a mapping of fields it does not have, naming them', async () => {
    const res = await post('residents', 'Naam;Telefoon\nA;0455312345', 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'mapping.postcode',
      'mapping.houseNumber',
    ]);
    const bad = await t.http
      .put('/api/v1/imports/residents/mapping')
      .set(t.auth())
      .send({ mapping: { shoeSize: 'Maat' } });
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'mapping.shoeSize']);
    const intake = await t.http.get('/api/v1/imports/residents/mapping').set(t.auth('intake'));
    expect(intake.status).toBe(403);
  });
});

describe('addresses in imports', () => {
  it('places helpers by their address when the list has no coordinates', async () => {
    const csv = [
      'Naam;Soort;Richting;Vaardigheden;Postcode;Huisnummer;Reisafstand',
      'Fleur Janssen;student;zorg;groceries;6417BN;86;5',
      'Sem de Bruijn;student;zorg;groceries;6417BN;1;5',
    ].join('\n');
    const res = await post('helpers', csv, 'text/csv');
    expect(res.body.rows[1].problems.map((p: { column: string }) => p.column)).toEqual(['Postcode', 'Huisnummer']);
    const good = await post('helpers', csv.split('\n').slice(0, 2).join('\n'), 'text/csv', { dryRun: 'false' });
    expect(good.body.imported).toBe(true);
    const fleur = (await t.http.get(`/api/v1/helpers/${good.body.rows[0].helperId}`).set(t.auth())).body;
    expect([fleur.location, fleur.neighbourhood.buurt]).toEqual([{ lat: 50.88364, lon: 5.98786 }, 'Schandelen']);
  });

  it('falls back to the postcode table with the geocoder gone, and without either refuses the file: nothing written', async () => {
    await pdok.close();
    const none = await post('residents', LIST, 'text/csv', { dryRun: 'false' });
    expect([none.status, none.body.error.code]).toEqual([503, 'geocoder_unavailable']);
    for (const postcode of ['6372AD', '6417BN']) schaesbergCentroid(t.db, postcode, 50.9, 6.0, t.clock());
    const table = await post('residents', LIST, 'text/csv', { dryRun: 'false' });
    expect([table.status, table.body.created]).toEqual([200, 3]);
    expect(t.services.residents.search(undefined).every((r) => r.locationApproximate)).toBe(true);
    pdok = await startFakePdok(PARKSTAD_ADDRESSES);
  });
});
