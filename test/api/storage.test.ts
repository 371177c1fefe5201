import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
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

  it('narrow a backup folder that was already there, readable by others, before backing up into it', async () => {
    const dir = join(dirname(t.dbPath), 'backups');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    t.services.residents.create(buildResident(), 'test');
    const backup = await t.services.backups.backupNow();
    expect(dirname(backup)).toBe(dir);
    expect(modeOf(dir).toString(8)).toBe('700');
    expect(modeOf(backup).toString(8)).toBe('600');
  });
});

describe('a database another process holds the write lock of', () => {
  it('answers writes 503 with Retry-After within a second and writes nothing; the health check and pages go on', async () => {
    const lock = new Database(t.dbPath);
    lock.exec('BEGIN IMMEDIATE');
    try {
      // The write waits a moment for the lock (busy_timeout), then says so.
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

  it('answers 12 parallel audited reads and writes 503 within a second in all, /healthz among them at once, and writes again as soon as the lock is released', async () => {
    const residents = Array.from({ length: 8 }, () => t.services.residents.create(buildResident(), 'test'));
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const request = t.services.requests.create(buildRequest(residents[0]!.id), null, 'test');
    // Auto-propose asked the one helper who can come.
    const [proposal] = t.services.proposals.ofRequest(request.id);
    expect(proposal?.helperId).toBe(helper.id);
    const { server, url } = await t.listen();
    const json = { 'Content-Type': 'application/json' };
    type Call = [string, RequestInit?];
    // An answer's time counts from `started`: client and server share this event loop.
    const send = async ([path, init]: Call, started = performance.now()) => {
      const res = await fetch(`${url}${path}`, init);
      const body = (await res.json()) as { error?: { code: string } };
      const ms = performance.now() - started;
      return { path, status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after'), ms };
    };
    const sendAll = (calls: Call[], started = performance.now()) => calls.map((call) => send(call, started));
    const read = (id: number): [string, RequestInit] => [`/api/v1/residents/${id}`, { headers: t.auth('dispatcher') }];
    const create = (): [string, RequestInit] => [
      '/api/v1/residents',
      { method: 'POST', headers: { ...t.auth('intake'), ...json }, body: JSON.stringify(buildResident()) },
    ];
    // Once without the lock, so that what is timed is not the first call's compiling of the routes.
    const warm = await Promise.all(
      sendAll([
        read(residents[0]!.id),
        create(),
        ['/api/v1/proposals/999999/accept', { method: 'POST', headers: t.auth('dispatcher') }],
        ['/healthz'],
      ]),
    );
    expect(warm.map((a) => a.status)).toEqual([200, 201, 404, 200]);
    const lock = new Database(t.dbPath);
    try {
      lock.exec('BEGIN IMMEDIATE');
      const burst = sendAll([
        ...residents.slice(0, 4).map((r) => read(r.id)),
        create(),
        // A grouped write (group commit), tried again on a timer rather than waited for.
        [`/api/v1/proposals/${proposal!.id}/accept`, { method: 'POST', headers: t.auth('dispatcher') }],
        create(),
        ...residents.slice(4).map((r) => read(r.id)),
        create(),
      ]);
      // Sent once the first is answered, the others still on their way: before, each of them held the
      // event loop for the whole busy_timeout, one after the other, and this waited behind them all.
      const health = await Promise.race(burst).then(() => send(['/healthz']));
      const answers = await Promise.all(burst);
      expect(answers).toHaveLength(12);
      for (const answer of answers)
        expect([answer.path, answer.status, answer.code, answer.retryAfter]).toEqual([
          answer.path,
          503,
          'database_busy',
          '1',
        ]);
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(200);

      lock.exec('ROLLBACK');
      // At once, while writes would still fail without waiting had the lock stayed held.
      const [written, shown, accepted] = await Promise.all(
        sendAll([
          create(),
          read(residents[0]!.id),
          [`/api/v1/proposals/${proposal!.id}/accept`, { method: 'POST', headers: t.auth('dispatcher') }],
        ]),
      );
      expect([written!.status, shown!.status, accepted!.status]).toEqual([201, 200, 200]);
    } finally {
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
      await server.close();
    }
    // Nothing of the refused writes was kept: the residents made here, and the ones created unlocked.
    expect(t.services.audit.list({ residentId: residents[1]!.id, limit: 10 })).toEqual([]);
    expect((await t.http.get('/api/v1/residents').set(t.auth('intake')).expect(200)).body).toHaveLength(10);
  });
});
