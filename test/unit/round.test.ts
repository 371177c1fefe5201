import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRAVEL_MODES, URGENCIES } from '../../src/domain.js';
import { localWeek } from '../../src/matching/calendar.js';
import { haversineKm, travelMinutes } from '../../src/matching/geo.js';
import type { Candidate, HelperProfile, MatchContext } from '../../src/matching/matching.types.js';
import { frameJob, hoursHeldIn } from '../../src/matching/placement.js';
import { checkHelper, reasonsOf } from '../../src/matching/rank.js';
import {
  planRound as planWith,
  ROUND_TIME_LIMIT_SECONDS,
  type RoundJob,
  type RoundPlan,
  type Unmatched,
  URGENCY_WEIGHT,
} from '../../src/matching/round.js';
import { loadHelper, type RoundEdge } from '../../src/matching/round/conflicts.js';
import { type MipSolver, relativeGap } from '../../src/matching/round/mip.js';
import { solveRound } from '../../src/matching/round/solve.js';
import { loadHighsSolver } from '../../src/rounds/highs-solver.js';
import { at, context, east, helperProfile, HOME, HOUR, job, MINUTE } from './fixtures.js';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});
const planRound = (jobs: readonly RoundJob[], helpers: readonly HelperProfile[], ctx: MatchContext) =>
  planWith(jobs, helpers, ctx, { solver });

const SKILLS = ['groceries', 'companionship', 'laundry', 'gardening'] as const;
const TUESDAY = at('2026-11-24T00:00:00+01:00');
const DAY = 24 * HOUR;

/**
 * The round without the spatial pre-filter: every helper checked for every job. The same candidates in
 * the same order and the same solvers, so the plans must match exactly.
 */
function referencePlan(jobs: readonly RoundJob[], helpers: readonly HelperProfile[], ctx: MatchContext): RoundPlan {
  const edges: RoundEdge[] = [];
  const found: Candidate[] = [];
  const reasons = jobs.map((job, row) => {
    const frame = frameJob(job, ctx);
    const counts: Unmatched['reasons'] = {};
    let feasible = 0;
    helpers.forEach((helper, pos) => {
      if (job.triedHelperIds.has(helper.id)) {
        counts.tried = (counts.tried ?? 0) + 1;
        return;
      }
      const result = checkHelper(frame, helper, ctx);
      if (typeof result === 'number') {
        for (const r of reasonsOf(result)) counts[r] = (counts[r] ?? 0) + 1;
        return;
      }
      const week = localWeek(result.start, ctx.settings.timeZone).start;
      const weight = result.score * URGENCY_WEIGHT[job.urgency];
      edges.push({ row, helper: pos, weight, start: result.start, end: result.end, location: job.location, week });
      found.push(result);
      feasible += 1;
    });
    if (feasible > 0) counts.taken = feasible;
    return counts;
  });
  const tz = ctx.settings.timeZone;
  const solution = solveRound(jobs.length, edges, (pos) => loadHelper(helpers[pos]!, tz), {
    solver,
    timeLimitSeconds: ROUND_TIME_LIMIT_SECONDS,
  });
  const chosenRows = new Set(solution.chosen.map((id) => edges[id]!.row));
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const proposals = solution.chosen
    .map((id) => ({ requestId: jobs[edges[id]!.row]!.requestId, candidate: found[id]! }))
    .sort((a, b) => a.requestId - b.requestId);
  return {
    proposals,
    // No job here has supervised skills, so no pairs.
    pairs: [],
    unmatched: jobs
      .map((job, row) => ({ requestId: job.requestId, reasons: reasons[row]! }))
      .filter((_, row) => !chosenRows.has(row))
      .sort((a, b) => a.requestId - b.requestId),
    totalScore: round2(proposals.reduce((sum, p) => sum + p.candidate.score, 0)),
    objective: round2(solution.objective),
    exact: solution.exact,
    gap: relativeGap(solution.objective, solution.bound),
    bound: round2(solution.bound),
    methods: solution.methods,
  };
}

// About 35 × 30 km, wider than most helpers travel, so that many are out of reach of a job.
const place = fc.record({
  lat: fc.double({ min: HOME.lat - 0.1, max: HOME.lat + 0.1, noNaN: true }),
  lon: fc.double({ min: HOME.lon - 0.15, max: HOME.lon + 0.15, noNaN: true }),
});
const slot = fc
  .record({
    weekday: fc.integer({ min: 2, max: 4 }),
    start: fc.integer({ min: 6 * 12, max: 18 * 12 }),
    hours: fc.integer({ min: 2, max: 10 }),
  })
  .map(({ weekday, start, hours }) => ({ weekday, start: start * 5, end: Math.min(24 * 60, start * 5 + hours * 60) }));
