import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import type { ParticipantWorkshop } from '../../src/learning/workshops.schema.js';
import { buildHelper, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest, proposalsOf } from '../support/requests.js';

describe("settings: a skill's first job only after the track's workshops", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object, role: Parameters<TestApp['auth']>[0] = 'dispatcher') =>
    (await t.http.post(path).set(t.auth(role)).send(body).expect(201)).body;

  async function coachedHelper() {
    const helper = await post('/api/v1/helpers', buildHelper());
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    return helper.id as number;
  }

  async function attendAll(helperId: number) {
    const list = (await t.http.get(`/api/v1/helpers/${helperId}/workshops`).set(t.auth('coach')).expect(200))
      .body as ParticipantWorkshop[];
    for (const w of list)
      await t.http
        .put(`/api/v1/helpers/${helperId}/attendance`)
        .set(t.auth('coach'))
        .send({ workshopId: w.id, attendedOn: '2026-10-05' })
        .expect(200);
  }

  const candidatesOf = async (requestId: number) =>
    Candidates.parse((await t.http.get(`/api/v1/requests/${requestId}/candidates`).set(t.auth()).expect(200)).body);

  const flag = (skills: string[]) =>
    t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ workshopsFirstSkills: skills });

  it('takes known skills only, naming the field', async () => {
    const bad = await flag(['groceries', 'juggling']).expect(400);
    expect(bad.body.error.details[0].field).toBe('workshopsFirstSkills.1');
    expect((await flag(['groceries']).expect(200)).body.workshopsFirstSkills).toEqual(['groceries']);
    expect((await t.http.get('/api/v1/settings').set(t.auth()).expect(200)).body.workshopsFirstSkills).toEqual([
      'groceries',
    ]);
  });

  it('excludes a helper before their first job until they did every workshop, in candidates, proposals and rounds', async () => {
    const helperId = await coachedHelper();
    const resident = await post('/api/v1/residents', buildResident());
    const groceries = await enterRequest(t, resident.id);
    const company = await enterRequest(t, resident.id, {
      skills: ['companionship'],
      window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' },
    });
    // Asked before the flag was set: the accept checks again.
    const early = await post(`/api/v1/requests/${groceries.id}/proposals`, { helperId });
    await flag(['groceries']).expect(200);

    const ranked = await candidatesOf(groceries.id);
    expect(ranked.candidates).toEqual([]);
    expect(ranked.excluded).toEqual([{ helperId, reasons: ['workshops'] }]);
    expect((await candidatesOf(company.id)).candidates.map((c) => c.helperId)).toEqual([helperId]);

    const refused = await t.http.post(`/api/v1/proposals/${early.id}/accept`).set(t.auth()).expect(409);
    expect(refused.body.error.code).toBe('helper_not_feasible');
    expect(refused.body.error.details[0].reasons).toEqual(['workshops']);
    await t.http.post(`/api/v1/proposals/${early.id}/decline`).set(t.auth()).send({}).expect(200);
    const assign = await t.http
      .post(`/api/v1/requests/${groceries.id}/assign`)
      .set(t.auth())
      .send({ helperId })
      .expect(409);
    expect(assign.body.error.details[0].reasons).toEqual(['workshops']);

    const round = (await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body;
    expect(round.proposals.map((p: { requestId: number }) => p.requestId)).toEqual([company.id]);

    await attendAll(helperId);
    expect((await candidatesOf(groceries.id)).candidates.map((c) => c.helperId)).toEqual([helperId]);
  });

  it('lets a helper who held a job before take one without the workshops', async () => {
    const helperId = await coachedHelper();
    const resident = await post('/api/v1/residents', buildResident());
    const first = await enterRequest(t, resident.id, { skills: ['companionship'] });
    await t.http.post(`/api/v1/requests/${first.id}/assign`).set(t.auth()).send({ helperId }).expect(201);
    await flag(['groceries']).expect(200);
    const next = await enterRequest(t, resident.id, {
      window: { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' },
    });
    expect((await candidatesOf(next.id)).candidates.map((c) => c.helperId)).toEqual([helperId]);
    await t.http.post(`/api/v1/requests/${next.id}/assign`).set(t.auth()).send({ helperId }).expect(201);
    expect((await proposalsOf(t, next.id)).map((p) => p.status)).toEqual(['accepted']);
  });
});
