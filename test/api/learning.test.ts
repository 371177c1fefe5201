import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { Helper } from '../../src/helpers/helpers.schema.js';
import { RoundResult } from '../../src/rounds/rounds.schema.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('skill levels and the learning criterion', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  it('takes {code, level} beside plain codes and replies with competent skills as plain codes', async () => {
    const created = Helper.parse(
      await post(
        '/api/v1/helpers',
        buildHelper({
          skills: ['groceries', { code: 'companionship', level: 'learning' }, { code: 'laundry', level: 'competent' }],
        }),
      ),
    );
    expect(created.skills).toEqual(['groceries', { code: 'companionship', level: 'learning' }, 'laundry']);
    const read = (await t.http.get(`/api/v1/helpers/${created.id}`).set(t.auth()).expect(200)).body;
    expect(read.skills).toEqual(created.skills);
    const listed = (await t.http.get('/api/v1/helpers?skill=companionship').set(t.auth()).expect(200)).body;
    expect(listed.map((h: Helper) => [h.id, h.skills])).toEqual([[created.id, created.skills]]);
    const board = (await t.http.get('/api/v1/board').set(t.auth()).expect(200)).body;
    expect(board.helpers.find((h: Helper) => h.id === created.id).skills).toEqual(created.skills);

    const patched = (
      await t.http
        .patch(`/api/v1/helpers/${created.id}`)
        .set(t.auth())
        .send({ skills: [{ code: 'groceries', level: 'mentor' }, 'companionship'] })
        .expect(200)
    ).body;
    // A plain code is competent, on a change as on a new helper.
    expect(patched.skills).toEqual([{ code: 'groceries', level: 'mentor' }, 'companionship']);
    const plain = (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper()).expect(201)).body;
    expect(plain.skills).toEqual(['groceries', 'companionship']);
  });

  it.each([
    ['an unknown level', [{ code: 'groceries', level: 'expert' }], 'skills.0'],
    ['an object without a level', ['laundry', { code: 'groceries' }], 'skills.1'],
    ['an unknown skill as an object', [{ code: 'juggling', level: 'learning' }], 'skills.0'],
    ['one skill at two levels', ['groceries', { code: 'groceries', level: 'learning' }], 'skills'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, skills, field) => {
    const res = await t.http
      .post('/api/v1/helpers')
      .set(t.auth())
      .send({ ...buildHelper(), skills })
      .expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContainEqual(
      expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}`)),
    );
    expect((await t.http.get('/api/v1/helpers').set(t.auth())).body).toEqual([]);
  });

  it('gives every candidate a learning entry, 1 when the job exercises a skill the helper is learning', async () => {
    const spot = { lat: LANDGRAAF.lat + 0.003, lon: LANDGRAAF.lon };
    const competent = await post('/api/v1/helpers', buildHelper({ location: spot }));
    const learner = await post(
      '/api/v1/helpers',
      buildHelper({ location: spot, skills: [{ code: 'groceries', level: 'learning' }, 'companionship'] }),
    );
    const resident = await post('/api/v1/residents', buildResident());
    const groceries = await post('/api/v1/requests', buildRequest(resident.id));
    const company = await post('/api/v1/requests', buildRequest(resident.id, { skills: ['companionship'] }));

    const ranked = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${groceries.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(ranked.candidates.map((c) => [c.helperId, c.breakdown.learning.value])).toEqual([
      [learner.id, 1],
      [competent.id, 0],
    ]);
    const [first, second] = ranked.candidates;
    expect(first!.breakdown.learning.weight).toBe(15);
    expect(first!.score - second!.score).toBeCloseTo(first!.breakdown.learning.points, 1);

    const other = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${company.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(other.candidates.map((c) => c.breakdown.learning.value)).toEqual([0, 0]);
    expect(other.candidates[0]!.score).toBe(other.candidates[1]!.score);
  });

  it('ranks a participant behind on their required practice hours first, on the list and at the accept', async () => {
    const spot = { lat: LANDGRAAF.lat + 0.003, lon: LANDGRAAF.lon };
    const without = await post('/api/v1/helpers', buildHelper({ location: spot }));
    const behind = await post('/api/v1/helpers', buildHelper({ location: spot }));
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${behind.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    await t.http
      .patch(`/api/v1/helpers/${behind.id}/learning`)
      .set(t.auth('coach'))
      .send({ period: { start: '2026-11-02', end: '2027-03-31' }, requiredHours: 200 })
      .expect(200);
    const resident = await post('/api/v1/residents', buildResident());
    // Both hold two hours this week, so the week's room alone would not tell them apart.
    for (const [helper, day] of [
      [without, 26],
      [behind, 27],
    ] as const) {
      const window = { start: `2026-11-${day}T10:00:00+01:00`, end: `2026-11-${day}T12:00:00+01:00` };
      const held = await post('/api/v1/requests', buildRequest(resident.id, { window, durationMinutes: 120 }));
      await post(`/api/v1/requests/${held.id}/assign`, { helperId: helper.id });
    }
    const job = await post('/api/v1/requests', buildRequest(resident.id));

    const ranked = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${job.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    expect(ranked.candidates.map((c) => c.helperId)).toEqual([behind.id, without.id]);
    const [first, second] = ranked.candidates;
    expect(first!.breakdown.workload.value).toBeGreaterThan(second!.breakdown.workload.value);

    // The accept checks the one helper again, their plan read alone: the same score as on the list.
    const proposal = await post(`/api/v1/requests/${job.id}/proposals`, { helperId: behind.id });
    expect(proposal.score).toBe(first!.score);
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(t.auth()).expect(200);
  });

  it('runs the round on the same scores: the learner gets the job they learn from', async () => {
    const spot = { lat: LANDGRAAF.lat + 0.003, lon: LANDGRAAF.lon };
    await post('/api/v1/helpers', buildHelper({ location: spot }));
    const learner = await post(
      '/api/v1/helpers',
      buildHelper({ location: spot, skills: [{ code: 'groceries', level: 'learning' }, 'companionship'] }),
    );
    const resident = await post('/api/v1/residents', buildResident());
    const request = await post('/api/v1/requests', buildRequest(resident.id));
    const ranked = (await t.http.get(`/api/v1/requests/${request.id}/candidates`).set(t.auth())).body;

    const round = RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
    expect(round.proposals.map((p) => [p.requestId, p.helperId, p.score])).toEqual([
      [request.id, learner.id, ranked.candidates[0].score],
    ]);
  });

  it('keeps the learning weight in the settings: at 0 a learner has no advantage', async () => {
    expect((await t.http.get('/api/v1/settings').set(t.auth()).expect(200)).body.weights.learning).toBe(15);
    await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ weights: { learning: 0 } })
      .expect(200);
    const spot = { lat: LANDGRAAF.lat + 0.003, lon: LANDGRAAF.lon };
    await post('/api/v1/helpers', buildHelper({ location: spot }));
    await post(
      '/api/v1/helpers',
      buildHelper({ location: spot, skills: [{ code: 'groceries', level: 'learning' }, 'companionship'] }),
    );
    const resident = await post('/api/v1/residents', buildResident());
    const request = await post('/api/v1/requests', buildRequest(resident.id));
    const { candidates } = (await t.http.get(`/api/v1/requests/${request.id}/candidates`).set(t.auth())).body;
    // Equal scores at equal distance rank by id: the competent helper came first.
    expect(candidates.map((c: { breakdown: { learning: object } }) => c.breakdown.learning)).toEqual([
      { value: 0, weight: 0, points: 0 },
      { value: 1, weight: 0, points: 0 },
    ]);
    expect(candidates[0].score).toBe(candidates[1].score);
  });

  it("counts only the skills on the plan's open goals once the plan states goals; an outflow closes them all", async () => {
    const learner = await post(
      '/api/v1/helpers',
      buildHelper({
        skills: [
          { code: 'groceries', level: 'learning' },
          { code: 'companionship', level: 'learning' },
        ],
      }),
    );
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${learner.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    const resident = await post('/api/v1/residents', buildResident());
    const groceries = await post('/api/v1/requests', buildRequest(resident.id));
    const company = await post('/api/v1/requests', buildRequest(resident.id, { skills: ['companionship'] }));
    const learningValues = async () =>
      Promise.all(
        [groceries.id, company.id].map(async (id) => {
          const ranked = Candidates.parse(
            (await t.http.get(`/api/v1/requests/${id}/candidates`).set(t.auth()).expect(200)).body,
          );
          return ranked.candidates[0]!.breakdown.learning.value;
        }),
      );
    const plan = (body: object) =>
      t.http.patch(`/api/v1/helpers/${learner.id}/learning`).set(t.auth('coach')).send(body).expect(200);

    // No goals stated: every skill at level learning counts.
    expect(await learningValues()).toEqual([1, 1]);
    await plan({ goals: [{ skill: 'groceries', goal: 'Zelf boodschappen doen' }] });
    expect(await learningValues()).toEqual([1, 0]);
    const done = await plan({
      goals: [
        { skill: 'groceries', goal: 'Zelf boodschappen doen', done: true },
        { skill: 'companionship', goal: 'Een gesprek gaande houden' },
      ],
    });
    expect(done.body.goals[0]).toEqual({ skill: 'groceries', goal: 'Zelf boodschappen doen', done: true });
    expect(await learningValues()).toEqual([0, 1]);
    await plan({ outflow: { kind: 'education', date: '2026-11-20' } });
    expect(await learningValues()).toEqual([0, 0]);
  });
});
