import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { USER_ROLES } from '../../src/domain.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import { buildHelper } from '../support/factories.js';
import { MONDAY_8AM, PASSWORD, startTestApp, tempDbPath, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const LOGIN = '/api/v1/auth/login';
const DISPATCHER = 'dispatcher@wijkmatch.test';

let t: TestApp;
afterEach(() => t.close());

const login = (email: string, password: string, forwardedFor?: string) => {
  const req = t.http.post(LOGIN).send({ email, password });
  return forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req;
};

describe('login limits', () => {
  it('locks an account after its failures, even for the right password, until the oldest ages out', async () => {
    t = await startTestApp({ login: { perAccount: 3, perAddress: 10, windowMinutes: 15 } });
    for (let i = 0; i < 3; i++) await login(DISPATCHER, `wrong ${i}`).expect(401);
    const locked = await login(DISPATCHER, PASSWORD).expect(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    // Another account from the same address is not locked by them.
    await login('intake@wijkmatch.test', PASSWORD).expect(200);

    t.clock.advance(10 * MINUTE);
    expect((await login(DISPATCHER, PASSWORD).expect(429)).headers['retry-after']).toBe(String(5 * 60));
    t.clock.advance(5 * MINUTE + 1000);
    await login(DISPATCHER, PASSWORD).expect(200);
  });

  it('holds for parallel guesses: an attempt counts from before its password is checked', async () => {
    t = await startTestApp({ login: { perAccount: 3, perAddress: 1000, windowMinutes: 15 } });
    // Twenty at once, the last with the right password: only three get as far as argon2.
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(DISPATCHER, i === 19 ? PASSWORD : `wrong ${i}`)),
    );
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 401 || s === 200)).toBe(true);
    // The three wrong ones were failures: the right password is refused now too.
    if (!statuses.includes(200)) await login(DISPATCHER, PASSWORD).expect(429);
  });

  it('does not count a right password, which clears the failures before it', async () => {
    t = await startTestApp({ loginLimit: 2 });
    for (let i = 0; i < 3; i++) await login(DISPATCHER, PASSWORD).expect(200);
    await login(DISPATCHER, 'wrong').expect(401);
    await login(DISPATCHER, PASSWORD).expect(200);
    await login(DISPATCHER, 'wrong').expect(401);
    await login(DISPATCHER, 'wrong').expect(401);
    await login(DISPATCHER, PASSWORD).expect(429);
  });

  it('limits failures per address over all accounts, but never counts successes', async () => {
    t = await startTestApp({ loginLimit: 3 });
    // An office behind one address: 21 right logins once locked it out.
    for (let i = 0; i < 21; i++) await login(DISPATCHER, PASSWORD).expect(200);
    for (const who of ['a', 'b', 'c']) await login(`${who}@wijkmatch.test`, 'guess').expect(401);
    const res = await login('d@wijkmatch.test', 'guess').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    t = await startTestApp({ loginLimit: 3 });
    for (let i = 0; i < 3; i++) await login(`x${i}@wijkmatch.test`, 'guess', `203.0.113.${i}`).expect(401);
    await login('y@wijkmatch.test', 'guess', '198.51.100.7').expect(429);
    t.close();

    t = await startTestApp({ loginLimit: 3, trustProxy: ['loopback'] });
    for (let i = 0; i < 3; i++) await login(`x${i}@wijkmatch.test`, 'guess', '203.0.113.1').expect(401);
    await login('y@wijkmatch.test', 'guess', '203.0.113.1').expect(429);
    // Behind the proxy, another client is another address.
    await login('y@wijkmatch.test', 'guess', '198.51.100.7').expect(401);
  });

  it('counts the login form and the API together, and the form answers 429 with Retry-After', async () => {
    t = await startTestApp({ loginLimit: 3 });
    await login(DISPATCHER, 'wrong').expect(401);
    await t.http.post('/login').type('form').send({ email: DISPATCHER, password: 'wrong' }).expect(401);
    await login(DISPATCHER, 'wrong').expect(401);
    const form = await t.http.post('/login').type('form').send({ email: DISPATCHER, password: PASSWORD }).expect(429);
    expect(form.headers['retry-after']).toBe(String(15 * 60));
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(form.text).toContain('Te veel');
  });

  it('holds across a restart and across two processes on one database file', async () => {
    t = await startTestApp();
    const { path, cleanup } = tempDbPath();
    const config = {
      autoPropose: false,
      sessionHours: 12,
      publicUrl: 'http://x',
      login: { perAccount: 3, perAddress: 50, windowMinutes: 15 },
    };
    const start = () => {
      const db = openDatabase(path);
      const services = createServices(db, config, () => MONDAY_8AM);
      const app = createApp(services, { logger: createLogger('silent'), allowedOrigins: [], sessionHours: 12 });
      return { db, services, http: supertest(app) };
    };
    const first = start();
    await first.services.auth.createUser({ email: 'a@x.nl', password: PASSWORD, name: 'A', role: 'admin' }, null);
    const second = start();
    try {
      await first.http.post(LOGIN).send({ email: 'a@x.nl', password: 'wrong' }).expect(401);
      await second.http.post(LOGIN).send({ email: 'a@x.nl', password: 'wrong' }).expect(401);
      first.db.$client.close();
      const restarted = start();
      await restarted.http.post(LOGIN).send({ email: 'a@x.nl', password: 'wrong' }).expect(401);
      await second.http.post(LOGIN).send({ email: 'a@x.nl', password: PASSWORD }).expect(429);
      restarted.db.$client.close();
    } finally {
      second.db.$client.close();
      cleanup();
    }
  });
});

