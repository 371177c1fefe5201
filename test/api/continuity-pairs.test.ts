import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { RoundResult } from '../../src/rounds/rounds.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, LANDGRAAF } from '../support/factories.js';
import { enterRequest, newResident, proposalsOf } from '../support/requests.js';

const HOUR = 3_600_000;

/** Days of the test week, 10:00–12:00 local. */
const day = (date: string) => ({ window: { start: `${date}T10:00:00+01:00`, end: `${date}T12:00:00+01:00` } });
const MONDAY = day('2026-11-23');
const TUESDAY = day('2026-11-24');
const WEDNESDAY = day('2026-11-25');
const THURSDAY = day('2026-11-26');
const FRIDAY = day('2026-11-27');

/** Both halves of a supervised pair went to the resident: continuity knows the supervisor too. */
describe('continuity counts both halves of a supervised pair', () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function start(autoPropose: boolean) {
    t = await startTestApp({ autoPropose });
    t.services.settings.update({ supervisedSkills: ['dementia-support'], holdUntilStart: false });
  }

  const helper = async (overrides: Parameters<typeof buildHelper>[0] = {}) =>
    (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper(overrides)).expect(201)).body.id as number;
  const learner = () => helper({ skills: [{ code: 'dementia-support', level: 'learning' }, 'groceries'] });
  const mentor = () =>
    helper({
      skills: [{ code: 'dementia-support', level: 'mentor' }, 'groceries'],
      location: { lat: LANDGRAAF.lat + 0.006, lon: LANDGRAAF.lon },
    });
  const dementiaJob = (residentId: number, when: typeof TUESDAY) =>
    enterRequest(t, residentId, { skills: ['dementia-support'], ...when });
  const assign = (requestId: number, body: { helperId: number; supervisorId?: number }) =>
    t.http.post(`/api/v1/requests/${requestId}/assign`).set(t.auth()).send(body).expect(201);
  const requestOf = async (id: number) =>
    HelpRequest.parse((await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body);
  const broken = async () =>
    (await t.http.get('/api/v1/events?after=0&limit=1000').set(t.auth()).expect(200)).body.filter(
      (e: { type: string }) => e.type === 'request.continuity-broken',
    ) as Array<{ data: { requestId: number; usualHelperId: number } }>;

  describe('by hand', () => {
    beforeEach(() => start(false));

    it('gives the supervisor of an earlier completed pair job continuity for the resident, in the ranking and the round', async () => {
      const [l, m, stranger] = [await learner(), await mentor(), await mentor()];
      const resident = await newResident(t);
      // On the test's first day, so that staff sessions outlive the clock moving past the job.
      const earlier = await dementiaJob(resident, MONDAY);
      await assign(earlier.id, { helperId: l, supervisorId: m });
      t.clock.set(Date.parse(earlier.window.end) + HOUR);
      await t.http.post(`/api/v1/requests/${earlier.id}/complete`).set(t.auth()).send({ hours: 1 }).expect(200);

      const next = await dementiaJob(resident, WEDNESDAY);
      const ranked = Candidates.parse(
        (await t.http.get(`/api/v1/requests/${next.id}/candidates`).set(t.auth()).expect(200)).body,
      );
      const continuityOf = (id: number) => ranked.candidates.find((c) => c.helperId === id)!.breakdown.continuity.value;
      expect([continuityOf(m), continuityOf(stranger)]).toEqual([1, 0]);

      // The round reads the residents' facts in bulk: the supervisor keeps continuity there too.
      const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
      const mentorHalf = round.proposals.find((p) => p.helperId === m)!;
      expect(mentorHalf.breakdown.continuity.value).toBe(1);
    });

    it('marks a regular’s job continuity-broken when a pair without the usual helper gets it, not when the usual helper supervises', async () => {
      const [l, m, usual] = [await learner(), await mentor(), await mentor()];
      const resident = await newResident(t);
      for (const when of [TUESDAY, WEDNESDAY])
        await assign((await dementiaJob(resident, when)).id, { helperId: usual });

      // Assigned by a dispatcher in one call.
      const assigned = await dementiaJob(resident, THURSDAY);
      await assign(assigned.id, { helperId: l, supervisorId: m });
      expect(await requestOf(assigned.id)).toMatchObject({
        helperId: l,
        supervisorHelperId: m,
        usualHelperId: usual,
      });
      // Asked as a pair, both halves saying yes.
      const asked = await dementiaJob(resident, FRIDAY);
      await t.http
        .post(`/api/v1/requests/${asked.id}/proposals`)
        .set(t.auth())
        .send({ helperId: l, supervisorId: m })
        .expect(201);
      for (const half of await proposalsOf(t, asked.id))
        await t.http.post(`/api/v1/proposals/${half.id}/accept`).set(t.auth()).expect(200);
      expect(await requestOf(asked.id)).toMatchObject({ status: 'assigned', usualHelperId: usual });
      expect((await broken()).map((e) => [e.data.requestId, e.data.usualHelperId])).toEqual([
        [assigned.id, usual],
        [asked.id, usual],
      ]);

      // The usual helper as the pair's supervisor keeps continuity.
      const kept = await dementiaJob(resident, day('2026-11-30'));
      await assign(kept.id, { helperId: l, supervisorId: usual });
      expect(await requestOf(kept.id)).toMatchObject({ supervisorHelperId: usual, usualHelperId: null });
      expect(await broken()).toHaveLength(2);
    });
  });

  describe('asked by the service', () => {
    beforeEach(() => start(true));

    it('takes a pair’s supervisor who did most of the resident’s jobs as their usual helper, asked first', async () => {
      const near = await helper({ location: { lat: LANDGRAAF.lat + 0.001, lon: LANDGRAAF.lon } });
      const [l1, l2, m] = [await learner(), await learner(), await mentor()];
      // Without continuity's points the mentor, further away, would not come first on score.
      t.services.settings.update({ weights: { continuity: 0 } });
      const resident = await newResident(t);
      await assign((await dementiaJob(resident, TUESDAY)).id, { helperId: l1, supervisorId: m });
      await assign((await dementiaJob(resident, WEDNESDAY)).id, { helperId: l2, supervisorId: m });

      const groceries = await enterRequest(t, resident, THURSDAY);
      expect((await proposalsOf(t, groceries.id)).map((p) => p.helperId)).toEqual([m]);
      // And another than the mentor taking it breaks continuity.
      await assign(groceries.id, { helperId: near });
      expect((await requestOf(groceries.id)).usualHelperId).toBe(m);
    });
  });
});
