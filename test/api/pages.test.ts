import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { translate } from '../../src/web/i18n.js';

let app: TestApp;
let residentId: number;

beforeAll(async () => {
  app = await startTestApp({ autoPropose: false });
  residentId = app.services.residents.create(buildResident(), 'test').id;
  app.services.helpers.create(buildHelper({ name: 'Anouk' }), 'test');
});
afterAll(() => app.close());

/** Logs in through the page's form and returns the session cookie. */
async function sessionCookie(role = 'dispatcher'): Promise<string> {
  const res = await app.http
    .post('/login')
    .type('form')
    .send({ email: `${role}@wijkmatch.test`, password: PASSWORD })
    .expect(303);
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
  expect(cookie).toMatch(/wijkmatch_session=[\w-]+;.*HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

describe('the pages’ session', () => {
  it('sends a visitor without a session to the login page, and back after logging in', async () => {
    const res = await app.http.get('/intake').expect(302);
    expect(res.headers.location).toBe('/login?next=%2Fintake');
    const login = await app.http.get('/login?next=/intake').expect(200);
    expect(login.text).toContain('Inloggen');
    const after = await app.http
      .post('/login')
      .type('form')
      .send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD, next: '/intake' })
      .expect(303);
    expect(after.headers.location).toBe('/intake');
  });

  it('sends a logged-in user who opens the login page or the bare address to their own first page', async () => {
    for (const [role, home] of [
      ['dispatcher', '/board'],
      ['intake', '/intake'],
      ['coach', '/coach'],
    ] as const) {
      const cookie = await sessionCookie(role);
      expect((await app.http.get('/login').set('Cookie', cookie).expect(302)).headers.location).toBe(home);
      expect((await app.http.get('/').set('Cookie', cookie).expect(302)).headers.location).toBe(home);
      await app.http.get(home).set('Cookie', cookie).expect(200);
    }
    expect((await app.http.get('/').expect(302)).headers.location).toBe('/board');
  });

  it('never redirects away from the site after logging in', async () => {
    const res = await app.http
      .post('/login')
      .type('form')
      .send({ email: 'dispatcher@wijkmatch.test', password: PASSWORD, next: '//evil.example/x' })
      .expect(303);
    expect(res.headers.location).toBe('/board');
  });

  it('refuses a wrong password with the form again, in Dutch, and no cookie', async () => {
    const res = await app.http
      .post('/login')
      .type('form')
      .send({ email: 'dispatcher@wijkmatch.test', password: 'wrong' })
      .expect(401);
    expect(res.text).toContain('E-mailadres of wachtwoord klopt niet.');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('serves the staff pages with the user, and switches to English', async () => {
    const cookie = await sessionCookie();
    const board = await app.http.get('/board').set('Cookie', cookie).expect(200);
    expect(board.text).toContain('<html lang="nl">');
    expect(board.text).toContain('"role":"dispatcher"');
    const switched = await app.http.get('/lang/en?back=/board').expect(302);
    const lang = (switched.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const english = await app.http.get('/board').set('Cookie', `${cookie}; ${lang}`).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Log out');
  });

  it('serves the page scripts and styles from the app itself', async () => {
    for (const asset of ['board.js', 'intake.js', 'helpers.js', 'residents.js', 'app.css']) {
      const res = await app.http.get(`/assets/${asset}`).expect(200);
      expect(res.text.length).toBeGreaterThan(100);
    }
    await app.http.get('/assets/nope.js').expect(404);
  });

  it('serves its own icon, linked from every page', async () => {
    const login = await app.http.get('/login').expect(200);
    expect(login.text).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    const icon = await app.http.get('/assets/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(icon.body)).toMatch(/^<svg /);
    const legacy = await app.http.get('/favicon.ico').expect(301);
    expect(legacy.headers.location).toBe('/assets/favicon.svg');
  });

  it('answers a wrong page address in a browser with a Dutch page, and the API with JSON', async () => {
    const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const page = await app.http.get('/bord').set('Accept', html).expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('Pagina niet gevonden');
    const api = await app.http.get('/api/v1/nothing-here').set('Accept', html).set(app.auth()).expect(404);
    expect(api.body.error.code).toBe('not_found');
    const client = await app.http.get('/bord').set('Accept', 'application/json').expect(404);
    expect(client.body.error.code).toBe('not_found');
    const post = await app.http.post('/bord').set('Accept', html).expect(404);
    expect(post.body.error.code).toBe('not_found');
  });

  it('lets the API be used with the cookie, but a write only from an allowed origin', async () => {
    const cookie = await sessionCookie();
    await app.http.get('/api/v1/board').set('Cookie', cookie).expect(200);
    const body = buildRequest(residentId);
    const foreign = await app.http
      .post('/api/v1/requests')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .send(body)
      .expect(403);
    expect(foreign.body.error.code).toBe('forbidden');
    expect(app.services.requests.list({ limit: 10 })).toHaveLength(0);
    await app.http
      .post('/api/v1/requests')
      .set('Cookie', cookie)
      .set('Origin', 'http://wijkmatch.test')
      .send(body)
      .expect(201);
  });

  it('ends the session on logout: the cookie no longer opens anything', async () => {
    const cookie = await sessionCookie();
    await app.http.post('/logout').set('Cookie', cookie).expect(303);
    await app.http.get('/api/v1/board').set('Cookie', cookie).expect(401);
    await app.http.get('/board').set('Cookie', cookie).expect(302);
  });
});

describe('what the intake and the board need from the API', () => {
  it('previews the candidates of a request being typed, writing nothing', async () => {
    const before = app.services.board.lastSeq();
    const res = await app.http
      .post('/api/v1/requests/preview')
      .set(app.auth('intake'))
      .send(buildRequest(residentId))
      .expect(200);
    expect(res.body.candidates[0]).toMatchObject({ score: expect.any(Number), breakdown: expect.any(Object) });
    expect(app.services.board.lastSeq()).toBe(before);
  });

  it('validates a preview like a request, naming the field', async () => {
    const res = await app.http
      .post('/api/v1/requests/preview')
      .set(app.auth('intake'))
      .send({ ...buildRequest(residentId), skills: [] })
      .expect(400);
    expect(res.body.error.details[0].field).toBe('skills');
    const unknown = await app.http
      .post('/api/v1/requests/preview')
      .set(app.auth('intake'))
      .send(buildRequest(999_999))
      .expect(400);
    expect(unknown.body.error.details[0].field).toBe('residentId');
  });

  it('assigns a helper directly in one step: proposed, accepted, assigned', async () => {
    const request = app.services.requests.create(buildRequest(residentId), null, 'test');
    const [candidate] = app.services.requests.candidates(request.id).candidates;
    const res = await app.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(app.auth('dispatcher'))
      .send({ helperId: candidate!.helperId })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'accepted', helperId: candidate!.helperId });
    expect(app.services.requests.get(request.id)).toMatchObject({ status: 'assigned', helperId: candidate!.helperId });
    const again = await app.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(app.auth('dispatcher'))
      .send({ helperId: candidate!.helperId })
      .expect(409);
    expect(again.body.error.code).toBe('request_closed');
  });

  it('lets only dispatchers and admins assign directly, and only feasible helpers', async () => {
    app.services.helpers.create(buildHelper({ name: 'Bram' }), 'test');
    const request = app.services.requests.create(buildRequest(residentId), null, 'test');
    const [candidate] = app.services.requests.candidates(request.id).candidates;
    await app.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(app.auth('intake'))
      .send({ helperId: candidate!.helperId })
      .expect(403);
    const gardener = app.services.helpers.create(buildHelper({ skills: ['gardening'], track: 'green' }), 'test');
    const res = await app.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(app.auth('dispatcher'))
      .send({ helperId: gardener.id })
      .expect(409);
    expect(res.body.error).toMatchObject({ code: 'helper_not_feasible', details: [{ field: 'helperId' }] });
    expect(app.services.proposals.ofRequest(request.id)).toHaveLength(0);
  });

  it('clears a resident’s phone and notes with null', async () => {
    const resident = app.services.residents.create(buildResident({ notes: 'hond' }), 'test');
    const res = await app.http
      .patch(`/api/v1/residents/${resident.id}`)
      .set(app.auth())
      .send({ phone: null, notes: null })
      .expect(200);
    expect(res.body).toMatchObject({ phone: null, notes: null });
  });

  it('puts the residents of the cards in the board snapshot, names and neighbourhoods only', async () => {
    const res = await app.http.get('/api/v1/board').set(app.auth()).expect(200);
    expect(res.body.residents).toContainEqual({
      id: residentId,
      name: expect.any(String),
      postcode: '6371 AB',
      city: 'Landgraaf',
      wijk: null,
      buurt: null,
    });
    expect(Object.keys(res.body.residents[0]).sort()).toEqual(['buurt', 'city', 'id', 'name', 'postcode', 'wijk']);
  });
});

describe('the pages’ texts', () => {
  it.each([
    ['nl', 'me.totalHours', { hours: 1.5, jobs: 1 }, '1.5 uur in 1 klus'],
    ['nl', 'me.totalHours', { hours: 3, jobs: 2 }, '3 uur in 2 klussen'],
    ['nl', 'me.totalHours', { hours: 0, jobs: 0 }, '0 uur in 0 klussen'],
    ['en', 'me.totalHours', { hours: 1, jobs: 1 }, '1 hour in 1 job'],
    ['en', 'me.totalHours', { hours: 1.5, jobs: 2 }, '1.5 hours in 2 jobs'],
    ['nl', 'reason.skills', { n: 1 }, '1 helper heeft niet de juiste vaardigheid'],
    ['nl', 'reason.skills', { n: 2 }, '2 helpers hebben niet de juiste vaardigheid'],
    ['en', 'reason.distance', { n: 1 }, '1 helper lives too far'],
    ['nl', 'board.roundDone', { count: 1 }, 'Ronde klaar: 1 aanvraag voorgesteld'],
    [
      'nl',
      'board.roundDonePairs',
      { count: 3, pairs: 1 },
      'Ronde klaar: 3 aanvragen voorgesteld, waarvan 1 met begeleiding',
    ],
    ['nl', 'intake.seriesSaved', { count: 1 }, 'Vaste hulp is opgeslagen; 1 hulpvraag is al ingepland.'],
  ] as const)('%s %s %o → %s, by the language’s plural rules', (lang, key, values, text) => {
    expect(translate(lang, key, values)).toBe(text);
  });
});
