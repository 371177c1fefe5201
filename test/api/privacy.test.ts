import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MyJob, MyProposal } from '../../src/me/me.schema.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

const RESIDENT = buildResident({
  name: 'Mevrouw Geheim-Vandenberg',
  phone: '045 999 8877',
  address: { street: 'Verborgenstraat', houseNumber: '7', postcode: '6371 KL', city: 'Landgraaf' },
  notes: 'Sleutel ligt onder de mat',
});
const SECRETS = ['Geheim-Vandenberg', '999 8877', 'Verborgenstraat', 'Sleutel', '6371KL'];
/** The resident's own words on the request: the helper reads them once the job is theirs. */
const DESCRIPTION = 'Boodschappen bij de Jumbo';

describe('what a helper sees', () => {
  let t: TestApp;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ logDestination: sink, logLevel: 'debug' });
  });
  afterEach(() => t.close());

  async function setup() {
    const mine = (
      await t.http
        .post('/api/v1/helpers')
        .set(t.auth())
        .send(buildHelper({ location: LANDGRAAF }))
        .expect(201)
    ).body;
    const other = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const resident = (await t.http.post('/api/v1/residents').set(t.auth()).send(RESIDENT).expect(201)).body;
    const request = (
      await t.http
        .post('/api/v1/requests')
        .set(t.auth())
        .send(buildRequest(resident.id, { description: DESCRIPTION }))
        .expect(201)
    ).body;
    const link = async (id: number) =>
      t.bearer((await t.http.post(`/api/v1/helpers/${id}/access-link`).set(t.auth()).expect(201)).body.token);
    return { mine, other, request, me: await link(mine.id), them: await link(other.id) };
  }

  it('before accepting: the task, time, neighbourhood and distance, never name, phone, street, notes or description', async () => {
    const { request, me, them } = await setup();
    // As a looked-up address stores it: the CBS wijk and buurt beside the house.
    t.db.$client
      .prepare("update residents set wijk_name = 'Schaesberg', buurt_name = 'Schaesberg-Oost' where id = ?")
      .run(request.residentId);
    const res = await t.http.get('/api/v1/me/proposals').set(me).expect(200);
    const [proposal] = MyProposal.array().parse(res.body);
    expect(proposal).toMatchObject({
      requestId: request.id,
      skills: ['groceries'],
      description: null,
      neighbourhood: { postcode: '6371', city: 'Landgraaf', wijk: 'Schaesberg', buurt: 'Schaesberg-Oost' },
      start: '2026-11-24T09:00:00.000Z',
    });
    expect(proposal!.distanceKm).toBeLessThan(1);
    for (const secret of [...SECRETS, DESCRIPTION]) expect(JSON.stringify(res.body)).not.toContain(secret);
    expect((await t.http.get('/api/v1/me/proposals').set(them).expect(200)).body).toEqual([]);
    expect((await t.http.get('/api/v1/me/schedule').set(me).expect(200)).body).toEqual([]);
  });

  it('after accepting: the address and phone, until the job is completed', async () => {
    const { request, me, them } = await setup();
    const [proposal] = (await t.http.get('/api/v1/me/proposals').set(me)).body;
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(them).expect(403);
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(me).expect(200);

    const [job] = MyJob.array().parse((await t.http.get('/api/v1/me/schedule').set(me).expect(200)).body);
    expect(job).toMatchObject({
      requestId: request.id,
      status: 'assigned',
      description: DESCRIPTION,
      resident: {
        name: RESIDENT.name,
        phone: '045 999 8877',
        address: { street: 'Verborgenstraat', houseNumber: '7', postcode: '6371KL' },
      },
    });
    expect(JSON.stringify(job)).not.toContain('Sleutel');
    expect((await t.http.get('/api/v1/me/schedule').set(them).expect(200)).body).toEqual([]);

    // The job's morning (a helper's link does not lapse overnight as a staff session does).
    t.clock.set(Date.parse('2026-11-24T11:00:00+01:00'));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(them).send({ hours: 1 }).expect(404);
    await t.http
      .post(`/api/v1/requests/${request.id}/complete`)
      .set(me)
      .send({ hours: 1, note: 'ging goed' })
      .expect(200);
    const [done] = MyJob.array().parse((await t.http.get('/api/v1/me/schedule').set(me).expect(200)).body);
    expect(done).toMatchObject({ status: 'completed', hours: 1, resident: null, description: null });
  });

  it('keeps another helper’s proposals out of reach', async () => {
    const { me, them } = await setup();
    const [proposal] = (await t.http.get('/api/v1/me/proposals').set(me)).body;
    await t.http.get(`/api/v1/proposals/${proposal.id}`).set(them).expect(404);
    await t.http.get(`/api/v1/proposals/${proposal.id}`).set(me).expect(200);
    await t.http.post(`/api/v1/proposals/${proposal.id}/decline`).set(them).send({}).expect(403);
  });

  it('logs ids, never personal data, queries or tokens', async () => {
    const { me } = await setup();
    await t.http.get('/api/v1/residents').query({ q: 'Geheim-Vandenberg' }).set(t.auth()).expect(200);
    const [proposal] = (await t.http.get('/api/v1/me/proposals').set(me)).body;
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(me).expect(200);
    const text = logs.join('');
    expect(logs.length).toBeGreaterThan(5);
    for (const secret of [...SECRETS, 'Bearer ', me.Authorization.slice(7), t.tokens.dispatcher])
      expect(text).not.toContain(secret);
  });
});
