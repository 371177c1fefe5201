import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const keptReplies = () => t.db.$client.prepare('select * from idempotency_keys').all() as { reply: string }[];

/** Every creating POST that takes a key: where it goes, a body, and another body. */
const creates = [
  { path: '/api/v1/residents', body: () => buildResident({ name: 'Mevrouw Frijns' }), other: () => buildResident() },
  { path: '/api/v1/helpers', body: () => buildHelper({ name: 'Anouk' }), other: () => buildHelper() },
  {
    path: '/api/v1/closures',
    body: () => ({ from: '2026-12-24', to: '2026-12-26', reason: 'Kerst' }),
    other: () => ({ from: '2026-12-31', to: '2026-12-31', reason: 'Oud en nieuw' }),
  },
] as const;

async function resident(): Promise<number> {
  return (await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(201)).body.id;
}

const weekly = (residentId: number) => ({
  residentId,
  skills: ['groceries'],
  weekday: 4,
  start: '10:00',
  end: '12:00',
  durationMinutes: 60,
  firstDate: '2026-11-26',
  description: 'boodschappen voor mevrouw',
});

describe('Idempotency-Key on every creating POST', () => {
  it.each(creates)('$path: a retry gets the first reply and creates nothing; another body is refused', async (c) => {
    const key = { 'Idempotency-Key': 'retry-create-0001' };
    const body = c.body();
    const first = await t.http.post(c.path).set(t.auth()).set(key).send(body).expect(201);
    const again = await t.http.post(c.path).set(t.auth()).set(key).send(body).expect(201);
    expect(again.body).toEqual(first.body);
    const refused = await t.http.post(c.path).set(t.auth()).set(key).send(c.other()).expect(422);
    expect(refused.body.error).toMatchObject({
      code: 'idempotency_key_reused',
      details: [{ field: 'idempotency-key' }],
    });
    const list = (await t.http.get(c.path).set(t.auth()).expect(200)).body as { id: number }[];
    expect(list.filter((row) => row.id === first.body.id)).toHaveLength(1);
    expect(list).toHaveLength(1);
  });

  it('series: a retry makes no second series and no second set of requests', async () => {
    const residentId = await resident();
    const key = { 'Idempotency-Key': 'retry-series-0001' };
    const first = await t.http.post('/api/v1/series').set(t.auth('intake')).set(key).send(weekly(residentId));
    expect(first.status).toBe(201);
    const requestsBefore = (await t.http.get('/api/v1/requests').set(t.auth()).expect(200)).body.length;
    expect(requestsBefore).toBeGreaterThan(0);
    const again = await t.http.post('/api/v1/series').set(t.auth('intake')).set(key).send(weekly(residentId));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await t.http.get('/api/v1/series').set(t.auth()).expect(200)).body).toHaveLength(1);
    expect((await t.http.get('/api/v1/requests').set(t.auth()).expect(200)).body).toHaveLength(requestsBefore);
  });

  it('a proposal to "the best candidate" retried goes to the same helper, not to the next best', async () => {
    const residentId = await resident();
    await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201);
    await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201);
    const request = await t.http.post('/api/v1/requests').set(t.auth()).send(buildRequest(residentId)).expect(201);
    const path = `/api/v1/requests/${request.body.id}/proposals`;
    const key = { 'Idempotency-Key': 'retry-propose-0001' };
    const first = await t.http.post(path).set(t.auth()).set(key).send({}).expect(201);
    const again = await t.http.post(path).set(t.auth()).set(key).send({}).expect(201);
    expect(again.body).toEqual(first.body);
    const live = (await t.http.get(path).set(t.auth()).expect(200)).body as { status: string }[];
    expect(live.filter((p) => p.status === 'proposed')).toHaveLength(2);
  });

  it('a workshop retried is one workshop in the catalogue', async () => {
    const key = { 'Idempotency-Key': 'retry-workshop-0001' };
    const body = { track: 'care', title: 'Omgaan met agressie' };
    const first = await t.http.post('/api/v1/workshops').set(t.auth('coach')).set(key).send(body).expect(201);
    const again = await t.http.post('/api/v1/workshops').set(t.auth('coach')).set(key).send(body).expect(201);
    expect(again.body).toEqual(first.body);
    const catalogue = (await t.http.get('/api/v1/workshops?track=care').set(t.auth('coach')).expect(200)).body;
    expect(catalogue.filter((w: { title: string }) => w.title === body.title)).toHaveLength(1);
  });

  it("a coach's statement sign-off retried is signed once", async () => {
    const helper = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const users = (await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body;
    const coachId = users.find((u: { role: string }) => u.role === 'coach').id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    const path = `/api/v1/helpers/${helper.id}/statement-sign-offs`;
    const key = { 'Idempotency-Key': 'retry-sign-off-0001' };
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const first = await t.http.post(path).set(t.auth('coach')).set(key).send(period).expect(201);
    const again = await t.http.post(path).set(t.auth('coach')).set(key).send(period).expect(201);
    expect(again.body).toEqual(first.body);
    expect((await t.http.get(path).set(t.auth()).expect(200)).body).toHaveLength(1);
  });

  it('a split retried gets the same parts, and erasing the resident deletes the kept reply', async () => {
    const residentId = await resident();
    const long = await t.http
      .post('/api/v1/requests')
      .set(t.auth())
      .send(
        buildRequest(residentId, {
          window: { start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T14:00:00+01:00' },
          durationMinutes: 240,
          description: 'ramen lappen',
        }),
      )
      .expect(201);
    const path = `/api/v1/requests/${long.body.id}/split`;
    const key = { 'Idempotency-Key': 'retry-split-0001' };
    const first = await t.http.post(path).set(t.auth()).set(key).send({ parts: 2 }).expect(200);
    const again = await t.http.post(path).set(t.auth()).set(key).send({ parts: 2 }).expect(200);
    expect(again.body).toEqual(first.body);
    const ofResident = (await t.http.get(`/api/v1/requests?residentId=${residentId}`).set(t.auth()).expect(200)).body;
    expect(ofResident).toHaveLength(2);

    await t.http.post(`/api/v1/residents/${residentId}/erase`).set(t.auth('admin')).expect(200);
    expect(JSON.stringify(keptReplies())).not.toContain('ramen lappen');
  });

  it('keys are per caller: the same key from another user creates its own', async () => {
    const key = { 'Idempotency-Key': 'shared-key-0001' };
    const a = await t.http.post('/api/v1/residents').set(t.auth('intake')).set(key).send(buildResident()).expect(201);
    const b = await t.http.post('/api/v1/residents').set(t.auth('dispatcher')).set(key).send(buildResident());
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('a reply is kept for a day: after that the key is free, and the retention job deletes the copy', async () => {
    const key = { 'Idempotency-Key': 'retry-day-0001' };
    const body = buildResident();
    const first = await t.http.post('/api/v1/residents').set(t.auth()).set(key).send(body).expect(201);
    await t.moveClockTo(t.clock() + 23 * HOUR);
    const within = await t.http.post('/api/v1/residents').set(t.auth()).set(key).send(body).expect(201);
    expect(within.body.id).toBe(first.body.id);

    await t.moveClockTo(t.clock() + 2 * HOUR);
    const later = await t.http.post('/api/v1/residents').set(t.auth()).set(key).send(body).expect(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(keptReplies()).toHaveLength(1);

    await t.moveClockTo(t.clock() + 25 * HOUR);
    t.services.retention.eraseInactive();
    expect(keptReplies()).toHaveLength(0);
  });

  it('erasing a resident deletes the kept replies that copy them: the resident, their requests and series', async () => {
    const key = (k: string) => ({ 'Idempotency-Key': `erase-${k}-0001` });
    const body = buildResident({ name: 'Mevrouw Frijns', phone: '045 531 2233', notes: 'slechthorend' });
    const residentId = (await t.http.post('/api/v1/residents').set(t.auth()).set(key('r')).send(body).expect(201)).body
      .id;
    await t.http.post('/api/v1/series').set(t.auth()).set(key('s')).send(weekly(residentId)).expect(201);
    await t.http
      .post('/api/v1/requests')
      .set(t.auth())
      .set(key('q'))
      .send(buildRequest(residentId, { description: 'medicijnen ophalen' }))
      .expect(201);
    const other = await t.http.post('/api/v1/residents').set(t.auth()).set(key('o')).send(buildResident()).expect(201);
    expect(keptReplies()).toHaveLength(4);

    await t.http.post(`/api/v1/residents/${residentId}/erase`).set(t.auth('admin')).expect(200);
    const kept = JSON.stringify(keptReplies());
    for (const text of ['Frijns', '531 2233', 'slechthorend', 'medicijnen', 'boodschappen'])
      expect(kept).not.toContain(text);
    expect(keptReplies()).toHaveLength(1);
    expect(JSON.parse(keptReplies()[0]!.reply).id).toBe(other.body.id);
  });
});
