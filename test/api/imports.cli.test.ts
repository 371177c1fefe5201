import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { saveMapping } from '../../src/imports/imports.repo.js';
import { tempDbPath } from '../support/app.js';

const run = promisify(execFile);

/** `npm run import:helpers -- …` (or `import:residents`) as its own process. */
function importList(kind: 'helpers' | 'residents', dbPath: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', kind, ...args], {
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

describe('npm run import:helpers', () => {
  let db: { path: string; cleanup: () => void };
  beforeEach(() => {
    db = tempDbPath();
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
    } finally {
      stored.$client.close();
    }
  });
});
