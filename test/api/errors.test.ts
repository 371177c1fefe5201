import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('errors: always the contract’s JSON body', () => {
  let t: TestApp;
  let residentId: number;
  beforeAll(async () => {
    t = await startTestApp();
    residentId = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const fieldsOf = (body: { error: { details: Array<{ field: string }> } }) =>
    body.error.details.map((d) => d.field).sort();

  it.each([
    ['a missing name', buildHelper({ name: undefined }), ['name']],
    ['an unknown track', buildHelper({ track: 'music' as never }), ['track']],
    ['an unknown skill', buildHelper({ skills: ['groceries', 'juggling'] }), ['skills.1']],
    ['a latitude off the earth', buildHelper({ location: { lat: 123, lon: 6 } }), ['location.lat']],
    [
      'an availability slot ending before it starts',
      buildHelper({ availability: [{ weekday: 8, start: '17:00', end: '09:00' }] }),
      ['availability.0.end', 'availability.0.weekday'],
    ],
    ['an unknown field', { ...buildHelper(), salary: 12 }, ['salary']],
    [
      'an active period that ends before it begins',
      buildHelper({ activeFrom: '2026-12-01', activeUntil: '2026-11-01' }),
      ['activeUntil'],
    ],
  ])('rejects a helper with %s', async (_name, body, fields) => {
    const res = await t.http.post('/api/v1/helpers').set(t.auth()).send(body).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(fieldsOf(res.body)).toEqual(fields);
  });

  it.each([
    ['no skills', { skills: [] }, ['skills']],
    [
      'a window without offset',
      { window: { start: '2026-11-24T10:00:00', end: '2026-11-24T12:00:00+01:00' } },
      ['window.start'],
    ],
    ['a job longer than its window', { durationMinutes: 180 }, ['durationMinutes']],
    ['an unknown urgency', { urgency: 'asap' as never }, ['urgency']],
    [
      'a window in the past',
      { window: { start: '2026-11-01T10:00:00+01:00', end: '2026-11-01T12:00:00+01:00' } },
      ['window.end'],
    ],
  ])('rejects a request with %s', async (_name, overrides, fields) => {
    const res = await t.http
      .post('/api/v1/requests')
      .set(t.auth())
      .send(buildRequest(residentId, overrides))
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(fields);
  });

  it('rejects a request for a resident that does not exist, and writes nothing', async () => {
    const before = (await t.http.get('/api/v1/events').set(t.auth())).body.length;
    const res = await t.http.post('/api/v1/requests').set(t.auth()).send(buildRequest(9999)).expect(400);
    expect(fieldsOf(res.body)).toEqual(['residentId']);
    expect((await t.http.get('/api/v1/events').set(t.auth())).body.length).toBe(before);
    expect((await t.http.get('/api/v1/requests').set(t.auth())).body).toEqual([]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await t.http
      .post('/api/v1/helpers')
      .set(t.auth())
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const huge = await t.http
      .post('/api/v1/helpers')
      .set(t.auth())
      .send({ ...buildHelper(), name: 'x'.repeat(200_000) })
      .expect(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown ids and routes with 404 JSON', async () => {
    for (const path of [
      '/api/v1/helpers/9999',
      '/api/v1/residents/9999',
      '/api/v1/requests/9999',
      '/api/v1/requests/9999/candidates',
      '/api/v1/proposals/9999',
      '/api/v1/nothing-here',
    ]) {
      const res = await t.http.get(path).set(t.auth()).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('not_found');
    }
    const nonNumeric = await t.http.get('/api/v1/helpers/abc').set(t.auth()).expect(400);
    expect(fieldsOf(nonNumeric.body)).toEqual(['id']);
  });

  it('takes ids and counts in decimal digits only, not as JavaScript would read them', async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    await t.http.get(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200);
    for (const id of [`0x${helper.id.toString(16)}`, `${helper.id}e0`, `%20${helper.id}`, `${helper.id}.0`]) {
      const res = await t.http.get(`/api/v1/helpers/${id}`).set(t.auth()).expect(400);
      expect(fieldsOf(res.body)).toEqual(['id']);
    }
    const board = await t.http.get('/api/v1/events?after=0x1').set(t.auth()).expect(400);
    expect(fieldsOf(board.body)).toEqual(['after']);
    await t.http.get('/api/v1/events?after=1').set(t.auth()).expect(200);
  });

  it('rejects unknown query parameters and bad filters', async () => {
    const res = await t.http.get('/api/v1/requests?status=done').set(t.auth()).expect(400);
    expect(fieldsOf(res.body)).toEqual(['status.0']);
    await t.http.get('/api/v1/helpers?colour=blue').set(t.auth()).expect(400);
  });

  it('serves the health check without auth, and the OpenAPI document of every contract route', async () => {
    expect((await t.http.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const route of [
      'POST /api/v1/auth/login',
      'POST /api/v1/users',
      'POST /api/v1/helpers/{id}/access-link',
      'GET /api/v1/skills',
      'POST /api/v1/helpers',
      'GET /api/v1/helpers',
      'GET /api/v1/helpers/{id}',
      'PATCH /api/v1/helpers/{id}',
      'DELETE /api/v1/helpers/{id}',
      'POST /api/v1/residents',
      'GET /api/v1/residents',
      'GET /api/v1/residents/{id}',
      'PATCH /api/v1/residents/{id}',
      'POST /api/v1/requests',
      'GET /api/v1/requests',
      'GET /api/v1/requests/{id}',
      'GET /api/v1/requests/{id}/candidates',
      'POST /api/v1/requests/{id}/proposals',
      'POST /api/v1/proposals/{id}/accept',
      'POST /api/v1/proposals/{id}/decline',
      'GET /api/v1/me/proposals',
      'GET /api/v1/me/schedule',
      'POST /api/v1/requests/{id}/complete',
      'POST /api/v1/requests/{id}/cancel',
      'POST /api/v1/matching/run',
      'GET /api/v1/board',
      'GET /api/v1/events',
    ]) {
      expect(routes).toContain(route);
    }
    const helperCreate = doc.components.schemas.HelperCreate;
    expect(helperCreate.required).toEqual(expect.arrayContaining(['name', 'kind', 'track', 'skills', 'maxTravelKm']));
    // A home is a pinned location or an address to look up (DESIGN, Addresses): either one will do.
    expect(helperCreate.required).not.toContain('location');
    expect(Object.keys(helperCreate.properties)).toEqual(expect.arrayContaining(['location', 'address']));
    expect(helperCreate.additionalProperties).toBe(false);
  });

  it('updates helpers and residents partially, validating the same way', async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const patched = await t.http
      .patch(`/api/v1/helpers/${helper.id}`)
      .set(t.auth())
      .send({ maxTravelKm: 8, skills: ['laundry'] })
      .expect(200);
    expect(patched.body).toMatchObject({ maxTravelKm: 8, skills: ['laundry'], name: helper.name });
    await t.http
      .patch(`/api/v1/helpers/${helper.id}`)
      .set(t.auth())
      .send({ skills: ['nope'] })
      .expect(400);
    await t.http.patch('/api/v1/helpers/9999').set(t.auth()).send({ maxTravelKm: 8 }).expect(404);
    const r = await t.http
      .patch(`/api/v1/residents/${residentId}`)
      .set(t.auth())
      .send({ excludedHelperIds: [helper.id] })
      .expect(200);
    expect(r.body.excludedHelperIds).toEqual([helper.id]);
    const bad = await t.http
      .patch(`/api/v1/residents/${residentId}`)
      .set(t.auth())
      .send({ excludedHelperIds: [4242] })
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['excludedHelperIds.0']);
  });
});

describe('an unexpected failure', () => {
  it('is a 500 with the request id and no internals, and the health check fails too', async () => {
    const t = await startTestApp();
    t.db.$client.close();
    const res = await t.http.get('/api/v1/helpers/1').set('X-Request-Id', 'req-42').set(t.auth());
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'internal error (request req-42)', details: [] } });
    expect(JSON.stringify(res.body)).not.toMatch(/sqlite|database|at /i);
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(500);
    expect(health.body.error.code).toBe('internal');
    t.close();
  });
});
