import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';

const LOGIN = '/api/v1/auth/login';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

/** What the authenticator app shows now, by the service's clock. */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(t.clock() / 1000) });

async function setUp(role: 'admin' | 'dispatcher'): Promise<string> {
  const started = await t.http.post('/api/v1/auth/second-factor').set(t.auth(role)).expect(201);
  expect(started.body.uri).toMatch(new RegExp(`^otpauth://totp/wijkmatch:${role}%40wijkmatch\\.test\\?`));
  const secret = started.body.secret as string;
  const wrong = await t.http
    .post('/api/v1/auth/second-factor/confirm')
    .set(t.auth(role))
    .send({ code: (Number(await codeNow(secret)) ^ 1).toString().padStart(6, '0') })
    .expect(400);
  expect(wrong.body.error.details[0].field).toBe('code');
  await t.http
    .post('/api/v1/auth/second-factor/confirm')
    .set(t.auth(role))
    .send({ code: await codeNow(secret) })
    .expect(204);
  return secret;
}

describe('a second factor', () => {
  it('is for admins and dispatchers', async () => {
    const res = await t.http.post('/api/v1/auth/second-factor').set(t.auth('intake')).expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('shows in your own account whether it is on, and comes with the URI as a QR code to scan', async () => {
    const on = async (role: 'admin' | 'dispatcher' | 'intake' | 'coach') => {
      const res = await t.http.get('/api/v1/auth/account').set(t.auth(role)).expect(200);
      expect([res.body.email, res.body.role]).toEqual([`${role}@wijkmatch.test`, role]);
      return res.body.secondFactor as boolean;
    };
    expect(await on('dispatcher')).toBe(false);
    const started = await t.http.post('/api/v1/auth/second-factor').set(t.auth('dispatcher')).expect(201);
    const [, svg] = /^data:image\/svg\+xml;base64,(.+)$/.exec(started.body.qrCode)!;
    expect(Buffer.from(svg!, 'base64').toString()).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1".*<path d="M/);
    // Started is not on: logging in asks for no code until a first one confirms it.
    expect(await on('dispatcher')).toBe(false);
    await t.http
      .post('/api/v1/auth/second-factor/confirm')
      .set(t.auth('dispatcher'))
      .send({ code: await codeNow(started.body.secret) })
      .expect(204);
    expect(await on('dispatcher')).toBe(true);
    expect([await on('admin'), await on('intake'), await on('coach')]).toEqual([false, false, false]);
    await t.http.get('/api/v1/auth/account').expect(401);
  });

  it('once confirmed, login asks for the current code, and a code works once', async () => {
    const secret = await setUp('admin');
    const users = (await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body as {
      role: string;
      secondFactor: boolean;
    }[];
    expect(users.map((u) => [u.role, u.secondFactor])).toEqual(
      expect.arrayContaining([
        ['admin', true],
        ['dispatcher', false],
      ]),
    );

    t.clock.advance(60_000);
    const body = { email: 'admin@wijkmatch.test', password: PASSWORD };
    const missing = await t.http.post(LOGIN).send(body).expect(401);
    expect(missing.body.error.code).toBe('second_factor_required');
    const wrong = await t.http
      .post(LOGIN)
      .send({ ...body, code: '000000' })
      .expect(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    const code = await codeNow(secret);
    await t.http
      .post(LOGIN)
      .send({ ...body, code })
      .expect(200);
    // Seen on the way, the same code does not let anyone else in.
    await t.http
      .post(LOGIN)
      .send({ ...body, code })
      .expect(401);
    t.clock.advance(30_000);
    await t.http
      .post(LOGIN)
      .send({ ...body, code: await codeNow(secret) })
      .expect(200);
    // Without a second factor nothing changes.
    await t.http.post(LOGIN).send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD }).expect(200);
  });

  it('on the login form: asks for the code, then lets in with it', async () => {
    const secret = await setUp('dispatcher');
    t.clock.advance(60_000);
    const form = { email: 'dispatcher@wijkmatch.test', password: PASSWORD };
    const asked = await t.http.post('/login').type('form').send(form).expect(401);
    expect(asked.text).toContain('Vul de code uit je app in');
    expect(asked.headers['set-cookie']).toBeUndefined();
    const done = await t.http
      .post('/login')
      .type('form')
      .send({ ...form, code: await codeNow(secret) })
      .expect(303);
    expect(done.headers['set-cookie']?.[0]).toMatch(/^wijkmatch_session=/);
  });

  it('comes off with a current code, or by an admin for a lost phone', async () => {
    const secret = await setUp('dispatcher');
    t.clock.advance(60_000);
    await t.http
      .post('/api/v1/auth/second-factor/remove')
      .set(t.auth('dispatcher'))
      .send({ code: '123456' })
      .expect(400);
    await t.http
      .post('/api/v1/auth/second-factor/remove')
      .set(t.auth('dispatcher'))
      .send({ code: await codeNow(secret) })
      .expect(204);
    await t.http.post(LOGIN).send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD }).expect(200);

    await setUp('dispatcher');
    const users = (await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body as {
      id: number;
      role: string;
    }[];
    const dispatcher = users.find((u) => u.role === 'dispatcher')!;
    const reset = await t.http
      .patch(`/api/v1/users/${dispatcher.id}`)
      .set(t.auth('admin'))
      .send({ removeSecondFactor: true })
      .expect(200);
    expect(reset.body.secondFactor).toBe(false);
    await t.http.post(LOGIN).send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD }).expect(200);
  });

  it('is replaced only with the current code, and until confirmed the old one stays', async () => {
    const old = await setUp('dispatcher');
    t.clock.advance(60_000);
    const start = (body?: object) => t.http.post('/api/v1/auth/second-factor').set(t.auth('dispatcher')).send(body);
    // A session alone (left open, or stolen) does not swap the phone.
    const bare = await start().expect(400);
    expect(bare.body.error.details[0].field).toBe('code');
    await start({ code: (Number(await codeNow(old)) ^ 1).toString().padStart(6, '0') }).expect(400);
    const next = (await start({ code: await codeNow(old) }).expect(201)).body.secret as string;
    t.clock.advance(30_000);
    const body = { email: 'dispatcher@wijkmatch.test', password: PASSWORD };
    await t.http
      .post(LOGIN)
      .send({ ...body, code: await codeNow(old) })
      .expect(200);
    t.clock.advance(30_000);
    await t.http
      .post('/api/v1/auth/second-factor/confirm')
      .set(t.auth('dispatcher'))
      .send({ code: await codeNow(next) })
      .expect(204);
    t.clock.advance(30_000);
    await t.http
      .post(LOGIN)
      .send({ ...body, code: await codeNow(old) })
      .expect(401);
    await t.http
      .post(LOGIN)
      .send({ ...body, code: await codeNow(next) })
      .expect(200);
  });

  it('lets one code in once, also for parallel logins', async () => {
    const secret = await setUp('admin');
    t.clock.advance(60_000);
    const body = { email: 'admin@wijkmatch.test', password: PASSWORD, code: await codeNow(secret) };
    const res = await Promise.all([1, 2, 3].map(() => t.http.post(LOGIN).send(body)));
    expect(res.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('counts wrong codes on confirm and remove against the login limit', async () => {
    t.close();
    t = await startTestApp({ loginLimit: 3 });
    const secret = await setUp('dispatcher'); // one wrong code on the way
    t.clock.advance(60_000);
    const remove = (code: string) =>
      t.http.post('/api/v1/auth/second-factor/remove').set(t.auth('dispatcher')).send({ code });
    const wrong = async () => (Number(await codeNow(secret)) ^ 1).toString().padStart(6, '0');
    await remove(await wrong()).expect(400);
    await remove(await wrong()).expect(400);
    const limited = await remove(await codeNow(secret)).expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The account is locked for logins too: the guesses were its.
    await t.http.post(LOGIN).send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD }).expect(429);
  });
});
