import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { buildHelper, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enterRequest } from '../support/requests.js';

describe('settings: skills a learner may not do alone', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;
  const supervise = (skills: string[]) =>
    t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ supervisedSkills: skills });
  const candidatesOf = async (requestId: number) =>
    Candidates.parse((await t.http.get(`/api/v1/requests/${requestId}/candidates`).set(t.auth()).expect(200)).body);

  it('takes known skills only, naming the field', async () => {
    const bad = await supervise(['juggling']).expect(400);
    expect(bad.body.error.details[0].field).toBe('supervisedSkills.0');
    expect((await supervise(['dementia-support']).expect(200)).body.supervisedSkills).toEqual(['dementia-support']);
  });

  it('keeps a learner off such a job in candidates, proposals, accepts and rounds; the competent helper gets it', async () => {
    const learner = await post(
      '/api/v1/helpers',
      buildHelper({ skills: [{ code: 'dementia-support', level: 'learning' }, 'groceries'] }),
    );
    const competent = await post(
      '/api/v1/helpers',
      buildHelper({ skills: ['dementia-support'], location: { lat: 50.92, lon: 6.0259 } }),
    );
    const resident = await post('/api/v1/residents', buildResident());
    const job = await enterRequest(t, resident.id, { skills: ['dementia-support'] });
    const groceries = await enterRequest(t, resident.id, {
      window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' },
    });
    // Asked before the rule: the accept checks again.
    const early = await post(`/api/v1/requests/${job.id}/proposals`, { helperId: learner.id });
    await supervise(['dementia-support']).expect(200);

    const ranked = await candidatesOf(job.id);
    expect(ranked.candidates.map((c) => c.helperId)).toEqual([competent.id]);
    expect(ranked.excluded).toEqual([{ helperId: learner.id, reasons: ['supervision'] }]);
    // Their other skills are not touched.
    expect((await candidatesOf(groceries.id)).candidates.map((c) => c.helperId)).toEqual([learner.id]);

    const refused = await t.http.post(`/api/v1/proposals/${early.id}/accept`).set(t.auth()).expect(409);
    expect(refused.body.error.details[0].reasons).toEqual(['supervision']);
    await t.http.post(`/api/v1/proposals/${early.id}/decline`).set(t.auth()).send({}).expect(200);
    const direct = await t.http
      .post(`/api/v1/requests/${job.id}/proposals`)
      .set(t.auth())
      .send({ helperId: learner.id })
      .expect(409);
    expect(direct.body.error.details[0].reasons).toEqual(['supervision']);

    const round = (await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body;
    expect(round.proposals.map((p: { requestId: number; helperId: number }) => [p.requestId, p.helperId])).toEqual([
      [job.id, competent.id],
      [groceries.id, learner.id],
    ]);

    // Signed off as competent, the helper may do it alone.
    await t.http
      .patch(`/api/v1/helpers/${learner.id}`)
      .set(t.auth())
      .send({ skills: ['dementia-support', 'groceries'] })
      .expect(200);
    expect((await candidatesOf(job.id)).candidates.map((c) => c.helperId)).toContain(learner.id);
  });
});
