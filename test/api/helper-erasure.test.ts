import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

const DAY = 86_400_000;

describe('retention of deactivated helpers and their learning plans', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  /** A participant with a plan full of their own words, a job observed and a level signed off. */
  async function participant(name: string, day: string) {
    const helper = await post(
      '/api/v1/helpers',
      buildHelper({
        name,
        phone: '06 1234 5678',
        email: `${name.split(' ')[0]!.toLowerCase()}@example.nl`,
        absences: [{ from: '2026-12-01', to: '2026-12-03', reason: 'ziekenhuisopname' }],
      }),
    );
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({
        questions: { want: 'Verpleegkundige worden', can: 'Goed luisteren', need: 'Hulp bij plannen na mijn burn-out' },
        goals: [{ skill: 'groceries', goal: 'Zelfstandig boodschappen doen' }],
        period: { start: '2026-11-01' },
      })
      .expect(200);
    const resident = await post('/api/v1/residents', buildResident());
    const window = { start: `${day}T10:00:00+01:00`, end: `${day}T12:00:00+01:00` };
    const request = await post('/api/v1/requests', buildRequest(resident.id, { window }));
    await t.http.post(`/api/v1/requests/${request.id}/assign`).set(t.auth()).send({ helperId: helper.id }).expect(201);
    await t.moveClockTo(Date.parse(`${day}T12:00:00+01:00`));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(t.auth()).send({ hours: 1 }).expect(200);
    await t.http
      .put(`/api/v1/requests/${request.id}/feedback`)
      .set(t.auth('coach'))
      .send({ satisfaction: 5, observation: 'Was erg nerveus vandaag' })
      .expect(200);
    await t.http
      .post(`/api/v1/helpers/${helper.id}/levels`)
      .set(t.auth('coach'))
      .send({ skill: 'laundry', level: 'learning', observedRequestIds: [], note: 'Thuis moeilijke situatie' })
      .expect(201);
    return { helperId: helper.id as number, requestId: request.id as number };
  }

  /** Every stored row about the participant: their record, plan, levels, a job's feedback, messages to them. */
  function storedAbout(p: { helperId: number; requestId: number }): string {
    const sql = t.db.$client;
    return JSON.stringify([
      sql.prepare('select * from helpers where id = ?').all(p.helperId),
      sql.prepare('select * from learning_plans where helper_id = ?').all(p.helperId),
      sql.prepare('select * from level_changes where helper_id = ?').all(p.helperId),
      sql.prepare('select * from job_feedback where request_id = ?').all(p.requestId),
      sql.prepare('select * from outbox where helper_id = ?').all(p.helperId),
    ]);
  }

  it("erases a deactivated helper's personal data and their plan's texts after the retention period, once", async () => {
    const gone = await participant('Sanne de Vries', '2026-11-24');
    const staying = await participant('Ahmed Bakker', '2026-11-25');
    await t.http.delete(`/api/v1/helpers/${gone.helperId}`).set(t.auth()).expect(200);

    t.clock.advance(23 * 30 * DAY);
    expect(t.services.retention.eraseInactive()).toBe(0);
    await t.moveClockTo(t.clock() + 60 * DAY);
    // The helper, and the two residents they helped, whose last request was as long ago.
    expect(t.services.retention.eraseInactive()).toBe(3);
    expect(t.services.retention.eraseInactive()).toBe(0);

    const helper = (await t.http.get(`/api/v1/helpers/${gone.helperId}`).set(t.auth()).expect(200)).body;
    expect(helper).toMatchObject({ name: 'gewist', active: false, track: 'care' });
    expect(helper.phone ?? null).toBeNull();
    expect(helper.email ?? null).toBeNull();
    expect(helper.absences).toEqual([{ from: '2026-12-01', to: '2026-12-03' }]);

    const file = (await t.http.get(`/api/v1/helpers/${gone.helperId}/learning`).set(t.auth('coach')).expect(200)).body;
    expect(file.questions).toEqual({ want: null, can: null, need: null });
    expect(file.goals).toEqual([]);
    expect(file.hoursDone).toBe(1);
    expect(file.jobs).toEqual([
      expect.objectContaining({ requestId: gone.requestId, satisfaction: 5, observation: null }),
    ]);
    const levels = (await t.http.get(`/api/v1/helpers/${gone.helperId}/levels`).set(t.auth('coach')).expect(200)).body;
    expect(levels.map((l: { skill: string; note: string | null }) => [l.skill, l.note])).toEqual([['laundry', null]]);

    const sql = t.db.$client;
    const everything = storedAbout(gone);
    for (const text of [
      'Sanne',
      '06 1234 5678',
      'Verpleegkundige',
      'burn-out',
      'boodschappen doen',
      'nerveus',
      'moeilijke',
      'ziekenhuis',
    ])
      expect(everything).not.toContain(text);
    const erasedEvents = sql
      .prepare("select json_extract(data, '$.helperId') as id from events where type = 'helper.erased'")
      .all();
    expect(erasedEvents).toEqual([{ id: gone.helperId }]);

    // The active participant keeps their file; the coach's observation of their job told of the
    // resident's home, and went with that resident, whom the retention erased too.
    const kept = (await t.http.get(`/api/v1/helpers/${staying.helperId}/learning`).set(t.auth('coach')).expect(200))
      .body;
    expect(kept).toMatchObject({ name: 'Ahmed Bakker', questions: { want: 'Verpleegkundige worden' } });
    expect(kept.jobs).toEqual([expect.objectContaining({ satisfaction: 5, observation: null })]);
  });

  it('erases a helper on their request at once: their coming job goes back, their link ends, nothing of theirs stays', async () => {
    const gone = await participant('Sanne de Vries', '2026-11-24');
    const link = t.services.auth.issueHelperLink(gone.helperId, 'test').token;
    const resident = await post('/api/v1/residents', buildResident());
    const window = { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' };
    const coming = await post('/api/v1/requests', buildRequest(resident.id, { window }));
    await t.http
      .post(`/api/v1/requests/${coming.id}/assign`)
      .set(t.auth())
      .send({ helperId: gone.helperId })
      .expect(201);
    // As an older version left it: deactivated, with a coming job still theirs.
    t.db.$client.prepare('update helpers set active = 0 where id = ?').run(gone.helperId);

    await t.http.post(`/api/v1/helpers/${gone.helperId}/erase`).set(t.auth('dispatcher')).expect(403);
    const reply = await t.http.post(`/api/v1/helpers/${gone.helperId}/erase`).set(t.auth('admin')).expect(200);
    expect(reply.body).toEqual({ helperId: gone.helperId, erased: true });
    await t.http.post(`/api/v1/helpers/${gone.helperId}/erase`).set(t.auth('admin')).expect(200);
    await t.http.post('/api/v1/helpers/999999/erase').set(t.auth('admin')).expect(404);

    const job = (await t.http.get(`/api/v1/requests/${coming.id}`).set(t.auth()).expect(200)).body;
    expect(job).toMatchObject({ status: 'open' });
    expect(job.helperId ?? null).toBeNull();
    const done = (await t.http.get(`/api/v1/requests/${gone.requestId}`).set(t.auth()).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', helperId: gone.helperId });

    await t.http.get(`/h/${link}/calendar.ics`).expect(401);
    const helper = (await t.http.get(`/api/v1/helpers/${gone.helperId}`).set(t.auth()).expect(200)).body;
    expect(helper).toMatchObject({ name: 'gewist', active: false });

    const sql = t.db.$client;
    const everything = storedAbout(gone);
    for (const text of ['Sanne', '06 1234 5678', 'sanne@', 'Verpleegkundige', 'burn-out', 'nerveus', 'moeilijke'])
      expect(everything).not.toContain(text);
    expect(
      sql.prepare('select count(*) as n from tokens where helper_id = ? and revoked_at is null').get(gone.helperId),
    ).toEqual({
      n: 0,
    });
    const erased = sql
      .prepare("select data from events where type = 'helper.erased'")
      .all()
      .map((r) => JSON.parse((r as { data: string }).data));
    expect(erased).toEqual([{ helperId: gone.helperId, onRequest: true }]);
  });

  it('a deactivated helper keeps the job under way and gives up the coming ones', async () => {
    const { helperId } = await participant('Ahmed Bakker', '2026-11-24');
    const resident = await post('/api/v1/residents', buildResident());
    const job = async (day: string) => {
      const window = { start: `${day}T10:00:00+01:00`, end: `${day}T12:00:00+01:00` };
      const request = await post('/api/v1/requests', buildRequest(resident.id, { window }));
      await t.http.post(`/api/v1/requests/${request.id}/assign`).set(t.auth()).send({ helperId }).expect(201);
      return request.id as number;
    };
    const underWay = await job('2026-11-25');
    const coming = await job('2026-11-26');
    await t.moveClockTo(Date.parse('2026-11-25T10:30:00+01:00'));

    await t.http.delete(`/api/v1/helpers/${helperId}`).set(t.auth()).expect(200);

    const status = async (id: number) => (await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body;
    expect(await status(underWay)).toMatchObject({ status: 'assigned', helperId });
    expect(await status(coming)).toMatchObject({ status: 'open' });
    const proposals = (await t.http.get(`/api/v1/requests/${coming}/proposals`).set(t.auth()).expect(200)).body;
    expect(proposals).toEqual([expect.objectContaining({ helperId, status: 'released' })]);
  });
});
