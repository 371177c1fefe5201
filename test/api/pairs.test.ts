import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MyJob, MyProposal } from '../../src/me/me.schema.js';
import { Proposal } from '../../src/proposals/proposals.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { dementiaHelper, FAR, NEAR, startSupervisedApp } from '../support/pairs.js';
import { buildHelper, LANDGRAAF } from '../support/factories.js';
import { enterRequest, newResident, proposalsOf } from '../support/requests.js';

const HOUR = 3_600_000;

describe('supervised pairs: a learner with a competent or mentor helper', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
    t.services.settings.update({ supervisedSkills: ['dementia-support'], holdUntilStart: false });
  });
  afterEach(() => t.close());

  const helper = async (overrides: Parameters<typeof buildHelper>[0] = {}) =>
    (await t.http.post('/api/v1/helpers').set(t.auth()).send(buildHelper(overrides)).expect(201)).body as {
      id: number;
      name: string;
    };
  const learner = () => helper({ skills: [{ code: 'dementia-support', level: 'learning' }, 'groceries'] });
  const mentor = () =>
    helper({
      skills: [{ code: 'dementia-support', level: 'mentor' }],
      location: { lat: LANDGRAAF.lat + 0.006, lon: LANDGRAAF.lon },
    });
  const dementiaJob = async () => enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
  const proposePair = (requestId: number, helperId: number, supervisorId: number) =>
    t.http.post(`/api/v1/requests/${requestId}/proposals`).set(t.auth()).send({ helperId, supervisorId });
  const linkOf = async (helperId: number) => {
    const res = await t.http.post(`/api/v1/helpers/${helperId}/access-link`).set(t.auth()).expect(201);
    return t.bearer(res.body.token as string);
  };
  const requestOf = async (id: number) =>
    HelpRequest.parse((await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body);
  const myProposals = async (link: Record<string, string>) =>
    MyProposal.array().parse((await t.http.get('/api/v1/me/proposals').set(link).expect(200)).body);
  const mySchedule = async (link: Record<string, string>) =>
    MyJob.array().parse((await t.http.get('/api/v1/me/schedule').set(link).expect(200)).body);

  it('asks both; the job is theirs once both said yes, each sees the other then, and both get the hours', async () => {
    const [l, m] = [await learner(), await mentor()];
    const job = await dementiaJob();
    const first = Proposal.parse((await proposePair(job.id, l.id, m.id).expect(201)).body);
    expect(first).toMatchObject({ helperId: l.id, role: 'learner', status: 'proposed', agreedAt: null });
    const halves = await proposalsOf(t, job.id);
    expect(halves.map((p) => [p.helperId, p.role, p.partnerId])).toEqual([
      [l.id, 'learner', halves[1]!.id],
      [m.id, 'supervisor', halves[0]!.id],
    ]);
    expect(halves[0]!.expiresAt).toBe(halves[1]!.expiresAt);
    expect(halves[1]!.start).toBe(halves[0]!.start);

    const [learnerLink, mentorLink] = [await linkOf(l.id), await linkOf(m.id)];
    const asked = await myProposals(learnerLink);
    expect(asked.map((p) => [p.id, p.pair, p.alsoAsked])).toEqual([
      [first.id, { role: 'learner', agreed: false, partnerAgreed: false }, 0],
    ]);
    expect(JSON.stringify(asked)).not.toContain(m.name);

    const agreed = await t.http.post(`/api/v1/proposals/${first.id}/accept`).set(learnerLink).expect(200);
    expect(Proposal.parse(agreed.body)).toMatchObject({ status: 'proposed', agreedAt: expect.any(String) });
    // Half a yes assigns nothing.
    expect(await requestOf(job.id)).toMatchObject({ status: 'proposed', helperId: null, supervisorHelperId: null });
    expect(await mySchedule(learnerLink)).toEqual([]);
    const waiting = await myProposals(mentorLink);
    expect(waiting[0]!.pair).toEqual({ role: 'supervisor', agreed: false, partnerAgreed: true });
    expect(JSON.stringify(waiting)).not.toContain(l.name);
    // Saying yes twice changes nothing.
    await t.http.post(`/api/v1/proposals/${first.id}/accept`).set(learnerLink).expect(200);

    const second = await t.http.post(`/api/v1/proposals/${halves[1]!.id}/accept`).set(mentorLink).expect(200);
    expect(Proposal.parse(second.body).status).toBe('accepted');
    expect(await requestOf(job.id)).toMatchObject({ status: 'assigned', helperId: l.id, supervisorHelperId: m.id });
    expect((await proposalsOf(t, job.id)).map((p) => p.status)).toEqual(['accepted', 'accepted']);
    expect((await mySchedule(learnerLink)).map((j) => j.pair)).toEqual([{ role: 'learner', partnerName: m.name }]);
    expect((await mySchedule(mentorLink)).map((j) => j.pair)).toEqual([{ role: 'supervisor', partnerName: l.name }]);

    // The supervisor is taken at that time too.
    const clash = await enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
    const busy = await t.http
      .post(`/api/v1/requests/${clash.id}/proposals`)
      .set(t.auth())
      .send({ helperId: m.id })
      .expect(409);
    expect(busy.body.error.details[0].reasons).toContain('busy');

    t.clock.set(Date.parse(job.window.start) + 2 * HOUR);
    await t.http.post(`/api/v1/requests/${job.id}/complete`).set(mentorLink).send({ hours: 1 }).expect(200);
    for (const link of [learnerLink, mentorLink]) {
      const hours = (await t.http.get('/api/v1/me/hours').set(link).expect(200)).body;
      expect(hours).toMatchObject({ total: 1, jobs: 1 });
    }
    // Both have it in their calendar feed (a new link for the feed ends the old one).
    for (const id of [l.id, m.id]) {
      const feed = `/h/${t.services.auth.issueHelperLink(id, 'test').token}/calendar.ics`;
      expect((await t.http.get(feed).expect(200)).text).toContain(`UID:request-${job.id}@wijkmatch`);
    }
  });

  it.each([
    ['the learner declines', 0],
    ['the supervisor declines', 1],
  ] as const)('falls apart cleanly when %s: the other half is withdrawn, the request open', async (_, who) => {
    const [l, m] = [await learner(), await mentor()];
    const job = await dementiaJob();
    await proposePair(job.id, l.id, m.id).expect(201);
    const halves = await proposalsOf(t, job.id);
    await t.http
      .post(`/api/v1/proposals/${halves[1 - who]!.id}/accept`)
      .set(t.auth())
      .expect(200);
    await t.http.post(`/api/v1/proposals/${halves[who]!.id}/decline`).set(t.auth()).send({}).expect(200);
    const after = await proposalsOf(t, job.id);
    expect(after[who]!.status).toBe('declined');
    expect(after[1 - who]!.status).toBe('withdrawn');
    expect(await requestOf(job.id)).toMatchObject({ status: 'open', helperId: null, supervisorHelperId: null });
    const late = await t.http
      .post(`/api/v1/proposals/${halves[1 - who]!.id}/accept`)
      .set(t.auth())
      .expect(409);
    expect(late.body.error.code).toBe('proposal_closed');
  });

  it('falls apart when the deadline passes, and a dispatcher assigns both in one call', async () => {
    const [l, m] = [await learner(), await mentor()];
    const job = await dementiaJob();
    await proposePair(job.id, l.id, m.id).expect(201);
    const halves = await proposalsOf(t, job.id);
    await t.http.post(`/api/v1/proposals/${halves[0]!.id}/accept`).set(t.auth()).expect(200);
    t.clock.set(Date.parse(halves[0]!.expiresAt));
    t.services.proposals.expireDue();
    expect((await proposalsOf(t, job.id)).map((p) => p.status)).toEqual(['withdrawn', 'expired']);
    expect((await requestOf(job.id)).status).toBe('open');

    const other = await learner();
    const assigned = await t.http
      .post(`/api/v1/requests/${job.id}/assign`)
      .set(t.auth())
      .send({ helperId: other.id, supervisorId: m.id })
      .expect(201);
    expect(Proposal.parse(assigned.body)).toMatchObject({ helperId: other.id, role: 'learner', status: 'accepted' });
    expect(await requestOf(job.id)).toMatchObject({ status: 'assigned', helperId: other.id, supervisorHelperId: m.id });

    // Taken back, both halves are released and the request is open again.
    await t.http.post(`/api/v1/requests/${job.id}/reassign`).set(t.auth()).send({}).expect(200);
    expect((await proposalsOf(t, job.id)).slice(2).map((p) => p.status)).toEqual(['released', 'released']);
    expect(await requestOf(job.id)).toMatchObject({ status: 'open', helperId: null, supervisorHelperId: null });
  });

  it("counts a pair's job for both in the hours report and the hours export, and once in the total", async () => {
    const [l, m] = [await learner(), await mentor()];
    const job = await dementiaJob();
    await t.http.post(`/api/v1/requests/${job.id}/assign`).set(t.auth()).send({ helperId: l.id, supervisorId: m.id });
    await t.moveClockTo(Date.parse(job.window.end));
    await t.http.post(`/api/v1/requests/${job.id}/complete`).set(t.auth()).send({ hours: 1.5 }).expect(200);
    const day = job.window.start.slice(0, 10);
    const period = { from: day, to: day };

    const byHelper = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...period, by: 'helper' })
      .set(t.auth());
    expect(byHelper.status).toBe(200);
    const rows = byHelper.body.rows as { key: string; hours: number; jobs: number }[];
    expect(rows.map((r) => [r.key, r.hours, r.jobs]).sort()).toEqual(
      [
        [String(l.id), 1.5, 1],
        [String(m.id), 1.5, 1],
      ].sort(),
    );
    const exported = await t.http.get('/api/v1/exports/hours').query(period).set(t.auth()).expect(200);
    const helperColumn = (exported.body.columns as string[]).indexOf('helperId');
    expect((exported.body.rows as unknown[][]).map((r) => r[helperColumn])).toEqual([l.id, m.id].sort((a, b) => a - b));
  });

  it('refuses a pair that cannot be, naming the field', async () => {
    const [l, m] = [await learner(), await mentor()];
    const other = await learner();
    const job = await dementiaJob();
    const groceries = await enterRequest(t, await newResident(t));

    const noLearner = await t.http
      .post(`/api/v1/requests/${job.id}/proposals`)
      .set(t.auth())
      .send({ supervisorId: m.id })
      .expect(400);
    expect(noLearner.body.error.details[0].field).toBe('helperId');
    // Two learners: the supervisor must be able to do it alone.
    const twoLearners = await proposePair(job.id, l.id, other.id).expect(409);
    expect(twoLearners.body.error.details[0]).toMatchObject({ field: 'supervisorId', reasons: ['supervision'] });
    // A competent helper as the learner, or a job nobody needs supervising for: no pair is needed.
    for (const [requestId, helperId] of [
      [job.id, m.id],
      [groceries.id, l.id],
    ]) {
      const needless = await proposePair(requestId!, helperId!, m.id === helperId ? l.id : m.id).expect(409);
      expect(needless.body.error).toMatchObject({
        code: 'helper_not_feasible',
        details: [{ field: 'helperId', reasons: ['supervision'] }],
      });
    }
    await t.http
      .post(`/api/v1/requests/${job.id}/proposals`)
      .set(t.auth())
      .send({ helperId: l.id, supervisorId: 999_999 })
      .expect(404);
    await proposePair(job.id, l.id, m.id).expect(201);
    const twice = await proposePair(job.id, l.id, m.id).expect(409);
    expect(twice.body.error.code).toBe('proposal_exists');
    expect((await proposalsOf(t, job.id)).length).toBe(2);
  });
});

describe('auto-propose with supervised pairs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startSupervisedApp(true);
  });
  afterEach(() => t.close());

  const [near, far] = [NEAR, FAR];
  const helper = (level: 'learning' | 'mentor', location: { lat: number; lon: number }) =>
    dementiaHelper(t, level, location);
  const asked = async (requestId: number) =>
    (await proposalsOf(t, requestId)).filter((p) => p.status === 'proposed').map((p) => [p.helperId, p.role]);

  it('asks a learner who fits better than the helper alone as a pair, with that helper beside them', async () => {
    const [m, l] = [await helper('mentor', far), await helper('learning', near)];
    const job = await enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
    expect(await asked(job.id)).toEqual([
      [l, 'learner'],
      [m, 'supervisor'],
    ]);
  });

  it('asks the helper alone when the learner would only lower the pair', async () => {
    const m = await helper('mentor', near);
    await helper('learning', far);
    const job = await enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
    expect(await asked(job.id)).toEqual([[m, 'alone']]);
  });

  it('asks no learner alone, and nobody when no one can supervise them', async () => {
    await helper('learning', near);
    const job = await enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
    expect(await asked(job.id)).toEqual([]);
  });
});
