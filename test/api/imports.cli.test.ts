import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { insertUser } from '../../src/auth/auth.repo.js';
import type { Role } from '../../src/domain.js';
import { saveMapping } from '../../src/imports/imports.repo.js';
import { tempDbPath } from '../support/app.js';

const run = promisify(execFile);

const PLANNER = 'planner@example.nl';

/** `npm run import:helpers -- …` (or `import:residents`) as its own process; by the planner unless `--user` is given. */
function importList(kind: 'helpers' | 'residents', dbPath: string, ...args: string[]) {
  const by = args.some((a) => a.startsWith('--user')) ? [] : ['--user', PLANNER];
  return run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', kind, ...args, ...by], {
    env: { ...process.env, WIJKMATCH_DB: dbPath, WIJKMATCH_GEOCODER_URL: 'off' },
  }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
}
const importHelpers = (dbPath: string, ...args: string[]) => importList('helpers', dbPath, ...args);

const names = (dbPath: string) => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare('select name from helpers order by name').pluck().all();
  } finally {
    db.$client.close();
  }
};

// Each test starts the command as its own process three or four times (tsx compiles it each time):
// on a loaded machine that alone can pass the default 30 s.
describe('npm run import:helpers', { timeout: 120_000 }, () => {
  let db: { path: string; cleanup: () => void };
  let plannerId: number;
  beforeEach(() => {
    db = tempDbPath();
    const stored = openDatabase(db.path);
    const user = (role: Role, email: string) =>
      insertUser(stored, { email, name: role, role, passwordHash: 'not a hash', createdAt: 0 }).id;
    plannerId = user('dispatcher', PLANNER);
    user('intake', 'intake@example.nl');
    stored.$client.close();
  });
  afterEach(() => db.cleanup());

  it('reports a dry run, imports with --commit, and reads XLSX with a column mapping', async () => {
    const csv = join(dirname(db.path), 'leerlingen.csv');
    writeFileSync(
      csv,
      'Naam;Soort;Richting;Vaardigheden;Breedtegraad;Lengtegraad;Reisafstand\nFleur Janssen;student;zorg;groceries;50,89;6,02;5\n',
    );
    const dry = await importHelpers(db.path, csv);
    expect([dry.code, dry.stdout]).toEqual([
      0,
      `${csv}: 1 rows; would be created 1, would be updated 0, rejected 0\ndry run: nothing written (--commit imports)\n`,
    ]);
    expect(names(db.path)).toEqual([]);
    const real = await importHelpers(db.path, csv, '--commit');
    expect([real.code, real.stdout]).toEqual([0, `${csv}: 1 rows; created 1, updated 0, rejected 0\n`]);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Lijst');
    sheet.addRow(['Leerling', 'kind', 'track', 'skills', 'lat', 'lon', 'maxTravelKm']);
    sheet.addRow(['Noah Peters', 'student', 'handy', 'odd-jobs', 50.9, 6.03, 4]);
    const xlsx = join(dirname(db.path), 'lijst.xlsx');
    await book.xlsx.writeFile(xlsx);
    const mapped = await importHelpers(db.path, xlsx, '--commit', '--mapping', '{"name":"Leerling"}');
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(names(db.path)).toEqual(['Fleur Janssen', 'Noah Peters']);
  });

  it('names each rejected row and writes none of the file', async () => {
    const csv = join(dirname(db.path), 'fout.csv');
    writeFileSync(
      csv,
      'name,kind,track,skills,lat,lon,maxTravelKm\nGoed,student,care,groceries,50.89,6.02,5\nFout,student,care,juggling,50.89,6.02,5\n',
    );
    const done = await importHelpers(db.path, csv, '--commit');
    expect(done.code).toBe(1);
    expect(done.stdout).toContain('  row 3: skills: unknown skill juggling\n');
    expect(done.stdout).toContain('nothing written: fix the rejected rows');
    expect(names(db.path)).toEqual([]);
  });

  it('imports residents under the organisation’s saved mapping, with a progress bar on stderr', async () => {
    const saved = openDatabase(db.path);
    saveMapping(saved, 'residents', { name: 'Naam bewoner' });
    saved.$client.close();
    const csv = join(dirname(db.path), 'bewoners.csv');
    writeFileSync(
      csv,
      'Naam bewoner;Postcode;Huisnummer;Breedtegraad;Lengtegraad\nMevrouw Pin;6371 AB;3;50,89;6,02\nMeneer Pin;6371 AB;5;50,89;6,02\n',
    );
    const done = await importList('residents', db.path, csv, '--commit');
    expect([done.code, done.stdout]).toEqual([0, `${csv}: 2 rows; created 2, updated 0, rejected 0\n`]);
    expect(done.stderr).toContain('checking [');
    expect(done.stderr).toContain('100% | 2/2 rows');
    const stored = openDatabase(db.path);
    try {
      expect(stored.$client.prepare('select name from residents order by name').pluck().all()).toEqual([
        'Meneer Pin',
        'Mevrouw Pin',
      ]);
      // Each resident created is in the access log, under the planner who ran the command.
      const entries = stored.$client
        .prepare('select actor_kind as kind, actor_id as id, role, action, origin from audit order by resident_id')
        .all();
      expect(entries).toEqual([
        { kind: 'user', id: plannerId, role: 'dispatcher', action: 'create', origin: 'cli' },
        { kind: 'user', id: plannerId, role: 'dispatcher', action: 'create', origin: 'cli' },
      ]);
    } finally {
      stored.$client.close();
    }
  });

  it('is run by a named admin or dispatcher: without one, or as intake, nothing is read or written', async () => {
    const csv = join(dirname(db.path), 'bewoners.csv');
    writeFileSync(csv, 'name;postcode;houseNumber;lat;lon\nMevrouw Pin;6371 AB;3;50,89;6,02\n');
    const none = await run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'residents', csv, '--commit'], {
      env: { ...process.env, WIJKMATCH_DB: db.path, WIJKMATCH_GEOCODER_URL: 'off' },
    }).catch((failed: { code: number; stderr: string }) => failed);
    expect('code' in none && none.code).toBe(2);
    expect(none.stderr).toContain('--user EMAIL');
    for (const who of ['intake@example.nl', 'nobody@example.nl']) {
      const refused = await importList('residents', db.path, csv, '--commit', `--user=${who}`);
      expect([refused.code, refused.stderr]).toEqual([2, `--user: ${who} is not an active admin or dispatcher\n`]);
    }
    const stored = openDatabase(db.path);
    try {
      expect(stored.$client.prepare('select count(*) from residents').pluck().get()).toBe(0);
    } finally {
      stored.$client.close();
    }
  });
});
