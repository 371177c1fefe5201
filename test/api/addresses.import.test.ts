import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAddressesService } from '../../src/addresses/addresses.service.js';
import { countCentroids, findCentroid } from '../../src/addresses/postcodes.repo.js';
import { OSM_TILES } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { haversineKm } from '../../src/matching/geo.js';
import { MONDAY_8AM, tempDbPath } from '../support/app.js';

const run = promisify(execFile);

/** `npm run import:postcodes -- …` as its own process on the file. */
function importPostcodes(dbPath: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/import-postcodes.ts', ...args], {
    env: { ...process.env, WIJKMATCH_DB: dbPath, WIJKMATCH_GEOCODER_URL: 'off' },
  }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
}

describe('npm run import:postcodes', () => {
  let db: { path: string; cleanup: () => void };
  let dir: string;
  beforeEach(() => {
    db = tempDbPath();
    dir = dirname(db.path);
  });
  afterEach(() => db.cleanup());

  function csv(name: string, lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  }

  it('loads PC6 and PC4 centroids with the default columns, reporting each rejected row by line', async () => {
    const file = csv('pc.csv', [
      'postcode,lat,lon,woonplaats,wijkcode,wijknaam,buurtcode,buurtnaam',
      '6372 AD,50.89861,6.04221,Landgraaf,WK088201,Schaesberg,BU08820101,Schaesberg-Centrum',
      '6372,50.9,6.04,Landgraaf,WK088201,Schaesberg,,',
      'ABCD,50.9,6.04,Nergens,,,,',
      '6411AB,48.85,2.35,Parijs,,,,',
      '6372AD,50.8,6.0,Landgraaf,,,,',
    ]);
    const rejects = join(dir, 'rejects.csv');
    const done = await importPostcodes(db.path, file, '--rejects', rejects);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('5 rows; added 2, replaced 0, rejected 3');
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toEqual([
      'line,reason',
      '4,"postcode: not a PC6 (6371AB) or PC4 (6371) postcode"',
      '5,"lat: south of the Netherlands"',
      '6,"postcode: 6372AD is also on line 2"',
    ]);

    const opened = openDatabase(db.path);
    try {
      expect(countCentroids(opened)).toBe(2);
      expect(findCentroid(opened, '6372AD')).toMatchObject({
        lat: 50.89861,
        lon: 6.04221,
        city: 'Landgraaf',
        wijkName: 'Schaesberg',
        buurtCode: 'BU08820101',
      });
      // A postcode the table has only by its four digits is placed at the PC4 centroid.
      const addresses = createAddressesService({
        db: opened,
        clock: () => MONDAY_8AM,
        geocoder: null,
        tiles: OSM_TILES,
      });
      const place = await addresses.locate({ postcode: '6372XY', houseNumber: '5' });
      expect(place).toMatchObject({ location: { lat: 50.9, lon: 6.04 }, source: 'postcode-table', approximate: true });
    } finally {
      opened.$client.close();
    }
  });

  it('maps other columns by flags, reads decimal commas and semicolons, and replaces on a second run', async () => {
    const file = csv('cbs.csv', [
      'PC6;Y_WGS84;X_WGS84;GEMEENTE',
      '6372AD;50,89861;6,04221;Landgraaf',
      '6417BN;50,88364;5,98786;Heerlen',
    ]);
    const flags = ['--postcode', 'PC6', '--lat', 'Y_WGS84', '--lon', 'X_WGS84', '--city', 'GEMEENTE'];
    expect((await importPostcodes(db.path, file, ...flags)).stdout).toContain('added 2, replaced 0, rejected 0');
    expect((await importPostcodes(db.path, file, ...flags)).stdout).toContain('added 0, replaced 2, rejected 0');
    const opened = openDatabase(db.path);
    try {
      expect(findCentroid(opened, '6417BN')).toMatchObject({ lat: 50.88364, lon: 5.98786, city: 'Heerlen' });
    } finally {
      opened.$client.close();
    }
  });

  it('reads RD coordinates (EPSG:28992, metres) under their usual headers or by flags, converted to WGS84', async () => {
    // The RD points of the fake PDOK's Akerstraat 86 and Hoofdstraat 12, as CBS tables carry them.
    const file = csv('cbs-rd.csv', [
      'postcode;x_rd;y_rd;woonplaats',
      '6417BN;197271,49;321712,00;Heerlen',
      '6372AD;201081.39;323410.19;Landgraaf',
      '6411AB;5.98;50.88;Heerlen',
    ]);
    const done = await importPostcodes(db.path, file);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('3 rows; added 2, replaced 0, rejected 1');
    expect(done.stdout).toContain('line 4: x: not RD metres (7000 to 300000)');

    const flagged = csv('rd-named.csv', ['PC6,OOST,NOORD', '6372AD,201081.39,323410.19']);
    const byFlags = await importPostcodes(db.path, flagged, '--postcode', 'PC6', '--x', 'OOST', '--y', 'NOORD');
    expect(byFlags.stdout).toContain('1 rows; added 0, replaced 1, rejected 0');
    const both = await importPostcodes(db.path, flagged, '--postcode', 'PC6', '--x', 'OOST', '--lat', 'NOORD');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('name either --lat and --lon (WGS84) or --x and --y (RD), not both');

    const opened = openDatabase(db.path);
    try {
      const akerstraat = findCentroid(opened, '6417BN')!;
      expect(akerstraat.city).toBe('Heerlen');
      expect(haversineKm(akerstraat, { lat: 50.88364, lon: 5.98786 }) * 1000).toBeLessThan(1);
      const addresses = createAddressesService({
        db: opened,
        clock: () => MONDAY_8AM,
        geocoder: null,
        tiles: OSM_TILES,
      });
      const place = await addresses.locate({ postcode: '6372AD', houseNumber: '12' });
      expect(place).toMatchObject({ source: 'postcode-table', approximate: true });
      expect(haversineKm(place.location, { lat: 50.89861, lon: 6.04221 }) * 1000).toBeLessThan(1);
    } finally {
      opened.$client.close();
    }
  });

  it('writes nothing in a dry run, and stops with the header when a required column is missing', async () => {
    const file = csv('pc.csv', ['postcode,lat,lon', '6372AD,50.89861,6.04221']);
    const dry = await importPostcodes(db.path, file, '--dry-run');
    expect(dry.stdout).toContain('would add 1, would replace 0, rejected 0 (dry run: nothing written)');
    expect(dry.stdout).toContain('the postcode table now has 0 postcodes');

    const noLat = await importPostcodes(db.path, csv('bad.csv', ['postcode,breedte,lon', '6372AD,50.9,6.04']));
    expect(noLat.code).toBe(1);
    expect(noLat.stderr).toContain('no column for lat; the header has: postcode, breedte, lon');
    const opened = openDatabase(db.path);
    try {
      expect(countCentroids(opened)).toBe(0);
    } finally {
      opened.$client.close();
    }
  });
});
