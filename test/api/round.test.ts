import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoundResult } from '../../src/rounds/rounds.schema.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

const east = (km: number) => ({ lat: LANDGRAAF.lat, lon: LANDGRAAF.lon + km / 70.2 });

describe('the global matching round', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  it('maximises the total score where proposing one by one would not', async () => {
    // A can reach both residents and is nearest the first; B reaches only the first. One by one, the
    // first request takes A and the second gets nobody; the round gives the first to B, the second to A.
    const a = await post('/api/v1/helpers', buildHelper({ location: east(0.5), maxTravelKm: 10 }));
    const b = await post('/api/v1/helpers', buildHelper({ location: east(-0.8), maxTravelKm: 1 }));
    const first = await post('/api/v1/residents', buildResident({ location: east(0) }));
    const second = await post('/api/v1/residents', buildResident({ location: east(2) }));
    const r1 = await post('/api/v1/requests', buildRequest(first.id));
    const r2 = await post('/api/v1/requests', buildRequest(second.id));

    const res = await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200);
    const round = RoundResult.parse(res.body);
    expect(round.proposals.map((p) => [p.requestId, p.helperId])).toEqual([
      [r1.id, b.id],
      [r2.id, a.id],
    ]);
    expect(round.totalScore).toBeCloseTo(
      round.proposals.reduce((s, p) => s + p.score, 0),
      2,
    );
    expect(round.unmatched).toEqual([]);
    for (const id of [r1.id, r2.id])
      expect((await t.http.get(`/api/v1/requests/${id}`).set(t.auth())).body.status).toBe('proposed');

    const again = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(again).toEqual({ proposals: [], pairs: 0, totalScore: 0, unmatched: [], exact: true, gap: 0 });
  });

  it('never gives one helper two overlapping proposals, and says why a request got nothing', async () => {
    const only = await post('/api/v1/helpers', buildHelper({ location: LANDGRAAF }));
    await post('/api/v1/helpers', buildHelper({ track: 'green', skills: ['gardening'] }));
    const r = await post('/api/v1/residents', buildResident());
    const morning = await post('/api/v1/requests', buildRequest(r.id, { urgency: 'urgent' }));
    const sameTime = await post('/api/v1/requests', buildRequest(r.id));

    const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(round.proposals.map((p) => [p.requestId, p.helperId])).toEqual([[morning.id, only.id]]);
    expect(round.unmatched).toEqual([{ requestId: sameTime.id, reasons: { skills: 1, taken: 1 } }]);
  });

  it('does not ask a helper again who had the request before, and says so', async () => {
    const h = await post('/api/v1/helpers', buildHelper({ location: LANDGRAAF }));
    const r = await post('/api/v1/residents', buildResident());
    const request = await post('/api/v1/requests', buildRequest(r.id));
    const proposal = await post(`/api/v1/requests/${request.id}/proposals`, { helperId: h.id });
    await t.http.post(`/api/v1/proposals/${proposal.id}/decline`).set(t.auth()).send({}).expect(200);

    const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(round.proposals).toEqual([]);
    expect(round.unmatched).toEqual([{ requestId: request.id, reasons: { tried: 1 } }]);
  });

  it('plans off the event loop, and writes only what still holds when something changed meanwhile', async () => {
    await post('/api/v1/helpers', buildHelper({ location: east(-3), maxTravelKm: 2 }));
    const middle = await post('/api/v1/helpers', buildHelper({ location: east(0), maxTravelKm: 2 }));
    const farEast = await post('/api/v1/helpers', buildHelper({ location: east(6), maxTravelKm: 2 }));
    const requests: Array<{ id: number }> = [];
    for (const km of [-3, 0, 6]) {
      const resident = await post('/api/v1/residents', buildResident({ location: east(km) }));
      requests.push(await post('/api/v1/requests', buildRequest(resident.id)));
    }

    // The round has read when run() returns its promise; these changes land while it plans.
    const pending = t.services.rounds.run('test');
    t.services.requests.cancel(requests[0]!.id, 'niet meer nodig', 'test');
    t.services.helpers.deactivate(middle.id, 'test');
    const round = await pending;

    expect(round.proposals.map((p) => [p.requestId, p.helperId])).toEqual([[requests[2]!.id, farEast.id]]);
    expect(round.unmatched).toEqual([
      { requestId: requests[0]!.id, reasons: { changed: 1 } },
      { requestId: requests[1]!.id, reasons: { changed: 1 } },
    ]);
  });

  it('gives one helper two jobs of one morning that do not overlap, and says the plan is proven optimal', async () => {
    // Grouping jobs close in time used to give this helper only one of them.
    const h = await post('/api/v1/helpers', buildHelper({ location: LANDGRAAF, maxHoursPerWeek: null }));
    const r = await post('/api/v1/residents', buildResident());
    const nine = await post(
      '/api/v1/requests',
      buildRequest(r.id, { window: { start: '2026-11-24T09:00:00+01:00', end: '2026-11-24T10:00:00+01:00' } }),
    );
    const quarterPastTen = await post(
      '/api/v1/requests',
      buildRequest(r.id, { window: { start: '2026-11-24T10:15:00+01:00', end: '2026-11-24T11:15:00+01:00' } }),
    );
    const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(round.proposals.map((p) => [p.requestId, p.helperId])).toEqual([
      [nine.id, h.id],
      [quarterPastTen.id, h.id],
    ]);
    expect(round.unmatched).toEqual([]);
    expect({ exact: round.exact, gap: round.gap }).toEqual({ exact: true, gap: 0 });
  });

  it('proposes the same helper for jobs far enough apart in time', async () => {
    const h = await post('/api/v1/helpers', buildHelper({ location: LANDGRAAF }));
    const r = await post('/api/v1/residents', buildResident());
    const tuesday = await post('/api/v1/requests', buildRequest(r.id));
    const wednesday = await post(
      '/api/v1/requests',
      buildRequest(r.id, { window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' } }),
    );
    const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(round.proposals.map((p) => [p.requestId, p.helperId])).toEqual([
      [tuesday.id, h.id],
      [wednesday.id, h.id],
    ]);
  });
});

