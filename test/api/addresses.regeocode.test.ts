import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertCentroid } from '../../src/addresses/postcodes.repo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { type FakePdok, PARKSTAD_ADDRESSES, startFakePdok } from '../support/pdok.js';

const run = promisify(execFile);

describe('npm run regeocode', () => {
  let pdok: FakePdok;
  let t: TestApp;
  beforeAll(async () => {
    pdok = await startFakePdok(PARKSTAD_ADDRESSES);
  });
  afterAll(() => pdok.close());
  beforeEach(async () => {
    pdok.reset();
    // Entered while the geocoder was off: placed at postcode centroids.
    t = await startTestApp();
    for (const postcode of ['6372AD', '6417BN'])
      upsertCentroid(t.db, {
        postcode,
        lat: 50.9,
        lon: 6.0,
        city: null,
        street: null,
        wijkCode: null,
        wijkName: null,
        buurtCode: null,
        buurtName: null,
        importedAt: t.clock(),
      });
  });
  afterEach(() => t.close());

  function regeocode(...args: string[]) {
    return run(process.execPath, ['--import', 'tsx', 'scripts/regeocode.ts', ...args], {
      env: {
        ...process.env,
        WIJKMATCH_DB: t.dbPath,
        WIJKMATCH_GEOCODER_URL: pdok.url,
        WIJKMATCH_GEOCODER_TIMEOUT_MS: '2000',
      },
    }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );
  }

  async function atCentroid(address: { postcode: string; houseNumber: string }) {
    const { location: _pin, ...input } = buildResident({ address });
    const place = await t.services.residents.locate(input);
    return t.services.residents.create(input, 'test', { place });
  }

  it('looks every address up again, moves what changed with its requests, lists what it cannot find', async () => {
    const hoofdstraat = await atCentroid({ postcode: '6372AD', houseNumber: '12' });
    const gone = await atCentroid({ postcode: '6372AD', houseNumber: '99' });
    const pinned = t.services.residents.create(
      buildResident({ address: { postcode: '6417BN', houseNumber: '86' } }),
      'test',
    );
    const { location: _home, ...helperInput } = buildHelper({ address: { postcode: '6417BN', houseNumber: '86' } });
    const helper = t.services.helpers.create(helperInput, 'test', {
      place: await t.services.helpers.locate(helperInput),
    });
    const request = t.services.requests.create(buildRequest(hoofdstraat.id), null, 'test');
    expect(hoofdstraat.locationSource).toBe('postcode-table');

    const done = await regeocode();
    expect(done.stdout).toContain(`not found: resident ${gone.id}`);
    expect(done.stdout).toContain('done: every address looked up again except 1 manual pin; 1 not found');
    expect(done.code).toBe(1);

    const [a] = PARKSTAD_ADDRESSES;
    expect(t.services.residents.get(hoofdstraat.id)).toMatchObject({
      location: { lat: a!.lat, lon: a!.lon },
      locationSource: 'pdok',
      neighbourhood: { buurt: 'Schaesberg-Centrum' },
      address: { street: 'Hoofdstraat', city: 'Landgraaf' },
    });
    expect(t.services.requests.get(request.id).location).toEqual({ lat: a!.lat, lon: a!.lon });
    expect(t.services.helpers.get(helper.id)).toMatchObject({
      locationSource: 'pdok',
      neighbourhood: { buurt: 'Schandelen' },
    });
    // A pin is a person's choice: left alone unless asked.
    expect(t.services.residents.get(pinned.id)).toMatchObject({ locationSource: 'manual', location: pinned.location });
    expect(t.services.residents.get(gone.id).locationSource).toBe('postcode-table');
  });

  it('says how many pins it skipped and that --include-manual looks them up, which then places them', async () => {
    // As migration 0006 left every older row: an address, but a point marked as placed by hand.
    const older = ['12', '14'].map((houseNumber) =>
      t.services.residents.create(buildResident({ address: { postcode: '6372AD', houseNumber } }), 'test'),
    );
    const looked = await atCentroid({ postcode: '6417BN', houseNumber: '86' });
    expect(older.map((r) => r.locationSource)).toEqual(['manual', 'manual']);

    const skipping = await regeocode();
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toContain('done: every address looked up again except 2 manual pins; 0 not found');
    expect(skipping.stdout).toContain('skipped 2 manual pins');
    expect(skipping.stdout).toContain('--include-manual looks them up too');
    expect(pdok.calls.map((c) => c.searchParams.get('q'))).toEqual(['6417BN 86']);
    expect(t.services.residents.get(looked.id).locationSource).toBe('pdok');

    const all = await regeocode('--include-manual');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('done: every address looked up again; 0 not found');
    expect(all.stdout).not.toContain('skipped');
    expect(older.map((r) => t.services.residents.get(r.id).locationSource)).toEqual(['pdok', 'pdok']);
  });

  it('stops when the geocoder stays away, keeping its place, and goes on from there', async () => {
    const first = await atCentroid({ postcode: '6372AD', houseNumber: '12' });
    const second = await atCentroid({ postcode: '6372AD', houseNumber: '14' });
    const third = await atCentroid({ postcode: '6417BN', houseNumber: '86' });
    // The first is answered; the second's call and its retry fail.
    pdok.trouble({ kind: 'slow', ms: 0 }, { kind: 'status', status: 502 }, { kind: 'status', status: 502 });
    const stopped = await regeocode();
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toMatch(/stopped: the geocoder is unreachable/);
    expect(existsSync(`${t.dbPath}.regeocode.json`)).toBe(true);
    expect(t.services.residents.get(first.id).locationSource).toBe('pdok');
    expect(t.services.residents.get(second.id).locationSource).toBe('postcode-table');

    pdok.calls.length = 0;
    const resumed = await regeocode();
    expect(resumed.stdout).toContain(`going on from`);
    expect(resumed.code).toBe(0);
    expect(pdok.calls.map((c) => c.searchParams.get('q'))).toEqual(['6372AD 14', '6417BN 86']);
    expect([second, third].map((r) => t.services.residents.get(r.id).locationSource)).toEqual(['pdok', 'pdok']);
    expect(existsSync(`${t.dbPath}.regeocode.json`)).toBe(false);
  });
});
