import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Candidates } from '../../src/candidates/candidates.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { RoundResult } from '../../src/rounds/rounds.schema.js';
import type { TestApp } from '../support/app.js';
import { dementiaHelper, FAR, NEAR, startSupervisedApp } from '../support/pairs.js';
import { enterRequest, newResident, proposalsOf } from '../support/requests.js';

describe('the global round with supervised pairs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startSupervisedApp(false);
  });
  afterEach(() => t.close());

  const [near, far] = [NEAR, FAR];
  const helper = (level: 'learning' | 'mentor', location: { lat: number; lon: number }) =>
    dementiaHelper(t, level, location);
  const dementiaJob = async () => enterRequest(t, await newResident(t), { skills: ['dementia-support'] });
  const runRound = async () =>
    RoundResult.parse((await t.http.post('/api/v1/matching/run').set(t.auth()).expect(200)).body);
  const statusOf = async (id: number) =>
    HelpRequest.parse((await t.http.get(`/api/v1/requests/${id}`).set(t.auth()).expect(200)).body).status;

  it('proposes a learner with a mentor as a pair where the learner lifts the pair above the mentor alone', async () => {
    const [m, l] = [await helper('mentor', far), await helper('learning', near)];
    const job = await dementiaJob();
    const ranked = Candidates.parse(
      (await t.http.get(`/api/v1/requests/${job.id}/candidates`).set(t.auth()).expect(200)).body,
    );
    const mentorAlone = ranked.candidates.find((c) => c.helperId === m)!.score;

    const round = await runRound();
    expect(round.pairs).toBe(1);
    expect(round.unmatched).toEqual([]);
    expect(round.proposals.map((p) => [p.requestId, p.helperId, p.role])).toEqual([
      [job.id, l, 'learner'],
      [job.id, m, 'supervisor'],
    ]);
    const [learnerHalf, supervisorHalf] = round.proposals;
    expect(learnerHalf!.partnerId).toBe(supervisorHalf!.id);
    expect(supervisorHalf!.partnerId).toBe(learnerHalf!.id);
    expect(learnerHalf!.start).toBe(supervisorHalf!.start);
    // The pair counts once, at its own score: the mean of its halves, above the mentor alone.
    const pairScore = Math.round(((learnerHalf!.score + supervisorHalf!.score) / 2) * 100) / 100;
    expect(round.totalScore).toBeCloseTo(pairScore, 2);
    expect(pairScore).toBeGreaterThan(mentorAlone);
    // Written as a pair proposed by hand is: both halves, the request proposed.
    expect((await proposalsOf(t, job.id)).map((p) => [p.helperId, p.role, p.status])).toEqual([
      [l, 'learner', 'proposed'],
      [m, 'supervisor', 'proposed'],
    ]);
    expect(await statusOf(job.id)).toBe('proposed');
    expect(await runRound()).toMatchObject({ proposals: [], pairs: 0, unmatched: [] });
  });

  it('proposes the mentor alone when the learner would only lower the pair', async () => {
    const m = await helper('mentor', near);
    await helper('learning', far);
    const job = await dementiaJob();
    const round = await runRound();
    expect(round.pairs).toBe(0);
    expect(round.proposals.map((p) => [p.requestId, p.helperId, p.role])).toEqual([[job.id, m, 'alone']]);
  });

  it.each(['learner', 'supervisor'] as const)(
    'reports the request as changed when the %s is deactivated while the round plans, and writes neither half',
    async (half) => {
      const [m, l] = [await helper('mentor', far), await helper('learning', near)];
      const job = await dementiaJob();
      // The round has read when run() returns its promise; the deactivation lands while it plans.
      const pending = t.services.rounds.run('test');
      t.services.helpers.deactivate(half === 'learner' ? l : m, 'test');
      const round = await pending;
      expect(round).toMatchObject({ proposals: [], pairs: 0, totalScore: 0 });
      expect(round.unmatched).toEqual([{ requestId: job.id, reasons: { changed: 1 } }]);
      expect(await proposalsOf(t, job.id)).toEqual([]);
      expect(await statusOf(job.id)).toBe('open');
    },
  );
});
