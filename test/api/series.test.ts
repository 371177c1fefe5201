import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import { enterRequest } from '../support/requests.js';

const TUESDAY_MORNINGS = { skills: ['groceries'], weekday: 2, start: '10:00', end: '12:00', firstDate: '2026-11-24' };

describe('regular help: a series makes its requests ahead of time', () => {
  let t: TestApp;
  let residentId: number;
  beforeEach(async () => {
    t = await startTestApp();
    residentId = t.services.residents.create(buildResident(), 'test').id;
  });
  afterEach(() => t.close());

  const create = async (body: object) =>
    (
      await t.http
        .post('/api/v1/series')
        .set(t.auth('intake'))
        .send({ residentId, ...body })
        .expect(201)
    ).body;
  const requestsOf = async (seriesId: number) =>
    (await t.http.get('/api/v1/requests').set(t.auth()).query({ limit: 1000 })).body.filter(
      (r: { seriesId: number | null }) => r.seriesId === seriesId,
    );

  it('makes the requests of the next two weeks at once, and the next ones only when they come in reach', async () => {
    t.services.helpers.create(buildHelper(), 'test');
    const series = await create(TUESDAY_MORNINGS);
    expect(series).toMatchObject({ weekday: 2, start: '10:00', end: '12:00', durationMinutes: 120, everyWeeks: 1 });
    expect(series.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-11-24', '2026-12-01']);
    const made = await requestsOf(series.id);
    expect(made.map((r: { window: { start: string } }) => r.window.start)).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
    expect(made.every((r: { status: string }) => r.status === 'proposed')).toBe(true);

    expect(t.services.series.planDue()).toBe(0);
    await t.moveClockTo(Date.parse('2026-11-30T08:00:00+01:00'));
    expect(t.services.series.planDue()).toBe(1);
    expect(t.services.series.planDue()).toBe(0);
    const later = (await t.http.get(`/api/v1/series/${series.id}`).set(t.auth()).expect(200)).body;
    expect(later.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-12-01', '2026-12-08']);
  });

  it('every two weeks, until a date', async () => {
    const series = await create({ ...TUESDAY_MORNINGS, everyWeeks: 2, untilDate: '2026-12-08' });
    expect(series.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-11-24']);
    await t.moveClockTo(Date.parse('2026-12-07T08:00:00+01:00'));
    t.services.series.planDue();
    await t.moveClockTo(Date.parse('2026-12-21T08:00:00+01:00'));
    expect(t.services.series.planDue()).toBe(0);
    expect((await requestsOf(series.id)).map((r: { window: { start: string } }) => r.window.start)).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ]);
  });

  it('asks the helper who did the previous one first, even when another scores higher', async () => {
    // Without the continuity term the nearer helper stays the best candidate for every occurrence.
    await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ seriesDaysAhead: 3, weights: { continuity: 0 } })
      .expect(200);
    const nearest = t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const regular = t.services.helpers.create(
      buildHelper({ location: { lat: LANDGRAAF.lat + 0.02, lon: LANDGRAAF.lon } }),
      'test',
    );
    const series = await create(TUESDAY_MORNINGS);
    const [first] = series.upcoming;
    expect(first.helperId).toBeNull();
    const [proposal] = (await t.http.get(`/api/v1/requests/${first.requestId}/proposals`).set(t.auth())).body;
    expect(proposal.helperId).toBe(nearest.id);
    await t.http
      .post(`/api/v1/requests/${first.requestId}/assign`)
      .set(t.auth())
      .send({ helperId: regular.id })
      .expect(201);

    await t.moveClockTo(Date.parse('2026-11-30T08:00:00+01:00'));
    expect(t.services.series.planDue()).toBe(1);
    const second = (await t.http.get(`/api/v1/series/${series.id}`).set(t.auth())).body.upcoming.at(-1);
    const [next] = (await t.http.get(`/api/v1/requests/${second.requestId}/proposals`).set(t.auth())).body;
    expect(next.helperId).toBe(regular.id);
    const candidates = (await t.http.get(`/api/v1/requests/${second.requestId}/candidates`).set(t.auth())).body;
    expect(candidates.candidates[0].helperId).toBe(nearest.id);
  });

  it('pauses on a closed day, and picks up the day when the closure is lifted', async () => {
    const closure = (
      await t.http
        .post('/api/v1/closures')
        .set(t.auth())
        .send({ from: '2026-12-01', to: '2026-12-01', reason: 'studiedag' })
        .expect(201)
    ).body;
    const series = await create(TUESDAY_MORNINGS);
    expect(series.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-11-24']);
    expect(t.services.series.planDue()).toBe(0);
    await t.http.delete(`/api/v1/closures/${closure.id}`).set(t.auth()).expect(200);
    expect(t.services.series.planDue()).toBe(1);
  });

  it('takes back what was planned on a day that is closed later, and plans it again if the closure is lifted', async () => {
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const series = await create(TUESDAY_MORNINGS);
    const [, second] = series.upcoming;
    await t.http
      .post(`/api/v1/requests/${second.requestId}/assign`)
      .set(t.auth())
      .send({ helperId: helper.id })
      .expect(201);

    const closure = (
      await t.http
        .post('/api/v1/closures')
        .set(t.auth())
        .send({ from: '2026-11-30', to: '2026-12-04', reason: 'studieweek' })
        .expect(201)
    ).body;
    const taken = (await t.http.get(`/api/v1/requests/${second.requestId}`).set(t.auth())).body;
    expect(taken).toMatchObject({ status: 'cancelled', seriesId: series.id });
    const paused = (await t.http.get(`/api/v1/series/${series.id}`).set(t.auth())).body;
    expect(paused.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-11-24']);
    expect(t.services.series.planDue()).toBe(0);

    await t.http.delete(`/api/v1/closures/${closure.id}`).set(t.auth()).expect(200);
    expect(t.services.series.planDue()).toBe(1);
    const again = (await t.http.get(`/api/v1/series/${series.id}`).set(t.auth())).body;
    expect(again.upcoming.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      ['2026-11-24', 'proposed'],
      ['2026-12-01', 'proposed'],
    ]);
  });

  it('stops: no new requests, and the ones not done yet are cancelled', async () => {
    t.services.helpers.create(buildHelper(), 'test');
    const series = await create(TUESDAY_MORNINGS);
    const stopped = (await t.http.delete(`/api/v1/series/${series.id}`).set(t.auth()).expect(200)).body;
    expect(stopped.active).toBe(false);
    expect(stopped.upcoming.map((o: { status: string }) => o.status)).toEqual(['cancelled', 'cancelled']);
    const { proposals } = (await t.http.get('/api/v1/board').set(t.auth())).body;
    expect(proposals).toEqual([]);
    await t.moveClockTo(Date.parse('2026-11-30T08:00:00+01:00'));
    expect(t.services.series.planDue()).toBe(0);

    const again = await t.http.delete(`/api/v1/series/${series.id}`).set(t.auth()).expect(409);
    expect(again.body.error.code).toBe('series_stopped');
    await t.http.delete('/api/v1/series/999').set(t.auth()).expect(404);
    const active = (await t.http.get('/api/v1/series').set(t.auth()).query({ active: 'true' })).body;
    expect(active).toEqual([]);
    const all = (await t.http.get('/api/v1/series').set(t.auth()).query({ residentId })).body;
    expect(all.map((s: { id: number }) => s.id)).toEqual([series.id]);
  });

  it('pauses on chosen dates: their requests are cancelled, and come back when the pause is lifted', async () => {
    t.services.helpers.create(buildHelper(), 'test');
    const series = await create(TUESDAY_MORNINGS);
    const away = { from: '2026-11-30', until: '2026-12-20' };
    const paused = (await t.http.put(`/api/v1/series/${series.id}/pause`).set(t.auth('intake')).send(away).expect(200))
      .body;
    expect(paused.pause).toEqual(away);
    // 24 Nov stays; 1 Dec, inside the pause, is cancelled and its date freed.
    expect(paused.upcoming.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      ['2026-11-24', 'proposed'],
    ]);
    const cancelled = (await requestsOf(series.id)).filter((r: { status: string }) => r.status === 'cancelled');
    expect(cancelled.map((r: { window: { start: string } }) => r.window.start)).toEqual(['2026-12-01T09:00:00.000Z']);
    // The clock plans nothing in the pause: on 1 Dec the horizon reaches 15 Dec, all of it paused.
    await t.moveClockTo(Date.parse('2026-12-01T08:00:00+01:00'));
    expect(t.services.series.planDue()).toBe(0);

    const resumed = (await t.http.delete(`/api/v1/series/${series.id}/pause`).set(t.auth('intake')).expect(200)).body;
    expect(resumed.pause).toBeNull();
    expect(resumed.upcoming.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      ['2026-12-01', 'proposed'],
      ['2026-12-08', 'proposed'],
      ['2026-12-15', 'proposed'],
    ]);
    const events = t.db.$client.prepare(`select type from events where type like 'series.%' order by seq`).all();
    expect(events).toEqual([{ type: 'series.created' }, { type: 'series.paused' }, { type: 'series.resumed' }]);
  });

  it('leaves the dates a pause or a stop cancels out of the demand report; a request the resident cancels stays unmet', async () => {
    const series = await create(TUESDAY_MORNINGS);
    await t.http
      .put(`/api/v1/series/${series.id}/pause`)
      .set(t.auth())
      .send({ from: '2026-11-30', until: '2026-12-02' });
    // Lifted, the pause gives 1 Dec a new request, which the stop cancels.
    await t.http.delete(`/api/v1/series/${series.id}/pause`).set(t.auth()).expect(200);
    await t.http.delete(`/api/v1/series/${series.id}`).set(t.auth()).expect(200);
    const bySeries = (await requestsOf(series.id)).filter((r: { status: string }) => r.status === 'cancelled');
    expect(bySeries.map((r: { window: { start: string } }) => r.window.start)).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
    // Five residents (fewer would be withheld) cancel a request of their own: those count as unmet.
    for (let i = 0; i < 5; i++) {
      const own = await enterRequest(t, t.services.residents.create(buildResident(), 'test').id);
      await t.http
        .post(`/api/v1/requests/${own.id}/cancel`)
        .set(t.auth())
        .send({ reason: 'toch niet nodig' })
        .expect(200);
    }

    const demand = await t.http
      .get('/api/v1/reports/demand')
      .query({ from: '2026-11-23', to: '2026-12-13', by: 'urgency' })
      .set(t.auth());
    expect(demand.status).toBe(200);
    expect(demand.body.total).toMatchObject({ requests: 5, unmet: 5 });
  });

  it('refuses a pause that ends before it begins, or on a stopped series', async () => {
    const series = await create(TUESDAY_MORNINGS);
    const backwards = await t.http
      .put(`/api/v1/series/${series.id}/pause`)
      .set(t.auth())
      .send({ from: '2026-12-10', until: '2026-12-01' })
      .expect(400);
    expect(backwards.body.error.details[0].field).toBe('until');
    expect((await t.http.get(`/api/v1/series/${series.id}`).set(t.auth())).body.pause).toBeNull();
    await t.http.delete(`/api/v1/series/${series.id}`).set(t.auth()).expect(200);
    const stopped = await t.http
      .put(`/api/v1/series/${series.id}/pause`)
      .set(t.auth())
      .send({ from: '2026-12-01', until: '2026-12-10' })
      .expect(409);
    expect(stopped.body.error.code).toBe('series_stopped');
    await t.http.delete(`/api/v1/series/999/pause`).set(t.auth()).expect(404);
  });

  it('plans the other series when one cannot be planned, and says which', async () => {
    const broken = await create(TUESDAY_MORNINGS);
    const fine = await create({ ...TUESDAY_MORNINGS, weekday: 3 });
    t.db.$client.prepare(`update series set skills = '["retired-skill"]' where id = ?`).run(broken.id);
    await t.moveClockTo(Date.parse('2026-11-30T08:00:00+01:00'));
    expect(() => t.services.series.planDue()).toThrow(`series ${broken.id} could not be planned`);
    const later = (await t.http.get(`/api/v1/series/${fine.id}`).set(t.auth())).body;
    expect(later.upcoming.map((o: { date: string }) => o.date)).toEqual(['2026-12-02', '2026-12-09']);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ ...TUESDAY_MORNINGS, end: '09:00' }, 'end'],
      [{ ...TUESDAY_MORNINGS, weekday: 8 }, 'weekday'],
      [{ ...TUESDAY_MORNINGS, start: '25:00' }, 'start'],
      [{ ...TUESDAY_MORNINGS, durationMinutes: 180 }, 'durationMinutes'],
      [{ ...TUESDAY_MORNINGS, untilDate: '2026-11-01' }, 'untilDate'],
      [{ ...TUESDAY_MORNINGS, firstDate: '24-11-2026' }, 'firstDate'],
      [{ ...TUESDAY_MORNINGS, skills: ['juggling'] }, 'skills'],
      [{ ...TUESDAY_MORNINGS, residentId: 999 }, 'residentId'],
      [{ ...TUESDAY_MORNINGS, colour: 'blue' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await t.http
        .post('/api/v1/series')
        .set(t.auth())
        .send({ residentId, ...body })
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      const fields: string[] = res.body.error.details.map((d: { field: string }) => d.field);
      if (field) expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
    }
    expect((await t.http.get('/api/v1/series').set(t.auth())).body).toEqual([]);
    expect((await t.http.get('/api/v1/requests').set(t.auth())).body).toEqual([]);
  });

  it('is for staff only', async () => {
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const link = t.services.auth.issueHelperLink(helper.id, 'test');
    await t.http.get('/api/v1/series').set(t.bearer(link.token)).expect(403);
    await t.http
      .post('/api/v1/series')
      .set(t.bearer(link.token))
      .send({ residentId, ...TUESDAY_MORNINGS })
      .expect(403);
    await t.http.get('/api/v1/series').expect(401);
  });
});
