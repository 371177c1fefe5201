import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Urgency } from '../../src/domain.js';
import { MyProposal } from '../../src/me/me.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, LANDGRAAF } from '../support/factories.js';
import { enterRequest, newResident, proposalsOf as proposalsOfRequest } from '../support/requests.js';

/** Tuesday 24 November 2026, Amsterdam (the test clock stands on Monday 08:00). */
const tuesday = (time: string) => `2026-11-24T${time}:00+01:00`;
const ms = (time: string) => Date.parse(tuesday(time));

describe('an urgent request without a free helper makes room: a less urgent job moves or goes to another (issue 13)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const proposalsOf = (requestId: number) => proposalsOfRequest(t, requestId);
  const requestOf = async (id: number) =>
    HelpRequest.parse((await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body);
  async function helper(skills: string[], north: number): Promise<number> {
    const body = buildHelper({ skills, location: { lat: LANDGRAAF.lat + north, lon: LANDGRAAF.lon } });
    return (await t.http.post('/api/v1/helpers').set(t.auth()).send(body).expect(201)).body.id as number;
  }
  async function helperToken(helperId: number) {
    const res = await t.http.post(`/api/v1/helpers/${helperId}/access-link`).set(t.auth()).expect(201);
    return t.bearer(res.body.token as string);
  }
  /** The helper takes their live proposal for the request over their own link. */
  async function accept(helperId: number, requestId: number) {
    const proposal = (await proposalsOf(requestId)).find((p) => p.helperId === helperId && p.status === 'proposed')!;
    await t.http
      .post(`/api/v1/proposals/${proposal.id}/accept`)
      .set(await helperToken(helperId))
      .expect(200);
  }
  /** A grocery job the helper holds on Tuesday at 10:00, in the window given; normal unless said. */
  async function heldJob(helperId: number, window: { start: string; end: string }, urgency: Urgency = 'normal') {
    const job = await enterRequest(t, await newResident(t), {
      urgency,
      window: { start: tuesday(window.start), end: tuesday(window.end) },
      durationMinutes: 60,
    });
    await accept(helperId, job.id);
    expect(await requestOf(job.id)).toMatchObject({
      status: 'assigned',
      helperId,
      scheduled: { start: expect.any(String) },
    });
    return job;
  }
  const urgentAt10 = async (skills = ['groceries']) =>
    enterRequest(t, await newResident(t), {
      skills,
      urgency: 'urgent',
      window: { start: tuesday('10:00'), end: tuesday('11:00') },
      durationMinutes: 60,
    });

  it('offers it to the helper whose job can move later in its window; their yes moves it and takes the urgent one', async () => {
    const a = await helper(['groceries'], 0.002);
    const job = await heldJob(a, { start: '10:00', end: '14:00' });
    expect(Date.parse((await requestOf(job.id)).scheduled!.start)).toBe(ms('10:00'));

    const urgent = await urgentAt10();
    const [offer] = await proposalsOf(urgent.id);
    expect(offer).toMatchObject({ helperId: a, status: 'proposed', makesRoom: { requestId: job.id, way: 'move' } });
    const movesTo = offer!.makesRoom as { start: string; end: string };
    expect(movesTo.start).not.toBeNull();
    expect(Date.parse(movesTo.start)).toBeGreaterThanOrEqual(ms('11:00'));
    expect(Date.parse(movesTo.end)).toBeLessThanOrEqual(ms('14:00'));

    // The helper's page says what their yes does to the job they hold.
    const asHelper = await helperToken(a);
    const mine = MyProposal.array().parse((await t.http.get('/api/v1/me/proposals').set(asHelper).expect(200)).body);
    expect(mine.find((p) => p.requestId === urgent.id)?.makesRoom).toEqual({
      way: 'move',
      job: {
        requestId: job.id,
        skills: ['groceries'],
        start: new Date(ms('10:00')).toISOString(),
        end: expect.any(String),
      },
      movesTo: { start: movesTo.start, end: movesTo.end },
    });

    await accept(a, urgent.id);
    expect(await requestOf(urgent.id)).toMatchObject({ status: 'assigned', helperId: a });
    const moved = await requestOf(job.id);
    expect(moved).toMatchObject({ status: 'assigned', helperId: a });
    expect(moved.scheduled).toEqual({ start: movesTo.start, end: movesTo.end });
    const events = t.services.board.eventsAfter(0, 1000).filter((e) => e.type === 'request.rescheduled');
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        requestId: job.id,
        helperId: a,
        forRequestId: urgent.id,
        from: new Date(ms('10:00')).toISOString(),
      }),
    ]);
  });

  it('hands a fixed job over to another helper who can come, when it starts two hours or more from now', async () => {
    const a = await helper(['groceries', 'companionship'], 0.002);
    const b = await helper(['groceries'], 0.004);
    const job = await heldJob(a, { start: '10:00', end: '11:00' });

    const urgent = await urgentAt10(['companionship']);
    expect((await proposalsOf(urgent.id)).map((p) => [p.helperId, p.status, p.makesRoom])).toEqual([
      [a, 'proposed', { requestId: job.id, way: 'handover', start: null, end: null }],
    ]);
    const asHelper = await helperToken(a);
    const mine = MyProposal.array().parse((await t.http.get('/api/v1/me/proposals').set(asHelper).expect(200)).body);
    expect(mine.find((p) => p.requestId === urgent.id)?.makesRoom).toMatchObject({ way: 'handover', movesTo: null });

    await accept(a, urgent.id);
    expect(await requestOf(urgent.id)).toMatchObject({ status: 'assigned', helperId: a });
    // The job that gave way is open again and goes to the next best at once; a's yes to it is released, with why.
    expect(await requestOf(job.id)).toMatchObject({ status: 'proposed', helperId: null });
    expect((await proposalsOf(job.id)).map((p) => [p.helperId, p.status, p.declineReason])).toEqual([
      [a, 'released', `afgestaan voor dringender hulpvraag ${urgent.id}`],
      [b, 'proposed', null],
    ]);
  });

  it('takes the helper from a normal job nobody else can come for, when nobody else is asked: that job goes to the dispatchers', async () => {
    const a = await helper(['groceries', 'companionship'], 0.002);
    const job = await heldJob(a, { start: '10:00', end: '11:00' });

    const urgent = await urgentAt10(['companionship']);
    expect((await proposalsOf(urgent.id)).map((p) => [p.helperId, p.status, p.makesRoom])).toEqual([
      [a, 'proposed', { requestId: job.id, way: 'handover', start: null, end: null }],
    ]);

    await accept(a, urgent.id);
    expect(await requestOf(urgent.id)).toMatchObject({ status: 'assigned', helperId: a });
    // Nobody else can come for the grocery job: it is open, flagged, and the dispatchers are told at once.
    expect(await requestOf(job.id)).toMatchObject({ status: 'open', helperId: null, needsDispatcher: true });
    expect((await proposalsOf(job.id)).map((p) => [p.helperId, p.status, p.declineReason])).toEqual([
      [a, 'released', `afgestaan voor dringender hulpvraag ${urgent.id}`],
    ]);
    const flagged = t.services.board.eventsAfter(0, 1000).filter((e) => e.type === 'request.flagged');
    expect(flagged.map((e) => e.data)).toEqual([expect.objectContaining({ requestId: job.id })]);
  });

  it('leaves a job nobody else can come for in place when it is high, or when another helper is asked for the urgent one', async () => {
    const a = await helper(['groceries', 'companionship'], 0.002);
    const high = await heldJob(a, { start: '10:00', end: '11:00' }, 'high');
    const first = await urgentAt10(['companionship']);
    expect(await proposalsOf(first.id)).toEqual([]);
    expect(await requestOf(high.id)).toMatchObject({ status: 'assigned', helperId: a });

    const b = await helper(['groceries', 'companionship'], 0.004);
    const normal = await heldJob(b, { start: '10:00', end: '11:00' });
    const c = await helper(['companionship'], 0.006);
    const second = await urgentAt10(['companionship']);
    // c is free and asked; b's grocery job, which nobody else could take, is not put at stake beside it.
    expect((await proposalsOf(second.id)).map((p) => [p.helperId, p.makesRoom])).toEqual([[c, null]]);
    expect(await requestOf(normal.id)).toMatchObject({ status: 'assigned', helperId: b });
  });

  it('asks nobody that way with makeRoom off, nor for a request no more urgent than the job held', async () => {
    const a = await helper(['groceries'], 0.002);
    const job = await heldJob(a, { start: '10:00', end: '14:00' });
    const normal = await enterRequest(t, await newResident(t), {
      window: { start: tuesday('10:00'), end: tuesday('11:00') },
      durationMinutes: 60,
    });
    expect(await proposalsOf(normal.id)).toEqual([]);

    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ makeRoom: false }).expect(200);
    const urgent = await urgentAt10();
    expect(await proposalsOf(urgent.id)).toEqual([]);
    expect(await requestOf(urgent.id)).toMatchObject({ status: 'open', helperId: null });
    expect(Date.parse((await requestOf(job.id)).scheduled!.start)).toBe(ms('10:00'));
  });

  it('moves nothing when the job no longer fits at accept time: the accept is refused as busy', async () => {
    const a = await helper(['groceries'], 0.002);
    const job = await heldJob(a, { start: '10:00', end: '14:00' });
    const urgent = await urgentAt10();
    const [offer] = await proposalsOf(urgent.id);
    expect(offer?.makesRoom).toMatchObject({ way: 'move' });
    // Meanwhile the helper took the rest of the held job's window.
    const later = await enterRequest(t, await newResident(t), {
      window: { start: tuesday('11:30'), end: tuesday('14:00') },
      durationMinutes: 150,
    });
    await accept(a, later.id);
    await t.http
      .post(`/api/v1/proposals/${offer!.id}/accept`)
      .set(await helperToken(a))
      .expect(409);
    expect(Date.parse((await requestOf(job.id)).scheduled!.start)).toBe(ms('10:00'));
    expect(await requestOf(urgent.id)).toMatchObject({ status: 'proposed', helperId: null });
  });
});
