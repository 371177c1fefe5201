import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a request and proposes it to the helper', async () => {
    const helper = await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201);
    const resident = await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201);
    const request = await t.http
      .post('/api/v1/requests')
      .set(t.auth())
      .send(buildRequest(resident.body.id))
      .expect(201);
    expect(request.body.status).toBe('proposed');
    const proposals = await t.http.get(`/api/v1/requests/${request.body.id}/proposals`).set(t.auth()).expect(200);
    expect(proposals.body[0].helperId).toBe(helper.body.id);
  });
});
