import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { Helper } from '../../src/helpers/helpers.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { Resident } from '../../src/residents/residents.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { type FakePdok, PARKSTAD_ADDRESSES, startFakePdok } from '../support/pdok.js';
import { schaesbergCentroid } from '../support/postcodes.js';

/** Short enough for a quick test, long enough for a machine busy with other tests. */
const TIMEOUT_MS = 800;
const HOOFDSTRAAT = PARKSTAD_ADDRESSES[0]!;
const AKERSTRAAT = PARKSTAD_ADDRESSES[3]!;
const DAY = 86_400_000;

/** A resident typed in by intake: a name, a postcode and a house number, no coordinates. */
function addressed(address: { postcode: string; houseNumber: string; houseNumberAddition?: string; city?: string }) {
  const { location: _pin, ...resident } = buildResident({ name: 'Mevrouw Geheim-Naam', address });
  return resident;
}

const residentCount = (t: TestApp) => t.services.residents.search(undefined).length;

describe('addresses found by the geocoder (a local Locatieserver)', () => {
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

  it('places a resident from postcode and house number: the register’s street, city, point and neighbourhood', async () => {
    const res = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372 ad', houseNumber: '12' }))
      .expect(201);
    const resident = Resident.parse(res.body);
    expect(resident).toMatchObject({
      address: {
        street: 'Hoofdstraat',
        houseNumber: '12',
        houseNumberAddition: null,
        postcode: '6372AD',
        city: 'Landgraaf',
      },
      location: { lat: HOOFDSTRAAT.lat, lon: HOOFDSTRAAT.lon },
      locationSource: 'pdok',
      locationApproximate: false,
      neighbourhood: {
        wijk: 'Schaesberg',
        wijkCode: 'WK088201',
        buurt: 'Schaesberg-Centrum',
        buurtCode: 'BU08820101',
      },
    });
    expect(
      Resident.parse((await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth()).expect(200)).body),
    ).toEqual(resident);
    expect(t.services.residents.neighbourhood(resident.id)).toEqual(resident.neighbourhood);
  });

  it('sends only the postcode and the house number, and asks for an address once', async () => {
    for (let i = 0; i < 2; i++)
      await t.http
        .post('/api/v1/residents')
        .set(t.auth('intake'))
        .send(addressed({ postcode: '6372AD', houseNumber: '12', city: 'Schaesberg' }))
        .expect(201);
    expect(pdok.calls).toHaveLength(1);
    const [call] = pdok.calls;
    expect(call!.pathname).toBe('/bzk/locatieserver/search/v3_1/free');
    expect([...new Set(call!.searchParams.keys())].sort()).toEqual(['fl', 'fq', 'q', 'rows']);
    expect(call!.searchParams.get('q')).toBe('6372AD 12');
    expect(call!.searchParams.getAll('fq')).toEqual(['type:adres', 'postcode:6372AD', 'huisnummer:12']);
    const sent = [...call!.searchParams].filter(([key]) => key !== 'fl').map(([, value]) => value);
    expect(sent.join(' ')).not.toMatch(/Geheim|Schaesberg|Hoofdstraat|045/i);
  });

  it('finds the house letter or addition asked for, and names the addition when it does not exist', async () => {
    const withLetter = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12', houseNumberAddition: 'a' }))
      .expect(201);
    expect(withLetter.body).toMatchObject({
      address: { houseNumber: '12', houseNumberAddition: 'A' },
      location: { lat: PARKSTAD_ADDRESSES[1]!.lat, lon: PARKSTAD_ADDRESSES[1]!.lon },
    });
    const inOne = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12A' }))
      .expect(201);
    expect(inOne.body.location).toEqual(withLetter.body.location);

    const before = residentCount(t);
    const res = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12', houseNumberAddition: 'Z' }))
      .expect(422);
    expect(res.body.error.code).toBe('address_not_found');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['address.houseNumberAddition']);
    expect(residentCount(t)).toBe(before);

    await t.http.post(`/api/v1/residents/${withLetter.body.id}/erase`).set(t.auth('admin')).expect(200);
    const erased = await t.http.get(`/api/v1/residents/${withLetter.body.id}`).set(t.auth('admin')).expect(200);
    expect(erased.body.address).toEqual({
      street: null,
      houseNumber: null,
      houseNumberAddition: null,
      postcode: '6372',
      city: 'Landgraaf',
    });
  });

  it('answers 422 address_not_found naming postcode and house number, writing nothing', async () => {
    const seq = t.services.board.lastSeq();
    for (const path of ['/api/v1/residents', '/api/v1/helpers']) {
      const { location: _pin, ...helper } = buildHelper({ address: { postcode: '6372AD', houseNumber: '99' } });
      const body = path.endsWith('residents') ? addressed({ postcode: '6372AD', houseNumber: '99' }) : helper;
      const res = await t.http.post(path).set(t.auth()).send(body).expect(422);
      expect(res.body.error.code).toBe('address_not_found');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
        'address.postcode',
        'address.houseNumber',
      ]);
    }
    expect(residentCount(t)).toBe(0);
    expect(t.services.helpers.list({})).toEqual([]);
    expect(t.services.board.lastSeq()).toBe(seq);
  });

  it('answers 422 address_not_found to a helper moving to an address that does not exist, keeping their home', async () => {
    const { location: _pin, ...input } = buildHelper({ address: { postcode: '6372AD', houseNumber: '12' } });
    const helper = Helper.parse((await t.http.post('/api/v1/helpers').set(t.auth()).send(input).expect(201)).body);
    const seq = t.services.board.lastSeq();
    const res = await t.http
      .patch(`/api/v1/helpers/${helper.id}`)
      .set(t.auth())
      .send({ address: { postcode: '6372AD', houseNumber: '99' } })
      .expect(422);
    expect(res.body.error.code).toBe('address_not_found');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'address.postcode',
      'address.houseNumber',
    ]);
    expect(Helper.parse((await t.http.get(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200)).body)).toEqual(
      helper,
    );
    expect(t.services.board.lastSeq()).toBe(seq);
  });

  it('asks again about an address it did not find after a day, suggestions after a week, and a found one never', async () => {
    const ask = (houseNumber: string) =>
      t.http
        .post('/api/v1/residents')
        .set(t.auth('intake'))
        .send(addressed({ postcode: '6372AD', houseNumber }));
    const suggest = () => t.http.get('/api/v1/addresses/suggest').query({ q: '6372AD' }).set(t.auth()).expect(200);
    const asked = (path: 'free' | 'suggest') => pdok.calls.filter((c) => c.pathname.endsWith(`/${path}`)).length;
    const start = t.clock();
    expect((await ask('99').expect(422)).body.error.code).toBe('address_not_found');
    await ask('12').expect(201);
    await suggest();
    expect([asked('free'), asked('suggest')]).toEqual([2, 1]);

    await t.moveClockTo(start + DAY - 1);
    await ask('99').expect(422);
    await ask('12').expect(201);
    await suggest();
    expect([asked('free'), asked('suggest')]).toEqual([2, 1]);

    await t.moveClockTo(start + DAY + 1);
    await ask('99').expect(422);
    await suggest();
    expect([asked('free'), asked('suggest')]).toEqual([3, 1]);

    await t.moveClockTo(start + 7 * DAY + 1);
    await ask('12').expect(201);
    await suggest();
    expect([asked('free'), asked('suggest')]).toEqual([3, 2]);
  });

  it('refuses to look up an address without a full postcode or a house number (400 naming the field)', async () => {
    const noNumber = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD' } as never))
      .expect(400);
    expect(noNumber.body.error.details.map((d: { field: string }) => d.field)).toEqual(['address.houseNumber']);
    const pc4 = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372', houseNumber: '12' }))
      .expect(400);
    expect(pc4.body.error.details.map((d: { field: string }) => d.field)).toEqual(['address.postcode']);
    for (const houseNumber of ['0', '00', '0A']) {
      const zero = await t.http
        .get('/api/v1/addresses/lookup')
        .query({ postcode: '6372AD', houseNumber })
        .set(t.auth('intake'))
        .expect(400);
      expect(zero.body.error.details.map((d: { field: string }) => d.field)).toEqual(['query.houseNumber']);
    }
    const helperWithoutHome = buildHelper();
    delete (helperWithoutHome as { location?: unknown }).location;
    const res = await t.http.post('/api/v1/helpers').set(t.auth()).send(helperWithoutHome).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['location']);
    expect(pdok.calls).toHaveLength(0);
  });

  it('keeps a pin as it is: a location given is manual, and the geocoder is not asked', async () => {
    const res = await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(201);
    expect(res.body).toMatchObject({ locationSource: 'manual', locationApproximate: false, neighbourhood: null });
    expect(pdok.calls).toHaveLength(0);
  });

  it('tries once more after a timeout or a 5xx, and not after a 4xx', async () => {
    pdok.trouble({ kind: 'slow', ms: TIMEOUT_MS * 3 });
    const late = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '14' }))
      .expect(201);
    expect(late.body.locationSource).toBe('pdok');
    expect(pdok.calls).toHaveLength(2);

    pdok.trouble({ kind: 'status', status: 503 });
    await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6417BN', houseNumber: '86' }))
      .expect(201);
    expect(pdok.calls).toHaveLength(4);

    pdok.trouble({ kind: 'status', status: 400 });
    const refused = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(503);
    expect(refused.body.error.code).toBe('geocoder_unavailable');
    expect(pdok.calls).toHaveLength(5);
  });

  it('answers 503 geocoder_unavailable when it stays slow or answers garbage and no table is loaded', async () => {
    pdok.trouble({ kind: 'slow', ms: TIMEOUT_MS * 3 }, { kind: 'slow', ms: TIMEOUT_MS * 3 });
    const started = Date.now();
    const slow = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(503);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 1000);
    expect(slow.body.error.code).toBe('geocoder_unavailable');
    expect(slow.body.error.message).toMatch(/import:postcodes|pin/);

    pdok.trouble({ kind: 'garbage' });
    const garbage = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(503);
    expect(garbage.body.error.code).toBe('geocoder_unavailable');
    expect(residentCount(t)).toBe(0);
  });

  it('answers 503 geocoder_unavailable to a new helper when the geocoder fails and no table is loaded', async () => {
    const seq = t.services.board.lastSeq();
    pdok.trouble({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const { location: _pin, ...input } = buildHelper({ address: { postcode: '6372AD', houseNumber: '12' } });
    const res = await t.http.post('/api/v1/helpers').set(t.auth()).send(input).expect(503);
    expect(res.body.error.code).toBe('geocoder_unavailable');
    expect(res.body.error.details[0].field).toBe('address');
    expect(pdok.calls).toHaveLength(2);
    expect(t.services.helpers.list({})).toEqual([]);
    expect(t.services.board.lastSeq()).toBe(seq);
  });

  it('moves a resident whose address changes, and their open request with them', async () => {
    const helper = Helper.parse(
      (
        await t.http
          .post('/api/v1/helpers')
          .set(t.auth())
          .send(buildHelper({ location: { lat: HOOFDSTRAAT.lat, lon: HOOFDSTRAAT.lon }, maxTravelKm: 12 }))
          .expect(201)
      ).body,
    );
    const resident = Resident.parse(
      (
        await t.http
          .post('/api/v1/residents')
          .set(t.auth('intake'))
          .send(addressed({ postcode: '6372AD', houseNumber: '14' }))
          .expect(201)
      ).body,
    );
    const request = HelpRequest.parse(
      (await t.http.post('/api/v1/requests').set(t.auth('intake')).send(buildRequest(resident.id)).expect(201)).body,
    );
    const distance = async () =>
      Candidates.parse(
        (await t.http.get(`/api/v1/requests/${request.id}/candidates`).set(t.auth()).expect(200)).body,
      ).candidates.find((c) => c.helperId === helper.id)!.distanceKm;
    expect(await distance()).toBeLessThan(0.1);

    const moved = await t.http
      .patch(`/api/v1/residents/${resident.id}`)
      .set(t.auth('intake'))
      .send({ address: { postcode: '6417 BN', houseNumber: '86' } })
      .expect(200);
    expect(moved.body).toMatchObject({
      address: { street: 'Akerstraat', city: 'Heerlen', postcode: '6417BN' },
      location: { lat: AKERSTRAAT.lat, lon: AKERSTRAAT.lon },
      neighbourhood: { wijk: 'Heerlen-Centrum', buurt: 'Schandelen' },
    });
    const after = HelpRequest.parse(
      (await t.http.get(`/api/v1/requests/${request.id}`).set(t.auth()).expect(200)).body,
    );
    expect(after.location).toEqual({ lat: AKERSTRAAT.lat, lon: AKERSTRAAT.lon });
    expect(await distance()).toBeGreaterThan(3);

    const missing = await t.http
      .patch(`/api/v1/residents/${resident.id}`)
      .set(t.auth('intake'))
      .send({ address: { postcode: '6417BN', houseNumber: '1' } })
      .expect(422);
    expect(missing.body.error.code).toBe('address_not_found');
    expect((await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth()).expect(200)).body.location).toEqual({
      lat: AKERSTRAAT.lat,
      lon: AKERSTRAAT.lon,
    });
  });

  it('places a helper from their home address, and their candidates follow a move', async () => {
    const resident = Resident.parse(
      (
        await t.http
          .post('/api/v1/residents')
          .set(t.auth('intake'))
          .send(addressed({ postcode: '6417BN', houseNumber: '86' }))
          .expect(201)
      ).body,
    );
    const { location: _pin, ...input } = buildHelper({
      address: { postcode: '6372AD', houseNumber: '12' },
      maxTravelKm: 12,
    });
    const helper = Helper.parse((await t.http.post('/api/v1/helpers').set(t.auth()).send(input).expect(201)).body);
    expect(helper).toMatchObject({
      address: { street: 'Hoofdstraat', houseNumber: '12', postcode: '6372AD', city: 'Landgraaf' },
      location: { lat: HOOFDSTRAAT.lat, lon: HOOFDSTRAAT.lon },
      locationSource: 'pdok',
      neighbourhood: { buurt: 'Schaesberg-Centrum' },
    });
    const request = HelpRequest.parse(
      (await t.http.post('/api/v1/requests').set(t.auth('intake')).send(buildRequest(resident.id)).expect(201)).body,
    );
    const distance = async () =>
      Candidates.parse(
        (await t.http.get(`/api/v1/requests/${request.id}/candidates`).set(t.auth()).expect(200)).body,
      ).candidates.find((c) => c.helperId === helper.id)?.distanceKm;
    expect(await distance()).toBeGreaterThan(3);

    await t.http
      .patch(`/api/v1/helpers/${helper.id}`)
      .set(t.auth())
      .send({ address: { postcode: '6417BN', houseNumber: '86' } })
      .expect(200);
    expect(await distance()).toBeLessThan(0.1);
  });

  it('suggests addresses for a typed postcode, and looks one up without saving it', async () => {
    const res = await t.http
      .get('/api/v1/addresses/suggest')
      .query({ q: '6372ad 1' })
      .set(t.auth('intake'))
      .expect(200);
    expect(res.body.available).toBe(true);
    expect(res.body.suggestions.map((s: { label: string }) => s.label)).toEqual([
      'Hoofdstraat 12, 6372AD Landgraaf',
      'Hoofdstraat 12A, 6372AD Landgraaf',
      'Hoofdstraat 14, 6372AD Landgraaf',
    ]);
    expect(pdok.calls.at(-1)!.searchParams.get('q')).toBe('6372AD 1');
    const name = await t.http.get('/api/v1/addresses/suggest').query({ q: 'Jansen' }).set(t.auth()).expect(400);
    expect(name.body.error.details[0].field).toBe('q');

    const found = await t.http
      .get('/api/v1/addresses/lookup')
      .query({ postcode: '6417BN', houseNumber: '86' })
      .set(t.auth('intake'))
      .expect(200);
    expect(found.body).toMatchObject({
      address: { street: 'Akerstraat', city: 'Heerlen' },
      locationSource: 'pdok',
      neighbourhood: { buurtCode: 'BU09170003' },
    });
    const none = await t.http
      .get('/api/v1/addresses/lookup')
      .query({ postcode: '6417BN', houseNumber: '3' })
      .set(t.auth('intake'))
      .expect(422);
    expect(none.body.error.details[0].field).toBe('query.postcode');
    expect(residentCount(t)).toBe(0);
  });
});

