import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { buildResident } from '../support/factories.js';
import { startTestApp, tempDbPath, type TestApp } from '../support/app.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

describe('the files that hold care data', () => {
  it('are readable by the service alone: the database, its WAL and SHM', () => {
    t.services.residents.create(buildResident(), 'test');
    for (const path of [t.dbPath, `${t.dbPath}-wal`, `${t.dbPath}-shm`]) {
      expect(modeOf(path).toString(8), path).toBe('600');
    }
  });

  it('narrows a database file an older version left world-readable', () => {
    const { path, cleanup } = tempDbPath();
    try {
      writeFileSync(path, '');
      chmodSync(path, 0o644);
      openDatabase(path).$client.close();
      expect(modeOf(path).toString(8)).toBe('600');
    } finally {
      cleanup();
    }
  });

  it('back up into one file each, readable by the service alone, with no -wal, -shm or partial files left', async () => {
    t.services.residents.create(buildResident(), 'test');
    const backup = await t.services.backups.backupNow();
    const dir = dirname(backup);
    expect(readdirSync(dir)).toEqual([backup.slice(dir.length + 1)]);
    expect(modeOf(backup).toString(8)).toBe('600');
    expect(modeOf(dir).toString(8)).toBe('700');
    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from residents').get()).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
  });
});

describe('a database another process holds the write lock of', () => {
  it('answers writes 503 with Retry-After within a second and writes nothing; the health check and pages go on', async () => {
    const lock = new Database(t.dbPath);
    lock.exec('BEGIN IMMEDIATE');
    try {
      // The write waits a quarter of a second for the lock (busy_timeout), then says so.
      const started = performance.now();
      const write = await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(503);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(write.body.error.code).toBe('database_busy');
      expect(write.headers['retry-after']).toBe('1');
      const form = await t.http
        .post('/login')
        .type('form')
        .send({ email: 'dispatcher@wijkmatch.test', password: 'correct horse battery' });
      expect(form.status).toBe(503);
      await t.http.get('/healthz').expect(200);
      await t.http.get('/api/v1/skills').set(t.auth('intake')).expect(200);
      await t.http.get('/login').expect(200);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect((await t.http.get('/api/v1/residents').set(t.auth('intake')).expect(200)).body).toEqual([]);
    await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(201);
  });
});
