import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';

const LOGIN = '/api/v1/auth/login';
const CHANGE = '/api/v1/auth/password';
const DISPATCHER = 'dispatcher@wijkmatch.test';
const NEW = 'paarse olifant wandelt traag';

let t: TestApp;
afterEach(() => t.close());

const login = (password: string) => t.http.post(LOGIN).send({ email: DISPATCHER, password });

describe('changing your own password', () => {
  it('takes the current one, ends your other sessions and keeps this one', async () => {
    t = await startTestApp();
    const other = (await login(PASSWORD).expect(200)).body.token as string;
    await t.http
      .post(CHANGE)
      .set(t.auth('dispatcher'))
      .send({ currentPassword: PASSWORD, newPassword: NEW })
      .expect(204);
    await t.http.get('/api/v1/board').set(t.auth('dispatcher')).expect(200);
    await t.http.get('/api/v1/board').set(t.bearer(other)).expect(401);
    await login(PASSWORD).expect(401);
    await login(NEW).expect(200);
  });

  it('is the same for a coach: their own password, their other sessions end, this one stays', async () => {
    t = await startTestApp();
    const coach = (password: string) => t.http.post(LOGIN).send({ email: 'coach@wijkmatch.test', password });
    const other = (await coach(PASSWORD).expect(200)).body.token as string;
    const skills = (headers: Record<string, string>) => t.http.get('/api/v1/skills').set(headers);
    await skills(t.bearer(other)).expect(200);
    await t.http.post(CHANGE).set(t.auth('coach')).send({ currentPassword: PASSWORD, newPassword: NEW }).expect(204);
    await skills(t.auth('coach')).expect(200);
    await skills(t.bearer(other)).expect(401);
    await coach(PASSWORD).expect(401);
    await coach(NEW).expect(200);
    // Only their own: the dispatcher's still opens with the old one.
    await login(PASSWORD).expect(200);
  });

  it('refuses a wrong current password naming the field, and counts it as a failed login', async () => {
    t = await startTestApp({ loginLimit: 2 });
    const change = (currentPassword: string) =>
      t.http.post(CHANGE).set(t.auth('dispatcher')).send({ currentPassword, newPassword: NEW });
    const wrong = await change('not it').expect(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    expect(wrong.body.error.details[0].field).toBe('currentPassword');
    await change('not it either').expect(403);
    expect((await change(PASSWORD).expect(429)).body.error.code).toBe('rate_limited');
    await login(PASSWORD).expect(429);
  });

  it('holds the new one to the password rule, naming newPassword', async () => {
    t = await startTestApp();
    for (const newPassword of ['kort', 'Welkom2026!']) {
      const res = await t.http
        .post(CHANGE)
        .set(t.auth('dispatcher'))
        .send({ currentPassword: PASSWORD, newPassword })
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('newPassword');
    }
    await login(PASSWORD).expect(200);
  });
});

describe('an admin resetting a password', () => {
  it('sets it through the user edit and ends all their sessions', async () => {
    t = await startTestApp();
    const users = (await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body as {
      id: number;
      role: string;
    }[];
    const dispatcher = users.find((u) => u.role === 'dispatcher')!;
    const weak = await t.http
      .patch(`/api/v1/users/${dispatcher.id}`)
      .set(t.auth('admin'))
      .send({ password: 'Welkom2026!' })
      .expect(400);
    expect(weak.body.error.details[0].field).toBe('password');
    await t.http.get('/api/v1/board').set(t.auth('dispatcher')).expect(200);
    await t.http.patch(`/api/v1/users/${dispatcher.id}`).set(t.auth('admin')).send({ password: NEW }).expect(200);
    await t.http.get('/api/v1/board').set(t.auth('dispatcher')).expect(401);
    await login(PASSWORD).expect(401);
    await login(NEW).expect(200);
  });

  it('is for admins only', async () => {
    t = await startTestApp();
    await t.http.patch('/api/v1/users/1').set(t.auth('dispatcher')).send({ password: NEW }).expect(403);
  });
});