describe('addresses without a geocoder answering', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('falls back to the postcode table when the geocoder is gone, marked approximate', async () => {
    const gone = await startFakePdok([]);
    await gone.close();
    t = await startTestApp({ geocoder: pdokGeocoder({ url: gone.url, timeoutMs: TIMEOUT_MS }) });
    const none = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(503);
    expect(none.body.error.code).toBe('geocoder_unavailable');

    schaesbergCentroid(t.db, '6372', 50.9, 6.04, t.clock());
    schaesbergCentroid(t.db, '6372AD', 50.8986, 6.0422, t.clock());
    const res = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12', city: 'Landgraaf' }))
      .expect(201);
    expect(res.body).toMatchObject({
      location: { lat: 50.8986, lon: 6.0422 },
      locationSource: 'postcode-table',
      locationApproximate: true,
      neighbourhood: { wijk: 'Schaesberg', buurtCode: 'BU08820101' },
    });
    const pc4 = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372XY', houseNumber: '3' }))
      .expect(201);
    expect(pc4.body.location).toEqual({ lat: 50.9, lon: 6.04 });
    const unknown = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6411AB', houseNumber: '3' }))
      .expect(503);
    expect(unknown.body.error.details[0].field).toBe('address.postcode');
  });

  it('with the geocoder off: the table places, an unknown postcode is 422, no table is 503', async () => {
    t = await startTestApp();
    const noTable = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(503);
    expect(noTable.body.error.code).toBe('geocoder_unavailable');
    const suggest = await t.http.get('/api/v1/addresses/suggest').query({ q: '6372' }).set(t.auth()).expect(200);
    expect(suggest.body).toEqual({ suggestions: [], available: false });

    schaesbergCentroid(t.db, '6372AD', 50.8986, 6.0422, t.clock());
    await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6372AD', houseNumber: '12' }))
      .expect(201);
    const unknown = await t.http
      .post('/api/v1/residents')
      .set(t.auth('intake'))
      .send(addressed({ postcode: '6411AB', houseNumber: '3' }))
      .expect(422);
    expect(unknown.body.error).toMatchObject({ code: 'address_not_found', details: [{ field: 'address.postcode' }] });
    expect(residentCount(t)).toBe(1);
  });
});