describe('closures, settings and deactivation', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('plans no job on a closed day', async () => {
    await t.http
      .post('/api/v1/helpers')
      .set(t.auth())
      .send(buildHelper({ location: LANDGRAAF }))
      .expect(201);
    const r = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body;
    await t.http
      .post('/api/v1/closures')
      .set(t.auth('intake'))
      .send({ from: '2026-11-24', to: '2026-11-24', reason: 'studiedag' })
      .expect(403);
    const closure = (
      await t.http
        .post('/api/v1/closures')
        .set(t.auth())
        .send({ from: '2026-11-24', to: '2026-11-24', reason: 'studiedag' })
        .expect(201)
    ).body;

    const closed = (await t.http.post('/api/v1/requests').set(t.auth()).send(buildRequest(r.id)).expect(201)).body;
    expect(closed.status).toBe('open');
    const { excluded } = (await t.http.get(`/api/v1/requests/${closed.id}/candidates`).set(t.auth())).body;
    expect(excluded[0].reasons).toEqual(['closed']);

    // A window over two days skips the closed one.
    const twoDays = (
      await t.http
        .post('/api/v1/requests')
        .set(t.auth())
        .send(buildRequest(r.id, { window: { start: '2026-11-24T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' } }))
        .expect(201)
    ).body;
    const [proposal] = (await t.http.get(`/api/v1/requests/${twoDays.id}/proposals`).set(t.auth())).body;
    expect(proposal.start).toBe('2026-11-25T08:00:00.000Z');

    await t.http.delete(`/api/v1/closures/${closure.id}`).set(t.auth()).expect(200);
    expect((await t.http.get('/api/v1/closures').set(t.auth())).body).toEqual([]);
  });

  it('plans nothing on a public holiday, and the board shows the closed days ahead', async () => {
    await t.moveClockTo(Date.parse('2026-12-21T08:00:00+01:00'));
    await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201);
    const r = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body;
    await t.http
      .post('/api/v1/closures')
      .set(t.auth())
      .send({ from: '2026-12-26', to: '2026-12-30', reason: 'Kerstsluiting' })
      .expect(201);

    const christmas = (
      await t.http
        .post('/api/v1/requests')
        .set(t.auth())
        .send(buildRequest(r.id, { window: { start: '2026-12-25T10:00:00+01:00', end: '2026-12-25T12:00:00+01:00' } }))
        .expect(201)
    ).body;
    expect(christmas.status).toBe('open');
    const { excluded } = (await t.http.get(`/api/v1/requests/${christmas.id}/candidates`).set(t.auth())).body;
    expect(excluded[0].reasons).toEqual(['closed']);

    const { closedDays } = (await t.http.get('/api/v1/board').set(t.auth()).expect(200)).body;
    expect(closedDays).toEqual([
      { date: '2026-12-25', reason: 'Eerste Kerstdag' },
      ...['26', '27', '28', '29', '30'].map((day) => ({ date: `2026-12-${day}`, reason: 'Kerstsluiting' })),
      { date: '2027-01-01', reason: 'Nieuwjaarsdag' },
    ]);
  });

  it('lets an admin change the weights, which changes the scores', async () => {
    await t.http
      .post('/api/v1/helpers')
      .set(t.auth())
      .send(buildHelper({ location: LANDGRAAF }))
      .expect(201);
    const r = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body;
    const req = (await t.http.post('/api/v1/requests').set(t.auth()).send(buildRequest(r.id)).expect(201)).body;
    await t.http
      .patch('/api/v1/settings')
      .set(t.auth('dispatcher'))
      .send({ weights: { distance: 0 } })
      .expect(403);
    await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ weights: { distance: -1 } })
      .expect(400);
    const settings = (
      await t.http
        .patch('/api/v1/settings')
        .set(t.auth('admin'))
        .send({ weights: { distance: 0, continuity: 0, trackFit: 0, workload: 0, language: 10, learning: 0 } })
        .expect(200)
    ).body;
    expect(settings.weights).toEqual({
      distance: 0,
      continuity: 0,
      trackFit: 0,
      workload: 0,
      language: 10,
      learning: 0,
    });
    const { candidates } = (await t.http.get(`/api/v1/requests/${req.id}/candidates`).set(t.auth())).body;
    expect(candidates[0].score).toBe(100);
  });

  it('withdraws a deactivated helper’s proposals and moves each request on', async () => {
    const a = (
      await t.http
        .post('/api/v1/helpers')
        .set(t.auth())
        .send(buildHelper({ location: LANDGRAAF }))
        .expect(201)
    ).body;
    const b = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    const r = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body;
    const req = (await t.http.post('/api/v1/requests').set(t.auth()).send(buildRequest(r.id)).expect(201)).body;
    await t.http.delete(`/api/v1/helpers/${a.id}`).set(t.auth()).expect(200);
    const proposals = (await t.http.get(`/api/v1/requests/${req.id}/proposals`).set(t.auth())).body;
    expect(proposals.map((p: { helperId: number; status: string }) => [p.helperId, p.status])).toEqual([
      [a.id, 'withdrawn'],
      [b.id, 'proposed'],
    ]);
  });
});