const commitment = fc
  .record({ day: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 7 * 12, max: 20 * 12 }), location: place })
  .map(({ day, start, location }) => {
    const s = TUESDAY + day * DAY + start * 5 * MINUTE;
    return { requestId: 1, start: s, end: s + HOUR, location };
  });

const helperList = fc
  .array(
    fc.record({
      skills: fc.subarray([...SKILLS], { minLength: 1 }),
      // Which of their skills the helper is still learning, as a share of them (in the order held).
      learningShare: fc.constantFrom(0, 0, 0.5, 1),
      home: place,
      // Mostly a bike ride; now and then someone who drives far, or barely leaves the street.
      maxTravelKm: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 15 }) },
        { weight: 1, arbitrary: fc.double({ min: 0.1, max: 1, noNaN: true }) },
        { weight: 1, arbitrary: fc.integer({ min: 30, max: 80 }) },
      ),
      travelMode: fc.constantFrom(...TRAVEL_MODES),
      availability: fc.array(slot, { minLength: 1, maxLength: 5 }),
      maxHoursPerWeek: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      active: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      activeUntil: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('2026-11-23', '2026-11-25') },
      ),
      commitments: fc.array(commitment, { maxLength: 2 }),
    }),
    { minLength: 5, maxLength: 40, size: 'medium' },
  )
  .map((list) =>
    list.map(({ learningShare, ...h }, i): HelperProfile =>
      helperProfile({
        ...h,
        id: i + 1,
        track: i % 2 === 0 ? 'care' : 'cleaning',
        skills: new Set(h.skills),
        learning: new Set(h.skills.filter((_, k) => k < h.skills.length * learningShare)),
      }),
    ),
  );

/** Ids of helpers who may or may not exist: a resident can exclude someone since removed. */
const someIds = fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { maxLength: 4 }).map((ids) => new Set(ids));

const jobList = fc
  .array(
    fc.record({
      skills: fc.subarray([...SKILLS], { maxLength: 2 }),
      day: fc.integer({ min: 0, max: 2 }),
      start: fc.integer({ min: 7 * 12, max: 17 * 12 }),
      length: fc.integer({ min: 6, max: 60 }),
      duration: fc.integer({ min: 3, max: 24 }),
      location: place,
      urgency: fc.constantFrom(...URGENCIES),
      excludedHelperIds: someIds,
      previousHelperIds: someIds,
      triedHelperIds: someIds,
    }),
    { minLength: 1, maxLength: 12, size: 'medium' },
  )
  .map((list) =>
    list.map(({ day, start, length, duration, ...j }, i): RoundJob => {
      const from = TUESDAY + day * DAY + start * 5 * MINUTE;
      return {
        ...job(j),
        requestId: 100 + i,
        window: { start: from, end: from + length * 5 * MINUTE },
        durationMinutes: Math.min(duration, length) * 5,
        urgency: j.urgency,
        triedHelperIds: j.triedHelperIds,
      };
    }),
  );

const contexts = fc.record({ closed: fc.boolean(), late: fc.boolean() }).map(({ closed, late }) =>
  context({
    closedDates: new Set(closed ? ['2026-11-25'] : []),
    // Now inside some windows: they are placed from now on.
    ...(late ? { now: at('2026-11-24T11:00:00+01:00') } : {}),
  }),
);