describe('session lifetimes', () => {
  it('ends a staff session left unused for the idle time; use keeps it alive up to its absolute end', async () => {
    t = await startTestApp({ sessionIdleMinutes: 30 });
    const board = () => t.http.get('/api/v1/board').set(t.auth('dispatcher'));
    // Used every 25 minutes it lives on, until 12 hours after login.
    for (let used = 0; used < 11 * 60; used += 25) {
      t.clock.advance(25 * MINUTE);
      expect((await board()).status, `after ${used + 25} minutes`).toBe(200);
    }
    t.clock.advance(25 * MINUTE);
    await board().expect(200);
    t.clock.advance(25 * MINUTE);
    expect((await board()).status).toBe(401);

    const intake = () => t.http.get('/api/v1/residents').set(t.auth('intake'));
    await t.moveClockTo(MONDAY_8AM + 24 * 60 * MINUTE);
    t.clock.advance(29 * MINUTE);
    await intake().expect(200);
    t.clock.advance(31 * MINUTE);
    const idle = await intake().expect(401);
    expect(idle.body.error.code).toBe('unauthorized');
  });

  it("ends a helper's link a week after their last active day, also when that day is set later", async () => {
    t = await startTestApp();
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const me = () => t.http.get('/api/v1/me/proposals').set(t.bearer(link.token));
    await me().expect(200);
    await t.http.patch(`/api/v1/helpers/${helper.id}`).set(t.auth()).send({ activeUntil: '2026-11-20' }).expect(200);
    await me().expect(200);
    t.clock.advance(5 * 24 * 60 * MINUTE);
    await me().expect(401);
  });

  it('ends a link without a last active day after a year', async () => {
    t = await startTestApp();
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    t.clock.advance(364 * 24 * 60 * MINUTE);
    await t.http.get('/api/v1/me/proposals').set(t.bearer(link.token)).expect(200);
    t.clock.advance(2 * 24 * 60 * MINUTE);
    await t.http.get('/api/v1/me/proposals').set(t.bearer(link.token)).expect(401);
  });

  it('ends the session of every account role on logout, a coach’s too', async () => {
    t = await startTestApp();
    for (const role of USER_ROLES) {
      await t.http.get('/api/v1/auth/account').set(t.auth(role)).expect(200);
      await t.http.post('/api/v1/auth/logout').set(t.auth(role)).expect(204);
      await t.http.get('/api/v1/auth/account').set(t.auth(role)).expect(401);
    }
  });

  it('refuses, in a second process on the same file, a token the first one revoked', async () => {
    t = await startTestApp();
    const other = createServices(
      openDatabase(t.dbPath),
      { autoPropose: false, sessionHours: 12, publicUrl: 'http://x' },
      t.clock,
    );
    try {
      expect(other.auth.authenticate(t.tokens.intake)?.role).toBe('intake');
      await t.http.post('/api/v1/auth/logout').set(t.auth('intake')).expect(204);
      expect(other.auth.authenticate(t.tokens.intake)).toBeNull();
    } finally {
      other.db.$client.close();
    }
  });
});

describe('the password rule', () => {
  it.each(['Welkom2026!', 'wachtwoord123', 'dispatcher2026', 'qwertyuiop12'])(
    'refuses %s as too easy',
    async (password) => {
      t = await startTestApp();
      const res = await t.http
        .post('/api/v1/users')
        .set(t.auth('admin'))
        .send({ email: 'nieuw@wijkmatch.test', name: 'Nieuw', role: 'intake', password })
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'password' })]);
    },
  );

  it('takes a passphrase of unrelated words', async () => {
    t = await startTestApp();
    await t.http
      .post('/api/v1/users')
      .set(t.auth('admin'))
      .send({ email: 'nieuw@wijkmatch.test', name: 'Nieuw', role: 'intake', password: 'fiets lantaarn hagelslag' })
      .expect(201);
  });
});
