import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PhoneList } from '../../src/proposals/proposals.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest, helpersInLine, newResident, proposalsOf as proposalsOfRequest } from '../support/requests.js';

const MINUTE = 60_000;
/** The factories' window: Tuesday 10:00 local. */
const JOB_START = '2026-11-24T09:00:00.000Z';

describe('a proposal is held until the job starts, and the next best is asked as well (issue 13)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const helpers = (count: number) => helpersInLine(t, count);
  const resident = () => newResident(t);
  const proposalsOf = (requestId: number) => proposalsOfRequest(t, requestId);
  async function helperToken(helperId: number) {
    const res = await t.http.post(`/api/v1/helpers/${helperId}/access-link`).set(t.auth()).expect(201);
    return t.bearer(res.body.token as string);
  }
  const requestOf = async (id: number) => (await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body;

  it('asks the next best once the response time has passed, and a late yes of the first still wins', async () => {
    const [a, b, c] = await helpers(3);
    const created = await enterRequest(t, await resident());
    const [first] = await proposalsOf(created.id);
    expect(first).toMatchObject({ helperId: a, expiresAt: JOB_START });
    expect(Date.parse(first!.askNextAt!)).toBe(t.clock() + 240 * MINUTE);

    t.clock.advance(239 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(0);
    expect((await proposalsOf(created.id)).map((p) => p.helperId)).toEqual([a]);

    t.clock.advance(MINUTE);
    expect(t.services.proposals.expireDue()).toBe(0);
    expect((await proposalsOf(created.id)).map((p) => [p.helperId, p.status])).toEqual([
      [a, 'proposed'],
      [b, 'proposed'],
    ]);
    // Once: the next run asks nobody more.
    t.clock.advance(MINUTE);
    t.services.proposals.expireDue();
    expect(await proposalsOf(created.id)).toHaveLength(2);

    t.clock.advance(5 * 60 * MINUTE);
    await t.http
      .post(`/api/v1/proposals/${first!.id}/accept`)
      .set(await helperToken(a!))
      .expect(200);
    expect((await proposalsOf(created.id)).map((p) => [p.helperId, p.status])).toEqual([
      [a, 'accepted'],
      [b, 'withdrawn'],
    ]);
    expect(await requestOf(created.id)).toMatchObject({ status: 'assigned', helperId: a });
    expect(c).toBeDefined();
  });

  it('flags the request once, at the response time, when nobody is left to ask, and keeps the offer open', async () => {
    const [a] = await helpers(1);
    const created = await enterRequest(t, await resident());
    t.clock.advance(240 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(1);
    expect(await requestOf(created.id)).toMatchObject({ status: 'proposed', needsDispatcher: true });
    expect(t.services.proposals.expireDue()).toBe(0);
    expect(t.services.board.eventsAfter(0, 1000).filter((e) => e.type === 'request.flagged')).toHaveLength(1);

    const [held] = await proposalsOf(created.id);
    expect(held).toMatchObject({ helperId: a, status: 'proposed', expiresAt: JOB_START });
    await t.moveClockTo(Date.parse(JOB_START));
    expect(t.services.proposals.expireDue()).toBe(1);
    expect((await proposalsOf(created.id)).map((p) => p.status)).toEqual(['expired']);
  });

  it('with answerHabits, asks the next best after the helper’s own usual answer time', async () => {
    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ answerHabits: true }).expect(200);
    const [a, b] = await helpers(2);
    const r = await resident();
    // Five answers of a's, each after 10 minutes; a dispatcher's direct assignment is no answer of theirs.
    for (const [day, hour] of [
      [25, 10],
      [25, 14],
      [26, 10],
      [26, 14],
      [27, 10],
    ]) {
      const window = { start: `2026-11-${day}T${hour}:00:00+01:00`, end: `2026-11-${day}T${hour! + 2}:00:00+01:00` };
      const asked = await enterRequest(t, r, { window });
      t.clock.advance(10 * MINUTE);
      const [p] = await proposalsOf(asked.id);
      expect(p!.helperId).toBe(a);
      await t.http.post(`/api/v1/proposals/${p!.id}/decline`).set(t.auth()).send({}).expect(200);
    }
    const direct = await enterRequest(t, r, {
      window: { start: '2026-11-27T14:00:00+01:00', end: '2026-11-27T16:00:00+01:00' },
    });
    await t.http.post(`/api/v1/requests/${direct.id}/assign`).set(t.auth()).send({ helperId: a }).expect(201);

    const created = await enterRequest(t, r);
    const [first] = await proposalsOf(created.id);
    expect(first!.helperId).toBe(a);
    expect(Date.parse(first!.askNextAt!)).toBe(t.clock() + 10 * MINUTE);
    t.clock.advance(10 * MINUTE);
    t.services.proposals.expireDue();
    expect((await proposalsOf(created.id)).map((p) => p.helperId)).toEqual([a, b]);
  });

  it('without holdUntilStart, a routine proposal expires after the response time as before', async () => {
    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ holdUntilStart: false }).expect(200);
    const [a, b] = await helpers(2);
    const created = await enterRequest(t, await resident());
    const [first] = await proposalsOf(created.id);
    expect(first).toMatchObject({ helperId: a, askNextAt: null });
    expect(Date.parse(first!.expiresAt)).toBe(t.clock() + 240 * MINUTE);
    t.clock.advance(240 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(1);
    expect((await proposalsOf(created.id)).map((p) => [p.helperId, p.status])).toEqual([
      [a, 'expired'],
      [b, 'proposed'],
    ]);
  });

  it('gives a dispatcher the phone list of who could come: best first, what each was asked, who declined last', async () => {
    const [a, b, c] = await helpers(3);
    await t.http.patch(`/api/v1/helpers/${a}`).set(t.auth()).send({ phone: '06 1111 2222' }).expect(200);
    await t.http.patch(`/api/v1/helpers/${b}`).set(t.auth()).send({ phone: '06 1234 5678' }).expect(200);
    await t.http
      .patch(`/api/v1/helpers/${c}`)
      .set(t.auth())
      .send({ skills: ['gardening'], track: 'green' })
      .expect(200);
    const created = await enterRequest(t, await resident());
    const [first] = await proposalsOf(created.id);
    await t.http.post(`/api/v1/proposals/${first!.id}/decline`).set(t.auth()).send({ reason: 'ziek' }).expect(200);
    // b is asked next and does not answer: the request is flagged at the response time.
    t.clock.advance(240 * MINUTE);
    t.services.proposals.expireDue();

    const res = await t.http.get(`/api/v1/requests/${created.id}/phone-list`).set(t.auth()).expect(200);
    const list = PhoneList.parse(res.body);
    expect(list).toMatchObject({ requestId: created.id, needsDispatcher: true });
    expect(list.helpers.map((h) => [h.helperId, h.asked, h.phone])).toEqual([
      [b, 'proposed', '06 1234 5678'],
      [a, 'declined', '06 1111 2222'],
    ]);
    expect(list.helpers[0]!.name).toEqual(expect.any(String));

    const missing = await t.http.get('/api/v1/requests/999999/phone-list').set(t.auth()).expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const intake = await t.http.get(`/api/v1/requests/${created.id}/phone-list`).set(t.auth('intake')).expect(403);
    expect(intake.body.error.code).toBe('forbidden');
  });

  it('refuses a setting that is not a boolean, naming the field', async () => {
    const res = await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ holdUntilStart: 'yes' }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error.details)).toContain('holdUntilStart');
    const settings = (await t.http.get('/api/v1/settings').set(t.auth()).expect(200)).body;
    expect(settings).toMatchObject({ holdUntilStart: true, answerHabits: false });
  });
});