describe('the round with its spatial pre-filter', () => {
  it('plans exactly as checking every helper for every job does', () => {
    let proposed = 0;
    let learnt = 0;
    let far = 0;
    fc.assert(
      fc.property(jobList, helperList, contexts, (jobs, helpers, ctx) => {
        const plan = planRound(jobs, helpers, ctx);
        expect(plan).toEqual(referencePlan(jobs, helpers, ctx));
        proposed += plan.proposals.length;
        learnt += plan.proposals.filter((p) => p.candidate.breakdown.learning.value === 1).length;
        far += plan.unmatched.reduce((n, u) => n + (u.reasons.distance ?? 0), 0);
      }),
      { numRuns: 400 },
    );
    // The generators must make proposals, some to learners, and leave helpers out of reach, or this proves little.
    expect(proposed).toBeGreaterThan(500);
    expect(learnt).toBeGreaterThan(100);
    expect(far).toBeGreaterThan(2000);
  });

  it('gives no helper two proposals that overlap, travel included, keeps every weekly cap, and breaks no hard constraint', () => {
    fc.assert(
      fc.property(jobList, helperList, contexts, (jobs, helpers, ctx) => {
        const { proposals } = planRound(jobs, helpers, ctx);
        const jobOf = new Map(jobs.map((j) => [j.requestId, j]));
        expect(new Set(proposals.map((p) => p.requestId)).size).toBe(proposals.length);
        for (const { requestId, candidate } of proposals) {
          const j = jobOf.get(requestId)!;
          const helper = helpers.find((h) => h.id === candidate.helperId)!;
          expect(j.triedHelperIds.has(helper.id)).toBe(false);
          expect(j.excludedHelperIds.has(helper.id)).toBe(false);
          expect(haversineKm(helper.home, j.location)).toBeLessThanOrEqual(helper.maxTravelKm);
          // Every hard constraint, as the ranking checks them: the helper is a candidate, placed alike.
          expect(checkHelper(frameJob(j, ctx), helper, ctx)).toEqual(candidate);
        }
        for (const helper of helpers) {
          const held = proposals
            .filter((p) => p.candidate.helperId === helper.id)
            .sort((a, b) => a.candidate.start - b.candidate.start);
          for (let i = 1; i < held.length; i++) {
            const [before, after] = [held[i - 1]!, held[i]!];
            const travel = travelMinutes(
              jobOf.get(before.requestId)!.location,
              jobOf.get(after.requestId)!.location,
              helper.travelMode,
            );
            expect(before.candidate.end + travel * MINUTE).toBeLessThanOrEqual(after.candidate.start);
          }
          if (helper.maxHoursPerWeek === null) continue;
          for (const { candidate } of held) {
            const week = localWeek(candidate.start, ctx.settings.timeZone);
            const proposed = held
              .filter((p) => p.candidate.start >= week.start && p.candidate.start < week.end)
              .reduce((sum, p) => sum + (p.candidate.end - p.candidate.start) / HOUR, 0);
            expect(hoursHeldIn(week, helper) + proposed).toBeLessThanOrEqual(helper.maxHoursPerWeek + 1e-9);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  // Right at the edge of a helper's reach, where the search and the check measure with different
  // formulas: a helper exactly at their reach can come, a metre further cannot.
  it.each([
    ['exactly at the reach', 0, { proposals: 1 }],
    ['a metre beyond it', 0.001, { distance: 1 }],
  ])('counts a helper %s as the check does', (_, beyondKm, expected) => {
    const location = east(7.3);
    const helper = helperProfile({ home: HOME, maxTravelKm: haversineKm(HOME, location) - beyondKm });
    const jobs: RoundJob[] = [{ ...job({ location }), urgency: 'normal', triedHelperIds: new Set() }];
    const ctx = context();
    const plan = planRound(jobs, [helper], ctx);
    expect(plan).toEqual(referencePlan(jobs, [helper], ctx));
    if ('proposals' in expected) expect(plan.proposals).toHaveLength(expected.proposals);
    else expect(plan.unmatched).toEqual([{ requestId: 100, reasons: expected }]);
  });

  it('counts a far helper for the skills they lack before the distance, and as unwanted either way', () => {
    const ctx = context();
    const helpers = [
      helperProfile({ id: 1, home: east(30), skills: new Set(['gardening']) }),
      helperProfile({ id: 2, home: east(30) }),
      helperProfile({ id: 3, home: east(30), active: false }),
      helperProfile({ id: 4, home: east(30), skills: new Set(['gardening']) }),
      helperProfile({ id: 5, home: east(30) }),
    ];
    const jobs: RoundJob[] = [
      { ...job({ excludedHelperIds: new Set([4, 5, 99]) }), urgency: 'normal', triedHelperIds: new Set([2, 98]) },
    ];
    const plan = planRound(jobs, helpers, ctx);
    expect(plan.unmatched).toEqual([{ requestId: 100, reasons: { skills: 2, excluded: 2, distance: 2, tried: 1 } }]);
    expect(plan).toEqual(referencePlan(jobs, helpers, ctx));
  });
});
