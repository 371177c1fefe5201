import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest, helpersInLine, newResident } from '../support/requests.js';

/** Days of the test week and the next, 10:00–12:00 local. */
const day = (date: string) => ({ window: { start: `${date}T10:00:00+01:00`, end: `${date}T12:00:00+01:00` } });
const TUESDAY = day('2026-11-24');
const WEDNESDAY = day('2026-11-25');
const THURSDAY = day('2026-11-26');
const FRIDAY = day('2026-11-27');
const NEXT_TUESDAY = day('2026-12-01');

describe('a dispatcher sees when continuity breaks (issue 13)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const assign = (requestId: number, helperId: number) =>
    t.http.post(`/api/v1/requests/${requestId}/assign`).set(t.auth()).send({ helperId }).expect(201);
  const requestOf = async (id: number) =>
    HelpRequest.parse((await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body);
  const broken = async () =>
    (await t.http.get('/api/v1/events?after=0&limit=1000').set(t.auth()).expect(200)).body.filter(
      (e: { type: string }) => e.type === 'request.continuity-broken',
    );

  /** A resident whose two earlier jobs `usual` did: a regular with a usual helper. */
  async function regularOf(usual: number) {
    const resident = await newResident(t);
    for (const when of [TUESDAY, WEDNESDAY]) await assign((await enterRequest(t, resident, when)).id, usual);
    return resident;
  }

  it('marks the job and records an event when another than the usual helper gets it', async () => {
    const [usual, other] = await helpersInLine(t, 2);
    const resident = await regularOf(usual!);
    expect(await broken()).toEqual([]);

    const third = await enterRequest(t, resident, THURSDAY);
    await assign(third.id, other!);
    expect(await requestOf(third.id)).toMatchObject({ helperId: other, usualHelperId: usual });
    const [event] = await broken();
    expect(event.data).toMatchObject({
      requestId: third.id,
      residentId: resident,
      helperId: other,
      usualHelperId: usual,
    });
  });

  it('says nothing while the usual helper comes, nor after a single job by one helper', async () => {
    const [usual, other] = await helpersInLine(t, 2);
    const resident = await regularOf(usual!);
    const kept = await enterRequest(t, resident, THURSDAY);
    await assign(kept.id, usual!);
    expect((await requestOf(kept.id)).usualHelperId).toBeNull();

    const once = await newResident(t);
    await assign((await enterRequest(t, once, FRIDAY)).id, usual!);
    const second = await enterRequest(t, once, NEXT_TUESDAY);
    await assign(second.id, other!);
    expect((await requestOf(second.id)).usualHelperId).toBeNull();
    expect(await broken()).toEqual([]);
  });

  it('clears the mark when the assignment is taken back', async () => {
    const [usual, other] = await helpersInLine(t, 2);
    const resident = await regularOf(usual!);
    const third = await enterRequest(t, resident, THURSDAY);
    await assign(third.id, other!);
    await t.http.post(`/api/v1/requests/${third.id}/reassign`).set(t.auth()).send({}).expect(200);
    expect(await requestOf(third.id)).toMatchObject({ status: 'open', helperId: null, usualHelperId: null });
  });
});

describe('a series asks its helper for the next dates in one go (issue 13)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const TUESDAY_MORNINGS = { skills: ['groceries'], weekday: 2, start: '10:00', end: '12:00', firstDate: '2026-11-24' };

  it('offers every planned date to the helper, who takes them all with one call', async () => {
    const [helper, other] = await helpersInLine(t, 2);
    const residentId = await newResident(t);
    const series = (
      await t.http
        .post('/api/v1/series')
        .set(t.auth('intake'))
        .send({ residentId, ...TUESDAY_MORNINGS })
    ).body as { id: number };
    const link = await t.http.post(`/api/v1/helpers/${helper}/access-link`).set(t.auth()).expect(201);
    const asHelper = t.bearer(link.body.token as string);

    const mine = (await t.http.get('/api/v1/me/proposals').set(asHelper).expect(200)).body as Array<{
      id: number;
      seriesId: number | null;
      start: string;
    }>;
    expect(mine.map((p) => [p.seriesId, p.start])).toEqual([
      [series.id, '2026-11-24T09:00:00.000Z'],
      [series.id, '2026-12-01T09:00:00.000Z'],
    ]);

    const res = await t.http.post(`/api/v1/me/series/${series.id}/accept`).set(asHelper).expect(200);
    expect(res.body.accepted.map((p: { id: number; status: string }) => [p.id, p.status])).toEqual(
      mine.map((p) => [p.id, 'accepted']),
    );
    expect(res.body.skipped).toEqual([]);
    expect((await t.http.get('/api/v1/me/proposals').set(asHelper).expect(200)).body).toEqual([]);
    const requests = (await t.http.get('/api/v1/requests').set(t.auth()).query({ limit: 100 })).body as HelpRequest[];
    expect(requests.map((r) => [r.status, r.helperId])).toEqual([
      ['assigned', helper],
      ['assigned', helper],
    ]);

    // Nothing left to take: 404, and another helper cannot take this helper's dates.
    await t.http.post(`/api/v1/me/series/${series.id}/accept`).set(asHelper).expect(404);
    const otherLink = await t.http.post(`/api/v1/helpers/${other}/access-link`).set(t.auth()).expect(201);
    const res404 = await t.http
      .post(`/api/v1/me/series/${series.id}/accept`)
      .set(t.bearer(otherLink.body.token as string))
      .expect(404);
    expect(res404.body.error.code).toBe('not_found');
    await t.http.post(`/api/v1/me/series/${series.id}/accept`).set(t.auth()).expect(403);
  });

  it('takes the dates still offered when one went to someone else meanwhile', async () => {
    const [helper, other] = await helpersInLine(t, 2);
    const residentId = await newResident(t);
    const series = (
      await t.http
        .post('/api/v1/series')
        .set(t.auth('intake'))
        .send({ residentId, ...TUESDAY_MORNINGS })
    ).body as { id: number };
    const link = await t.http.post(`/api/v1/helpers/${helper}/access-link`).set(t.auth()).expect(201);
    const asHelper = t.bearer(link.body.token as string);
    const [first, second] = (await t.http.get('/api/v1/me/proposals').set(asHelper).expect(200)).body as Array<{
      id: number;
      requestId: number;
    }>;
    // A dispatcher gave the first date to another helper by phone.
    await t.http
      .post(`/api/v1/requests/${first!.requestId}/assign`)
      .set(t.auth())
      .send({ helperId: other })
      .expect(201);

    const res = await t.http.post(`/api/v1/me/series/${series.id}/accept`).set(asHelper).expect(200);
    expect(res.body.accepted.map((p: { id: number }) => p.id)).toEqual([second!.id]);
    expect(res.body.skipped).toEqual([]);
  });
});
