import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { Proposal } from '../../src/proposals/proposals.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest, proposalsOf as proposalsOfRequest } from '../support/requests.js';

const HOUR = 3_600_000;

describe('a request from intake to completion', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  async function helper(overrides: Parameters<typeof buildHelper>[0] = {}) {
    return (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper(overrides)).expect(201)).body as {
      id: number;
    };
  }
  async function resident(overrides: Parameters<typeof buildResident>[0] = {}) {
    return (await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident(overrides)).expect(201))
      .body as { id: number };
  }
  const request = (residentId: number, overrides: Parameters<typeof enterRequest>[2] = {}) =>
    enterRequest(t, residentId, overrides);
  const proposalsOf = (requestId: number) => proposalsOfRequest(t, requestId);
  async function helperToken(helperId: number) {
    const res = await t.http.post(`/api/v1/helpers/${helperId}/access-link`).set(t.auth()).expect(201);
    expect(res.body.url).toBe(`http://wijkmatch.test/h/${res.body.token}`);
    return t.bearer(res.body.token as string);
  }

  it('proposes a new request to the best candidate at once, with an urgency-based deadline', async () => {
    t.services.settings.update({ fanOut: { high: 1 }, holdUntilStart: false });
    const far = await helper({ location: { lat: LANDGRAAF.lat + 0.03, lon: LANDGRAAF.lon } });
    const near = await helper({ location: LANDGRAAF });
    const r = await resident();
    const created = await request(r.id, { urgency: 'high' });
    expect(created.status).toBe('proposed');

    const [proposal] = await proposalsOf(created.id);
    expect(proposal).toMatchObject({ helperId: near.id, status: 'proposed' });
    // high urgency: one hour to answer
    expect(Date.parse(proposal!.expiresAt)).toBe(t.clock() + HOUR);
    expect(proposal!.start).toBe('2026-11-24T09:00:00.000Z');

    const candidates = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${created.id}/candidates`).set(t.auth('intake')).expect(200)).body,
    );
    expect(candidates.candidates.map((c) => c.helperId)).toEqual([near.id, far.id]);
    const best = candidates.candidates[0]!;
    const points = Object.values(best.breakdown).reduce((sum, c) => sum + c.points, 0);
    expect(points).toBeCloseTo(best.score, 1);
  });

  it('explains who is excluded and why', async () => {
    const unskilled = await helper({ track: 'green', skills: ['gardening'] });
    const tooFar = await helper({ location: { lat: LANDGRAAF.lat + 0.2, lon: LANDGRAAF.lon }, maxTravelKm: 5 });
    const weekendOnly = await helper({ availability: [{ weekday: 6, start: '09:00', end: '17:00' }] });
    const absent = await helper({ absences: [{ from: '2026-11-24', to: '2026-11-24', reason: 'ziek' }] });
    const ended = await helper({ activeUntil: '2026-11-20' });
    const unwanted = await helper();
    const r = await resident({ excludedHelperIds: [unwanted.id] });
    const created = await request(r.id);
    expect(created.status).toBe('open');

    const { candidates, excluded } = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${created.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(candidates).toEqual([]);
    const reasons = Object.fromEntries(excluded.map((e) => [e.helperId, e.reasons]));
    expect(reasons[unskilled.id]).toContain('skills');
    expect(reasons[tooFar.id]).toEqual(['distance']);
    expect(reasons[weekendOnly.id]).toEqual(['availability']);
    expect(reasons[absent.id]).toEqual(['availability']);
    expect(reasons[ended.id]).toContain('inactive');
    expect(reasons[unwanted.id]).toEqual(['excluded']);
  });

  it('assigns on accept, withdraws the other proposals, and refuses a second accept', async () => {
    const a = await helper({ location: LANDGRAAF });
    const b = await helper();
    const r = await resident();
    const created = await request(r.id);
    const second = await t.http
      .post(`/api/v1/requests/${created.id}/proposals`)
      .set(t.auth())
      .send({ helperId: b.id })
      .expect(201);
    const [first] = await proposalsOf(created.id);
    expect(first!.helperId).toBe(a.id);

    const tokenA = await helperToken(a.id);
    const accepted = await t.http.post(`/api/v1/proposals/${first!.id}/accept`).set(tokenA).expect(200);
    expect(accepted.body.status).toBe('accepted');

    const after = HelpRequest.parse(
      (await t.http.get(`/api/v1/requests/${created.id}`).set(t.auth()).expect(200)).body,
    );
    expect(after).toMatchObject({
      status: 'assigned',
      helperId: a.id,
      scheduled: { start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z' },
    });
    const statuses = (await proposalsOf(created.id)).map((p) => [p.helperId, p.status]);
    expect(statuses).toEqual([
      [a.id, 'accepted'],
      [b.id, 'withdrawn'],
    ]);

    await t.http.post(`/api/v1/proposals/${second.body.id}/accept`).set(t.auth()).expect(409);
    const again = await t.http.post(`/api/v1/proposals/${first!.id}/accept`).set(tokenA).expect(409);
    expect(again.body.error.code).toBe('proposal_closed');
  });

  it('goes to the next best on a decline, and back to open when nobody is left', async () => {
    const a = await helper({ location: LANDGRAAF });
    const b = await helper();
    const r = await resident();
    const created = await request(r.id);
    const [first] = await proposalsOf(created.id);
    expect(first!.helperId).toBe(a.id);

    await t.http
      .post(`/api/v1/proposals/${first!.id}/decline`)
      .set(await helperToken(a.id))
      .send({ reason: 'tentamen' })
      .expect(200);
    const afterDecline = await proposalsOf(created.id);
    expect(afterDecline.map((p) => [p.helperId, p.status])).toEqual([
      [a.id, 'declined'],
      [b.id, 'proposed'],
    ]);
    expect(afterDecline[0]!.declineReason).toBe('tentamen');

    await t.http.post(`/api/v1/proposals/${afterDecline[1]!.id}/decline`).set(t.auth()).send({}).expect(200);
    const reopened = await t.http.get(`/api/v1/requests/${created.id}`).set(t.auth()).expect(200);
    expect(reopened.body.status).toBe('open');
    expect((await proposalsOf(created.id)).filter((p) => p.status === 'proposed')).toEqual([]);
  });

  it('takes an assignment back when the helper cannot come, and proposes to the next best at once', async () => {
    const a = await helper({ location: LANDGRAAF });
    const b = await helper();
    const r = await resident();
    const created = await request(r.id);
    const [first] = await proposalsOf(created.id);
    expect(first!.helperId).toBe(a.id);
    const aToken = await helperToken(a.id);
    await t.http.post(`/api/v1/proposals/${first!.id}/accept`).set(aToken).expect(200);
    const schedule = async () =>
      ((await t.http.get('/api/v1/me/schedule').set(aToken).expect(200)).body as { requestId: number }[]).map(
        (job) => job.requestId,
      );
    expect(await schedule()).toEqual([created.id]);
    const seqBefore = (await t.http.get('/api/v1/board').set(t.auth()).expect(200)).body.seq as number;

    const refused = await t.http.post(`/api/v1/requests/${created.id}/reassign`).set(t.auth('intake')).send({});
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const blank = await t.http.post(`/api/v1/requests/${created.id}/reassign`).set(t.auth()).send({ reason: ' ' });
    expect([blank.status, blank.body.error.details[0].field]).toEqual([400, 'reason']);

    const res = await t.http
      .post(`/api/v1/requests/${created.id}/reassign`)
      .set(t.auth())
      .send({ reason: 'griep' })
      .expect(200);
    expect(HelpRequest.parse(res.body)).toMatchObject({ status: 'proposed', helperId: null, scheduled: null });
    expect((await proposalsOf(created.id)).map((p) => [p.helperId, p.status, p.declineReason])).toEqual([
      [a.id, 'released', 'griep'],
      [b.id, 'proposed', null],
    ]);
    // The helper's schedule no longer holds it; the boards hear it without the reason.
    expect(await schedule()).toEqual([]);
    const events = (await t.http.get('/api/v1/events').query({ after: seqBefore }).set(t.auth()).expect(200)).body;
    expect(events.map((e: { type: string }) => e.type).slice(0, 2)).toEqual(['proposal.released', 'request.updated']);
    expect(JSON.stringify(events)).not.toContain('griep');

    const again = await t.http.post(`/api/v1/requests/${created.id}/reassign`).set(t.auth()).send({});
    expect([again.status, again.body.error.code]).toEqual([409, 'request_not_assigned']);
    const missing = await t.http.post('/api/v1/requests/999999/reassign').set(t.auth()).send({});
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
  });

  it('flags a taken-back request for a dispatcher when nobody else can come', async () => {
    const a = await helper({ location: LANDGRAAF });
    const r = await resident();
    const created = await request(r.id);
    const [first] = await proposalsOf(created.id);
    await t.http.post(`/api/v1/proposals/${first!.id}/accept`).set(t.auth()).expect(200);
    const res = await t.http.post(`/api/v1/requests/${created.id}/reassign`).set(t.auth()).send({}).expect(200);
    expect(res.body).toMatchObject({ status: 'open', needsDispatcher: true, helperId: null });
    expect(first!.helperId).toBe(a.id);
    // A new proposal to the same helper is the dispatcher's choice, once they can come again.
    const redo = await t.http.post(`/api/v1/requests/${created.id}/proposals`).set(t.auth()).send({ helperId: a.id });
    expect(redo.status).toBe(201);
  });

  it('expires an unanswered proposal at its deadline and moves on to the next best', async () => {
    t.services.settings.update({ fanOut: { urgent: 1 }, holdUntilStart: false });
    const a = await helper({ location: LANDGRAAF });
    const b = await helper();
    const r = await resident();
    const created = await request(r.id, { urgency: 'urgent' });
    const [first] = await proposalsOf(created.id);

    t.clock.advance(15 * 60_000);
    const late = await t.http
      .post(`/api/v1/proposals/${first!.id}/accept`)
      .set(await helperToken(a.id))
      .expect(409);
    expect(late.body.error.code).toBe('proposal_expired');

    expect(t.services.proposals.expireDue()).toBe(1);
    const after = await proposalsOf(created.id);
    expect(after.map((p) => [p.helperId, p.status])).toEqual([
      [a.id, 'expired'],
      [b.id, 'proposed'],
    ]);
  });

  it('never gives a helper two jobs that overlap, travel included', async () => {
    const a = await helper({ location: LANDGRAAF, travelMode: 'walking' });
    const near = await resident();
    const first = await request(near.id, {
      window: { start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T11:00:00+01:00' },
    });
    const [p1] = await proposalsOf(first.id);
    await t.http.post(`/api/v1/proposals/${p1!.id}/accept`).set(t.auth()).expect(200);

    // 1.5 km away on foot: about 26 minutes, so 11:00 is impossible but 11:30 works.
    const other = await resident({ location: { lat: LANDGRAAF.lat + 0.0135, lon: LANDGRAAF.lon } });
    const tight = await request(other.id, {
      window: { start: '2026-11-24T11:00:00+01:00', end: '2026-11-24T12:00:00+01:00' },
    });
    expect(tight.status).toBe('open');
    const { excluded } = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${tight.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(excluded).toEqual([{ helperId: a.id, reasons: ['busy'] }]);

    const flexible = await request(other.id, {
      window: { start: '2026-11-24T11:00:00+01:00', end: '2026-11-24T13:00:00+01:00' },
    });
    const [p2] = await proposalsOf(flexible.id);
    expect(p2!.start).toBe('2026-11-24T10:30:00.000Z');
  });

  it('lets a dispatcher override hours, reach and cap with a reason, but never skills or a clash', async () => {
    t.close();
    t = await startTestApp({ autoPropose: false });
    // Free on Mondays only, 40 km away and with a weekly cap of half an hour: three reasons the
    // matching refuses them for a one-hour Tuesday job, all three theirs to waive by phone.
    const keen = await helper({
      location: { lat: LANDGRAAF.lat + 0.36, lon: LANDGRAAF.lon },
      availability: [{ weekday: 1, start: '09:00', end: '17:00' }],
      maxHoursPerWeek: 0.5,
    });
    const gardener = await helper({ track: 'green', skills: ['gardening'] });
    const r = await resident();
    const job = await request(r.id);
    const { excluded } = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${job.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(excluded.find((e) => e.helperId === keen.id)?.reasons).toEqual(['distance']);

    const plain = await t.http.post(`/api/v1/requests/${job.id}/assign`).set(t.auth()).send({ helperId: keen.id });
    expect(plain.status).toBe(409);
    expect(plain.body.error.code).toBe('helper_not_feasible');

    const blank = await t.http
      .post(`/api/v1/requests/${job.id}/assign`)
      .set(t.auth())
      .send({ helperId: keen.id, override: { reason: ' ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].field).toBe('override.reason');

    const unskilled = await t.http
      .post(`/api/v1/requests/${job.id}/assign`)
      .set(t.auth())
      .send({ helperId: gardener.id, override: { reason: 'wil het proberen' } });
    expect(unskilled.status).toBe(409);
    expect(unskilled.body.error.details).toEqual([expect.objectContaining({ field: 'helperId', reasons: ['skills'] })]);

    const intake = await t.http
      .post(`/api/v1/requests/${job.id}/assign`)
      .set(t.auth('intake'))
      .send({ helperId: keen.id, override: { reason: 'telefonisch afgesproken' } });
    expect(intake.status).toBe(403);

    const assigned = await t.http
      .post(`/api/v1/requests/${job.id}/assign`)
      .set(t.auth())
      .send({ helperId: keen.id, override: { reason: 'komt dinsdag toch, telefonisch afgesproken' } })
      .expect(201);
    expect(Proposal.parse(assigned.body)).toMatchObject({ helperId: keen.id, status: 'accepted' });
    const stored = HelpRequest.parse((await t.http.get(`/api/v1/requests/${job.id}`).set(t.auth()).expect(200)).body);
    expect(stored).toMatchObject({ status: 'assigned', helperId: keen.id });
    expect(stored.overrideReason).toBe('komt dinsdag toch, telefonisch afgesproken');
    // Staff read the reason on the request; the event log, which every board replays, never holds it.
    const log = t.db.$client.prepare('select data from events').all() as Array<{ data: string }>;
    expect(log.some((e) => e.data.includes('telefonisch'))).toBe(false);

    // Even overridden, a helper is never in two places: a second job at the same hour is refused.
    const clash = await request((await resident()).id);
    const twice = await t.http
      .post(`/api/v1/requests/${clash.id}/assign`)
      .set(t.auth())
      .send({ helperId: keen.id, override: { reason: 'kan ook dit nog' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details[0].reasons).toContain('busy');

    // Taken back, the request is as the matching left it: the override goes with the assignment.
    await t.http.post(`/api/v1/requests/${job.id}/reassign`).set(t.auth()).send({}).expect(200);
    const reopened = HelpRequest.parse((await t.http.get(`/api/v1/requests/${job.id}`).set(t.auth())).body);
    expect(reopened.overrideReason).toBeNull();
  });

  it('widens the window of a request nobody fits, and proposes it at once to who fits now', async () => {
    const afternoons = await helper({ availability: [{ weekday: 2, start: '14:00', end: '17:00' }] });
    const r = await resident();
    const morning = await request(r.id);
    expect(morning.status).toBe('open');
    const widen = (window: { start: string; end: string }, role: 'dispatcher' | 'intake' = 'dispatcher') =>
      t.http.post(`/api/v1/requests/${morning.id}/widen`).set(t.auth(role)).send({ window });

    // Narrower on either side keeps out part of what was asked: refused, with both fields named.
    const narrower = await widen({ start: '2026-11-24T11:00:00+01:00', end: '2026-11-24T11:30:00+01:00' });
    expect(narrower.status).toBe(400);
    expect(narrower.body.error.details.map((d: { field: string }) => d.field)).toEqual(['window.start', 'window.end']);
    expect(
      (await widen({ start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T16:00:00+01:00' }, 'intake')).status,
    ).toBe(403);

    const wider = await widen({ start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T16:00:00+01:00' });
    expect(wider.status).toBe(200);
    expect(HelpRequest.parse(wider.body)).toMatchObject({
      status: 'proposed',
      window: { start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T15:00:00.000Z' },
    });
    const [proposal] = await proposalsOf(morning.id);
    expect(proposal).toMatchObject({ helperId: afternoons.id, start: '2026-11-24T13:00:00.000Z' });
  });

  it('splits an open request nobody can do in one go into shorter jobs, each proposed at once', async () => {
    const mornings = await helper({ availability: [{ weekday: 2, start: '10:00', end: '12:00' }] });
    const r = await resident();
    const long = await request(r.id, {
      window: { start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T14:00:00+01:00' },
      durationMinutes: 240,
    });
    expect(long.status).toBe('open');
    const split = (parts: number, role: 'dispatcher' | 'intake' = 'dispatcher') =>
      t.http.post(`/api/v1/requests/${long.id}/split`).set(t.auth(role)).send({ parts });
    expect((await split(2, 'intake')).status).toBe(403);
    expect((await split(5)).body.error.details[0].field).toBe('parts');

    const parts = await split(3);
    expect(parts.status).toBe(200);
    const made = parts.body.map((p: unknown) => HelpRequest.parse(p));
    // 240 minutes in three: 80 each, the first the request itself; each asked of who fits it.
    expect(made.map((p: HelpRequest) => [p.durationMinutes, p.residentId, p.skills])).toEqual([
      [80, r.id, ['groceries']],
      [80, r.id, ['groceries']],
      [80, r.id, ['groceries']],
    ]);
    expect(made[0].id).toBe(long.id);
    // Each part fits the mornings helper now (an 80-minute job in their 10:00–12:00): each is asked of them.
    expect(made.map((p: HelpRequest) => p.status)).toEqual(['proposed', 'proposed', 'proposed']);
    for (const part of made) {
      const [proposal] = await proposalsOf(part.id);
      expect(proposal).toMatchObject({ helperId: mornings.id, start: '2026-11-24T09:00:00.000Z' });
    }

    const again = await split(2);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('request_not_open');
  });

  it('withdraws a helper’s overlapping proposals when they accept another job', async () => {
    const a = await helper({ location: LANDGRAAF });
    const r1 = await resident();
    const r2 = await resident();
    const one = await request(r1.id);
    const two = await request(r2.id);
    const [p1] = await proposalsOf(one.id);
    const [p2] = await proposalsOf(two.id);
    expect(p1!.start).toBe(p2!.start);

    await t.http.post(`/api/v1/proposals/${p1!.id}/accept`).set(t.auth()).expect(200);
    const [withdrawn] = await proposalsOf(two.id);
    expect(withdrawn!.status).toBe('withdrawn');
    expect((await t.http.get(`/api/v1/requests/${two.id}`).set(t.auth())).body.status).toBe('open');
  });

  it('lets staff propose a chosen helper, and refuses infeasible or duplicate proposals', async () => {
    t.close();
    t = await startTestApp({ autoPropose: false });
    const a = await helper({ location: LANDGRAAF });
    const gardener = await helper({ track: 'green', skills: ['gardening'] });
    const r = await resident();
    const created = await request(r.id);
    expect(created.status).toBe('open');
    expect(await proposalsOf(created.id)).toEqual([]);

    const infeasible = await t.http
      .post(`/api/v1/requests/${created.id}/proposals`)
      .set(t.auth())
      .send({ helperId: gardener.id })
      .expect(409);
    expect(infeasible.body.error).toMatchObject({
      code: 'helper_not_feasible',
      details: [{ field: 'helperId', reasons: ['skills'] }],
    });
    await t.http.post(`/api/v1/requests/${created.id}/proposals`).set(t.auth()).send({ helperId: 999 }).expect(404);

    const best = await t.http.post(`/api/v1/requests/${created.id}/proposals`).set(t.auth()).send({}).expect(201);
    expect(Proposal.parse(best.body).helperId).toBe(a.id);
    const dup = await t.http
      .post(`/api/v1/requests/${created.id}/proposals`)
      .set(t.auth())
      .send({ helperId: a.id })
      .expect(409);
    expect(dup.body.error.code).toBe('proposal_exists');
    const none = await t.http.post(`/api/v1/requests/${created.id}/proposals`).set(t.auth()).send({}).expect(409);
    expect(none.body.error.code).toBe('no_candidate');

    await t.http.post(`/api/v1/proposals/${best.body.id}/accept`).set(t.auth()).expect(200);
    const closed = await t.http.post(`/api/v1/requests/${created.id}/proposals`).set(t.auth()).send({}).expect(409);
    expect(closed.body.error.code).toBe('request_closed');
  });

  it('completes an assigned job with hours, and cancels only live requests', async () => {
    await helper({ location: LANDGRAAF });
    const r = await resident();
    const created = await request(r.id);
    const notYet = await t.http
      .post(`/api/v1/requests/${created.id}/complete`)
      .set(t.auth())
      .send({ hours: 1 })
      .expect(409);
    expect(notYet.body.error.code).toBe('request_closed');

    const [p] = await proposalsOf(created.id);
    await t.http.post(`/api/v1/proposals/${p!.id}/accept`).set(t.auth()).expect(200);
    const early = await t.http
      .post(`/api/v1/requests/${created.id}/complete`)
      .set(t.auth())
      .send({ hours: 1 })
      .expect(409);
    expect(early.body.error.code).toBe('job_not_started');

    // The job (one hour, placed at 10:00 on the 24th) has begun: twice its length is the most.
    await t.moveClockTo(Date.parse('2026-11-24T10:05:00+01:00'));
    const tooMany = await t.http
      .post(`/api/v1/requests/${created.id}/complete`)
      .set(t.auth())
      .send({ hours: 2.5 })
      .expect(400);
    expect(tooMany.body.error.details).toEqual([expect.objectContaining({ field: 'hours', max: 2 })]);
    const done = await t.http
      .post(`/api/v1/requests/${created.id}/complete`)
      .set(t.auth())
      .send({ hours: 1.25, note: 'Boodschappen gedaan', reciprocity: 'koffie en een praatje' })
      .expect(200);
    expect(HelpRequest.parse(done.body)).toMatchObject({
      status: 'completed',
      hours: 1.25,
      reciprocity: 'koffie en een praatje',
    });
    await t.http.post(`/api/v1/requests/${created.id}/cancel`).set(t.auth()).send({ reason: 'dubbel' }).expect(409);

    const other = await request(r.id, {
      window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' },
    });
    const cancelled = await t.http
      .post(`/api/v1/requests/${other.id}/cancel`)
      .set(t.auth())
      .send({ reason: 'bewoner opgenomen' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'bewoner opgenomen' });
    expect((await proposalsOf(other.id)).map((x) => x.status)).toEqual(['withdrawn']);
  });

  it('records every change as an event with a strictly increasing seq, and the board starts from the last', async () => {
    await helper({ location: LANDGRAAF });
    const r = await resident();
    const created = await request(r.id);
    const [p] = await proposalsOf(created.id);
    await t.http.post(`/api/v1/proposals/${p!.id}/accept`).set(t.auth()).expect(200);

    const all = (await t.http.get('/api/v1/events?after=0').set(t.auth()).expect(200)).body as Array<{
      seq: number;
      type: string;
    }>;
    const events = all.filter((e) => e.type !== 'user.created');
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.map((e) => e.type)).toEqual([
      'helper.created',
      'resident.created',
      'request.created',
      'proposal.created',
      'request.updated',
      'proposal.accepted',
      'request.assigned',
    ]);
    expect(all.at(-1)).toMatchObject({
      type: 'request.assigned',
      data: { requestId: created.id, status: 'assigned', helperId: p!.helperId, skills: ['groceries'] },
    });
    const tail = (await t.http.get(`/api/v1/events?after=${seqs[4]}&limit=1`).set(t.auth()).expect(200)).body;
    expect(tail.map((e: { type: string }) => e.type)).toEqual(['proposal.accepted']);

    const board = (await t.http.get('/api/v1/board').set(t.auth()).expect(200)).body;
    expect(board.seq).toBe(all.at(-1)!.seq);
    expect(board.requests.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [created.id, 'assigned'],
    ]);
    expect(board.helpers[0].hoursThisWeek).toBe(1);
  });

  it('lists requests by status and finds residents by name, phone or postcode', async () => {
    await helper({ location: LANDGRAAF });
    const r = await resident({
      name: 'Mevrouw Hendriks',
      phone: '045 531 2345',
      address: { postcode: '6372 XY', city: 'Landgraaf' },
    });
    await resident({ name: 'Meneer Peters' });
    const created = await request(r.id);
    const listed = await t.http.get('/api/v1/requests?status=open,proposed').set(t.auth()).expect(200);
    expect(listed.body.map((x: { id: number }) => x.id)).toEqual([created.id]);
    expect((await t.http.get('/api/v1/requests?status=assigned').set(t.auth()).expect(200)).body).toEqual([]);

    for (const q of [
      'hendr',
      '5312345',
      '6372',
      '6372 xy',
      '6372XY',
      '+31 45 531 2345',
      '0031455312345',
      '045-5312345',
    ]) {
      const found = await t.http.get('/api/v1/residents').query({ q }).set(t.auth('intake')).expect(200);
      expect(found.body.map((x: { id: number }) => x.id)).toEqual([r.id]);
    }
  });
});
