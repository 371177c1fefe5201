import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MyProposal } from '../../src/me/me.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest, helpersInLine, newResident, proposalsOf as proposalsOfRequest } from '../support/requests.js';

const MINUTE = 60_000;

describe('urgent requests go to several helpers at once (issue 13)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const helpers = (count: number) => helpersInLine(t, count);
  const resident = () => newResident(t);
  const request = (residentId: number, overrides: Parameters<typeof enterRequest>[2] = {}) =>
    enterRequest(t, residentId, overrides);
  const proposalsOf = (requestId: number) => proposalsOfRequest(t, requestId);
  async function helperToken(helperId: number) {
    const res = await t.http.post(`/api/v1/helpers/${helperId}/access-link`).set(t.auth()).expect(201);
    return t.bearer(res.body.token as string);
  }

  it('offers an urgent request to the best k helpers at once, the first accept wins and the others are withdrawn', async () => {
    await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ fanOut: { urgent: 3 }, holdUntilStart: false })
      .expect(200);
    const [a, b, c, d] = await helpers(4);
    const created = await request(await resident(), { urgency: 'urgent' });
    const asked = await proposalsOf(created.id);
    expect(asked.map((p) => [p.helperId, p.status])).toEqual([
      [a, 'proposed'],
      [b, 'proposed'],
      [c, 'proposed'],
    ]);
    // A fourth was left to ask: the usual urgent deadline applies.
    for (const p of asked) expect(Date.parse(p.expiresAt)).toBe(t.clock() + 15 * MINUTE);

    // The helper's page says others were asked too.
    const mine = await t.http
      .get('/api/v1/me/proposals')
      .set(await helperToken(b!))
      .expect(200);
    expect(MyProposal.array().parse(mine.body)).toEqual([expect.objectContaining({ id: asked[1]!.id, alsoAsked: 2 })]);

    await t.http
      .post(`/api/v1/proposals/${asked[1]!.id}/accept`)
      .set(await helperToken(b!))
      .expect(200);
    expect((await proposalsOf(created.id)).map((p) => [p.helperId, p.status])).toEqual([
      [a, 'withdrawn'],
      [b, 'accepted'],
      [c, 'withdrawn'],
    ]);
    expect(d).toBeDefined();
    const late = await t.http
      .post(`/api/v1/proposals/${asked[0]!.id}/accept`)
      .set(await helperToken(a!))
      .expect(409);
    expect(late.body.error.code).toBe('proposal_closed');
  });

  it('puts the next best in the place of a helper who declines, and asks a routine request one at a time', async () => {
    const [a, b, c, d] = await helpers(4);
    const r = await resident();
    const high = await request(r, { urgency: 'high' });
    const normal = await request(r, {
      urgency: 'normal',
      window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' },
    });
    expect((await proposalsOf(normal.id)).map((p) => p.helperId)).toEqual([a]);

    const asked = await proposalsOf(high.id);
    expect(asked.map((p) => p.helperId)).toEqual([a, b, c]);
    await t.http.post(`/api/v1/proposals/${asked[0]!.id}/decline`).set(t.auth()).send({ reason: 'ziek' }).expect(200);
    expect((await proposalsOf(high.id)).map((p) => [p.helperId, p.status])).toEqual([
      [a, 'declined'],
      [b, 'proposed'],
      [c, 'proposed'],
      [d, 'proposed'],
    ]);
  });

  it('keeps the last helpers asked until the job starts, and meanwhile flags the request for a dispatcher', async () => {
    const [a, b] = await helpers(2);
    const created = await request(await resident(), { urgency: 'urgent' });
    const asked = await proposalsOf(created.id);
    expect(asked.map((p) => p.helperId)).toEqual([a, b]);
    // Nobody else to ask: waiting longer only lets a late yes in.
    for (const p of asked) expect(p.expiresAt).toBe('2026-11-24T09:00:00.000Z');

    t.clock.advance(16 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(1);
    const flagged = (await t.http.get(`/api/v1/requests/${created.id}`).set(t.auth()).expect(200)).body;
    expect(flagged).toMatchObject({ status: 'proposed', needsDispatcher: true });
    expect(t.services.board.eventsAfter(0, 1000).filter((e) => e.type === 'request.flagged')).toHaveLength(1);
    expect(t.services.proposals.expireDue()).toBe(0);

    t.clock.advance(3 * 60 * MINUTE);
    await t.http
      .post(`/api/v1/proposals/${asked[1]!.id}/accept`)
      .set(await helperToken(b!))
      .expect(200);
    const assigned = (await t.http.get(`/api/v1/requests/${created.id}`).set(t.auth()).expect(200)).body;
    expect(assigned).toMatchObject({ status: 'assigned', helperId: b, needsDispatcher: false });
  });

  it('asks a regular resident’s usual helper first, even when another scores higher', async () => {
    const [near, usual] = await helpers(2);
    const r = await resident();
    t.services.settings.update({ weights: { continuity: 0 } });
    const first = await request(r);
    const [proposal] = await proposalsOf(first.id);
    expect(proposal!.helperId).toBe(near);
    await t.http.post(`/api/v1/requests/${first.id}/assign`).set(t.auth()).send({ helperId: usual }).expect(201);

    const next = await request(r, { window: { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' } });
    expect((await proposalsOf(next.id)).map((p) => p.helperId)).toEqual([usual]);

    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ usualHelperFirst: false }).expect(200);
    const third = await request(r, {
      window: { start: '2026-11-27T10:00:00+01:00', end: '2026-11-27T12:00:00+01:00' },
    });
    expect((await proposalsOf(third.id)).map((p) => p.helperId)).toEqual([near]);
  });

  it('refuses a fan-out outside 1–10, naming the field, and changes nothing', async () => {
    const res = await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ fanOut: { urgent: 0 } })
      .expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error.details)).toContain('fanOut');
    const settings = (await t.http.get('/api/v1/settings').set(t.auth()).expect(200)).body;
    expect(settings.fanOut).toEqual({ urgent: 5, high: 3, normal: 1, low: 1 });
    expect(settings).toMatchObject({ lastCallUntilStart: true, usualHelperFirst: true });
  });
});
