import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearningFile, LevelChange, Participant } from '../../src/learning/learning.schema.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';

const QUESTIONS = {
  want: 'Ik wil in de zorg werken, het liefst met ouderen.',
  can: 'Ik kan goed luisteren en boodschappen plannen.',
  need: 'Ik heb hulp nodig bij het plannen van mijn week.',
};

describe("a participant's file, their coach and their levels", () => {
  let t: TestApp;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    t = await startTestApp({
      autoPropose: false,
      logLevel: 'debug',
      logDestination: new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  /** Another coach, with a token of their own. */
  async function otherCoach() {
    await t.http
      .post('/api/v1/users')
      .set(t.auth('admin'))
      .send({ email: 'coach2@wijkmatch.test', password: PASSWORD, name: 'Tweede coach', role: 'coach' })
      .expect(201);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'coach2@wijkmatch.test', password: PASSWORD })
      .expect(200);
    return t.bearer(login.body.token);
  }

  async function coachedLearner() {
    const helper = await post(
      '/api/v1/helpers',
      buildHelper({ skills: [{ code: 'groceries', level: 'learning' }, 'companionship'] }),
    );
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    const assigned = await t.http
      .put(`/api/v1/helpers/${helper.id}/coach`)
      .set(t.auth('admin'))
      .send({ coachId })
      .expect(200);
    expect(assigned.body.coach).toEqual({ id: coachId, name: 'coach' });
    expect(assigned.body.questions).toBeUndefined();
    return { helper, coachId };
  }

  /** A job the helper did: proposed, accepted, and completed with `hours`. */
  async function completedJob(helperId: number, hours: number) {
    const resident = await post('/api/v1/residents', buildResident());
    const request = await post('/api/v1/requests', buildRequest(resident.id));
    const proposal = await post(`/api/v1/requests/${request.id}/proposals`, { helperId });
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(t.auth()).expect(200);
    await t.moveClockTo(Date.parse('2026-11-24T12:00:00+01:00'));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(t.auth()).send({ hours }).expect(200);
    return request.id as number;
  }

  it('lets the coach keep the plan; the office sees levels and hours, not its texts', async () => {
    const { helper } = await coachedLearner();
    const saved = LearningFile.parse(
      (
        await t.http
          .patch(`/api/v1/helpers/${helper.id}/learning`)
          .set(t.auth('coach'))
          .send({
            questions: QUESTIONS,
            goals: [{ skill: 'groceries', goal: 'Zelfstandig boodschappen doen voor twee bewoners' }],
            period: { start: '2026-09-01' },
            requiredHours: 400,
          })
          .expect(200)
      ).body,
    );
    expect(saved).toMatchObject({
      period: { start: '2026-09-01', end: '2027-08-31' },
      active: true,
      requiredHours: 400,
      hoursDone: 0,
      questions: QUESTIONS,
      goals: [{ skill: 'groceries', goal: 'Zelfstandig boodschappen doen voor twee bewoners' }],
      skills: [{ code: 'groceries', level: 'learning' }, 'companionship'],
    });

    for (const role of ['dispatcher', 'admin'] as const) {
      const seen = (await t.http.get(`/api/v1/helpers/${helper.id}/learning`).set(t.auth(role)).expect(200)).body;
      expect(seen).toMatchObject({ requiredHours: 400, skills: saved.skills, period: saved.period });
      expect(seen.questions).toBeUndefined();
      expect(seen.goals).toBeUndefined();
      expect(JSON.stringify(seen)).not.toContain('ouderen');
    }
    await t.http.get(`/api/v1/helpers/${helper.id}/learning`).set(t.auth('intake')).expect(403);
    for (const role of ['dispatcher', 'admin'] as const)
      await t.http
        .patch(`/api/v1/helpers/${helper.id}/learning`)
        .set(t.auth(role))
        .send({ requiredHours: 1 })
        .expect(403);

    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const own = (await t.http.get('/api/v1/me/learning').set(t.bearer(link.token)).expect(200)).body;
    expect(own).toMatchObject({ questions: QUESTIONS, requiredHours: 400 });

    // The texts are personal data: in no event and no log line.
    const events = (await t.http.get('/api/v1/events?after=0&limit=1000').set(t.auth())).body;
    expect(JSON.stringify(events)).not.toContain('ouderen');
    expect(JSON.stringify(events)).not.toContain('Zelfstandig');
    expect(logs.join('')).not.toContain('ouderen');
    expect(logs.join('')).not.toContain('Zelfstandig');
  });

  it('shows a coach only the participants they coach: any other answers 404, and the office’s data 403', async () => {
    const { helper } = await coachedLearner();
    const stranger = await post('/api/v1/helpers', buildHelper());
    const other = await otherCoach();

    const mine = (await t.http.get('/api/v1/coach/participants').set(t.auth('coach')).expect(200)).body;
    expect(mine.map((p: Participant) => p.helperId)).toEqual([helper.id]);
    expect((await t.http.get('/api/v1/coach/participants').set(other).expect(200)).body).toEqual([]);

    for (const [who, id] of [
      [other, helper.id],
      [t.auth('coach'), stranger.id],
    ] as const) {
      await t.http.get(`/api/v1/helpers/${id}/learning`).set(who).expect(404);
      await t.http.get(`/api/v1/helpers/${id}/levels`).set(who).expect(404);
      await t.http.patch(`/api/v1/helpers/${id}/learning`).set(who).send({ requiredHours: 10 }).expect(404);
      await t.http
        .post(`/api/v1/helpers/${id}/levels`)
        .set(who)
        .send({ skill: 'laundry', level: 'learning', observedRequestIds: [] })
        .expect(404);
    }
    for (const path of ['/api/v1/helpers', `/api/v1/helpers/${helper.id}`, '/api/v1/requests', '/api/v1/board'])
      await t.http.get(path).set(t.auth('coach')).expect(403);
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('coach')).send({ coachId: null }).expect(403);
    await t.http.get('/api/v1/coach/participants').set(t.auth('dispatcher')).expect(403);

    const notCoach = await t.http
      .put(`/api/v1/helpers/${helper.id}/coach`)
      .set(t.auth('admin'))
      .send({ coachId: (await t.http.get('/api/v1/users').set(t.auth('admin'))).body[0].id })
      .expect(400);
    expect(notCoach.body.error.details[0].field).toBe('coachId');
  });

  it('signs off a level on observed jobs: the helper scores with it at once, and the history keeps who, when and which jobs', async () => {
    const { helper, coachId } = await coachedLearner();
    await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({ period: { start: '2026-11-01', end: '2027-06-30' }, requiredHours: 100 })
      .expect(200);
    const job = await completedJob(helper.id, 1.5);
    const resident = await post('/api/v1/residents', buildResident());
    const open = await post(
      '/api/v1/requests',
      buildRequest(resident.id, { window: { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' } }),
    );

    const noJobs = await t.http
      .post(`/api/v1/helpers/${helper.id}/levels`)
      .set(t.auth('coach'))
      .send({ skill: 'groceries', level: 'competent', observedRequestIds: [] })
      .expect(400);
    expect(noJobs.body.error.details[0].field).toBe('observedRequestIds');
    const notDone = await t.http
      .post(`/api/v1/helpers/${helper.id}/levels`)
      .set(t.auth('coach'))
      .send({ skill: 'groceries', level: 'competent', observedRequestIds: [job, open.id] })
      .expect(400);
    expect(notDone.body.error.details.map((d: { field: string }) => d.field)).toEqual(['observedRequestIds.1']);
    const same = await t.http
      .post(`/api/v1/helpers/${helper.id}/levels`)
      .set(t.auth('coach'))
      .send({ skill: 'groceries', level: 'learning', observedRequestIds: [] })
      .expect(400);
    expect(same.body.error.details[0].field).toBe('level');

    const signed = LevelChange.parse(
      (
        await t.http
          .post(`/api/v1/helpers/${helper.id}/levels`)
          .set(t.auth('coach'))
          .send({ skill: 'groceries', level: 'competent', observedRequestIds: [job], note: 'Plant zelf de route' })
          .expect(201)
      ).body,
    );
    expect(signed).toMatchObject({
      skill: 'groceries',
      from: 'learning',
      to: 'competent',
      by: { id: coachId, name: 'coach' },
      signedOff: true,
      observedRequestIds: [job],
      note: 'Plant zelf de route',
    });
    const started = (
      await t.http
        .post(`/api/v1/helpers/${helper.id}/levels`)
        .set(t.auth('coach'))
        .send({ skill: 'laundry', level: 'learning', observedRequestIds: [] })
        .expect(201)
    ).body;
    expect(started).toMatchObject({ from: null, to: 'learning' });

    const helperNow = (await t.http.get(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200)).body;
    expect(helperNow.skills).toEqual(['groceries', 'companionship', { code: 'laundry', level: 'learning' }]);
    const { candidates } = (await t.http.get(`/api/v1/requests/${open.id}/candidates`).set(t.auth())).body;
    expect(candidates[0].breakdown.learning.value).toBe(0);

    const file = (await t.http.get(`/api/v1/helpers/${helper.id}/learning`).set(t.auth())).body;
    expect(file).toMatchObject({ hoursDone: 1.5, requiredHours: 100 });

    // The office may still change a level with the helper, but the history says it was not signed off.
    await t.http
      .patch(`/api/v1/helpers/${helper.id}`)
      .set(t.auth())
      .send({
        skills: [{ code: 'groceries', level: 'mentor' }, 'companionship', { code: 'laundry', level: 'learning' }],
      })
      .expect(200);
    const byCoach = (await t.http.get(`/api/v1/helpers/${helper.id}/levels`).set(t.auth('coach')).expect(200)).body;
    expect(byCoach.map((c: LevelChange) => [c.skill, c.from, c.to, c.signedOff])).toEqual([
      ['groceries', 'competent', 'mentor', false],
      ['laundry', null, 'learning', true],
      ['groceries', 'learning', 'competent', true],
      ['groceries', null, 'learning', false],
    ]);
    expect(byCoach[2].note).toBe('Plant zelf de route');
    const byOffice = (await t.http.get(`/api/v1/helpers/${helper.id}/levels`).set(t.auth()).expect(200)).body;
    expect(byOffice.map((c: LevelChange) => c.note)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('ends the active period with the outflow', async () => {
    const { helper } = await coachedLearner();
    await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({ period: { start: '2026-11-01' } })
      .expect(200);
    const early = await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({ outflow: { kind: 'education', date: '2026-10-01' } })
      .expect(400);
    expect(early.body.error.details[0].field).toBe('outflow.date');
    const done = (
      await t.http
        .patch(`/api/v1/helpers/${helper.id}/learning`)
        .set(t.auth('coach'))
        .send({ outflow: { kind: 'paid-work', date: '2026-11-20' } })
        .expect(200)
    ).body;
    expect(done).toMatchObject({ active: false, outflow: { kind: 'paid-work', date: '2026-11-20' } });
  });
});
