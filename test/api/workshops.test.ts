import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearningFile } from '../../src/learning/learning.schema.js';
import { ParticipantWorkshop, Workshop } from '../../src/learning/workshops.schema.js';
import { TRACKS } from '../../src/domain.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('workshops, attendance and the feedback after a job', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  async function coached() {
    const helper = await post('/api/v1/helpers', buildHelper());
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    return helper;
  }

  async function completedJob(helperId: number) {
    const resident = await post('/api/v1/residents', buildResident());
    const request = await post('/api/v1/requests', buildRequest(resident.id));
    const proposal = await post(`/api/v1/requests/${request.id}/proposals`, { helperId });
    await t.http.post(`/api/v1/proposals/${proposal.id}/accept`).set(t.auth()).expect(200);
    await t.moveClockTo(Date.parse('2026-11-24T12:00:00+01:00'));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(t.auth()).send({ hours: 1 }).expect(200);
    return request.id as number;
  }

  it('starts every track with ten workshops that admins and coaches edit', async () => {
    const all = (await t.http.get('/api/v1/workshops').set(t.auth('coach')).expect(200)).body as Workshop[];
    for (const track of TRACKS) {
      const mine = all.filter((w) => w.track === track);
      expect(mine.map((w) => w.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    const added = (
      await t.http
        .post('/api/v1/workshops')
        .set(t.auth('coach'))
        .send({ track: 'care', title: 'Omgaan met agressie' })
        .expect(201)
    ).body;
    expect(added).toMatchObject({ track: 'care', position: 11, active: true });
    await t.http.post('/api/v1/workshops').set(t.auth()).send({ track: 'care', title: 'x' }).expect(403);
    const retired = (
      await t.http.patch(`/api/v1/workshops/${all[0]!.id}`).set(t.auth('admin')).send({ active: false }).expect(200)
    ).body;
    expect(retired.active).toBe(false);
    await t.http.patch('/api/v1/workshops/999999').set(t.auth('admin')).send({ title: 'x' }).expect(404);
    const care = (await t.http.get('/api/v1/workshops?track=care').set(t.auth()).expect(200)).body;
    expect(care).toHaveLength(11);
  });

  it("keeps the participant's attendance, noted by their coach only", async () => {
    const helper = await coached();
    const list = (await t.http.get(`/api/v1/helpers/${helper.id}/workshops`).set(t.auth('coach')).expect(200))
      .body as ParticipantWorkshop[];
    expect(list).toHaveLength(10);
    expect(list.every((w) => w.attendedOn === null)).toBe(true);

    const after = (
      await t.http
        .put(`/api/v1/helpers/${helper.id}/attendance`)
        .set(t.auth('coach'))
        .send({ workshopId: list[0]!.id, attendedOn: '2026-10-05' })
        .expect(200)
    ).body as ParticipantWorkshop[];
    expect(after[0]).toMatchObject({ id: list[0]!.id, attendedOn: '2026-10-05' });
    const seen = (await t.http.get(`/api/v1/helpers/${helper.id}/workshops`).set(t.auth()).expect(200)).body;
    expect(seen[0].attendedOn).toBe('2026-10-05');

    await t.http
      .put(`/api/v1/helpers/${helper.id}/attendance`)
      .set(t.auth())
      .send({ workshopId: list[1]!.id, attendedOn: '2026-10-06' })
      .expect(403);
    const unknown = await t.http
      .put(`/api/v1/helpers/${helper.id}/attendance`)
      .set(t.auth('coach'))
      .send({ workshopId: 999_999, attendedOn: '2026-10-06' })
      .expect(400);
    expect(unknown.body.error.details[0].field).toBe('workshopId');
    const stranger = await post('/api/v1/helpers', buildHelper());
    await t.http.get(`/api/v1/helpers/${stranger.id}/workshops`).set(t.auth('coach')).expect(404);

    const undone = (
      await t.http
        .put(`/api/v1/helpers/${helper.id}/attendance`)
        .set(t.auth('coach'))
        .send({ workshopId: list[0]!.id, attendedOn: null })
        .expect(200)
    ).body;
    expect(undone[0].attendedOn).toBeNull();
  });

  it("takes the resident's satisfaction and the coach's observation after a completed job", async () => {
    const helper = await coached();
    const resident = await post('/api/v1/residents', buildResident());
    const open = await post(
      '/api/v1/requests',
      buildRequest(resident.id, { window: { start: '2026-11-27T10:00:00+01:00', end: '2026-11-27T12:00:00+01:00' } }),
    );
    const job = await completedJob(helper.id);

    const early = await t.http
      .put(`/api/v1/requests/${open.id}/feedback`)
      .set(t.auth())
      .send({ satisfaction: 4 })
      .expect(409);
    expect(early.body.error.code).toBe('job_not_completed');
    await t.http.put(`/api/v1/requests/${job}/feedback`).set(t.auth()).send({ satisfaction: 6 }).expect(400);
    const byOffice = (
      await t.http.put(`/api/v1/requests/${job}/feedback`).set(t.auth()).send({ satisfaction: 4 }).expect(200)
    ).body;
    expect(byOffice).toEqual({ requestId: job, satisfaction: 4, satisfactionBy: 'staff' });
    await t.http
      .put(`/api/v1/requests/${job}/feedback`)
      .set(t.auth())
      .send({ observation: 'Rustig en vriendelijk' })
      .expect(403);
    const byCoach = (
      await t.http
        .put(`/api/v1/requests/${job}/feedback`)
        .set(t.auth('coach'))
        .send({ observation: 'Rustig en vriendelijk, plant de route zelf' })
        .expect(200)
    ).body;
    expect(byCoach).toMatchObject({ satisfaction: 4, observation: 'Rustig en vriendelijk, plant de route zelf' });

    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const mine = await t.http
      .put(`/api/v1/me/jobs/${job}/feedback`)
      .set(t.bearer(link.token))
      .send({ satisfaction: 5 })
      .expect(200);
    expect(mine.body).toMatchObject({ satisfaction: 5, satisfactionBy: 'helper' });
    const other = await post('/api/v1/helpers', buildHelper());
    const otherLink = (await t.http.post(`/api/v1/helpers/${other.id}/access-link`).set(t.auth()).expect(201)).body;
    await t.http
      .put(`/api/v1/me/jobs/${job}/feedback`)
      .set(t.bearer(otherLink.token))
      .send({ satisfaction: 1 })
      .expect(404);

    const forCoach = LearningFile.parse(
      (await t.http.get(`/api/v1/helpers/${helper.id}/learning`).set(t.auth('coach')).expect(200)).body,
    );
    expect(forCoach.jobs).toEqual([
      {
        requestId: job,
        date: '2026-11-24',
        skills: ['groceries'],
        satisfaction: 5,
        observation: 'Rustig en vriendelijk, plant de route zelf',
      },
    ]);
    const forOffice = (await t.http.get(`/api/v1/helpers/${helper.id}/learning`).set(t.auth()).expect(200)).body;
    expect(forOffice.jobs).toEqual([{ requestId: job, date: '2026-11-24', skills: ['groceries'], satisfaction: 5 }]);
    const events = (await t.http.get('/api/v1/events?after=0&limit=1000').set(t.auth())).body;
    expect(JSON.stringify(events)).not.toContain('Rustig');
  });
});
