import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createServices } from '../../src/services.js';
import { buildHelper } from '../support/factories.js';
import { PASSWORD, startTestApp, tempDbPath, type TestApp } from '../support/app.js';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('logs in with the right password only', async () => {
    const ok = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'Dispatcher@wijkmatch.test', password: PASSWORD })
      .expect(200);
    expect(ok.body.user).toMatchObject({ email: 'dispatcher@wijkmatch.test', role: 'dispatcher' });
    expect(ok.body.token).toMatch(/^[\w-]{40,}$/);
    await t.http.get('/api/v1/skills').set(t.bearer(ok.body.token)).expect(200);

    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'dispatcher@wijkmatch.test', password: 'nope' })
      .expect(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    await t.http.post('/api/v1/auth/login').send({ email: 'nobody@wijkmatch.test', password: PASSWORD }).expect(401);
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer not-a-token'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ])('refuses %s with 401', async (_name, header) => {
    const req = t.http.get('/api/v1/helpers');
    const res = await (header ? req.set('Authorization', header) : req).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('expires sessions', async () => {
    t.clock.advance(13 * 3_600_000);
    await t.http.get('/api/v1/helpers').set(t.auth()).expect(401);
  });

  it('lets only an admin create users, with unique e-mails', async () => {
    const user = { email: 'nieuw@wijkmatch.test', password: 'lang genoeg wachtwoord', name: 'Nieuw', role: 'intake' };
    await t.http.post('/api/v1/users').set(t.auth('dispatcher')).send(user).expect(403);
    const created = await t.http.post('/api/v1/users').set(t.auth('admin')).send(user).expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      email: 'nieuw@wijkmatch.test',
      name: 'Nieuw',
      role: 'intake',
    });
    const dup = await t.http.post('/api/v1/users').set(t.auth('admin')).send(user).expect(409);
    expect(dup.body.error.code).toBe('email_taken');
    const weak = await t.http
      .post('/api/v1/users')
      .set(t.auth('admin'))
      .send({ ...user, email: 'b@wijkmatch.test', password: 'short', role: 'helper' })
      .expect(400);
    expect(weak.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'role']);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });

  it('issues helper links to dispatchers and admins only; a new link revokes the old one', async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth('intake')).expect(403);
    await t.http.post('/api/v1/helpers/999/access-link').set(t.auth('admin')).expect(404);
    const first = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth('admin')).expect(201)).body;
    await t.http.get('/api/v1/me/proposals').set(t.bearer(first.token)).expect(200);
    const second = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth('dispatcher')).expect(201))
      .body;
    await t.http.get('/api/v1/me/proposals').set(t.bearer(first.token)).expect(401);
    await t.http.get('/api/v1/me/proposals').set(t.bearer(second.token)).expect(200);
  });

  it('keeps helper tokens out of staff resources and staff out of /me', async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    for (const path of [
      '/api/v1/helpers',
      '/api/v1/residents',
      '/api/v1/requests',
      '/api/v1/board',
      '/api/v1/events',
      '/api/v1/skills',
    ]) {
      const res = await t.http.get(path).set(t.bearer(link.token)).expect(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    await t.http.get('/api/v1/me/proposals').set(t.auth()).expect(403);
  });

  it('deactivates a helper instead of deleting: kept on record, out of the active list', async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const deleted = await t.http.delete(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200);
    expect(deleted.body.active).toBe(false);
    expect((await t.http.get('/api/v1/helpers?active=true').set(t.auth()).expect(200)).body).toEqual([]);
    expect((await t.http.get(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200)).body.active).toBe(false);
  });
});

describe('bootstrap admin', () => {
  it('is created from the environment on an empty database, and only then', async () => {
    const { path, cleanup } = tempDbPath();
    const db = openDatabase(path);
    const services = createServices(db, { autoPropose: true, sessionHours: 12, publicUrl: 'http://x' });
    const admin = await services.auth.bootstrapAdmin({
      email: 'Beheer@Example.org',
      password: 'eerste wachtwoord van beheer',
    });
    expect(admin).toMatchObject({ email: 'beheer@example.org', role: 'admin' });
    expect(
      await services.auth.bootstrapAdmin({ email: 'ander@example.org', password: 'tweede wachtwoord' }),
    ).toBeNull();
    const session = await services.auth.login('beheer@example.org', 'eerste wachtwoord van beheer');
    expect(session.user.role).toBe('admin');
    db.$client.close();
    cleanup();
  });
});
