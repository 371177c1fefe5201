import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRAVEL_MODES, URGENCIES } from '../../src/domain.js';
import { localWeek } from '../../src/matching/calendar.js';
import { travelMinutes } from '../../src/matching/geo.js';
import type { Candidate, HelperProfile, MatchContext } from '../../src/matching/matching.types.js';
import { frameJob, hoursHeldIn } from '../../src/matching/placement.js';
import { evaluatePair } from '../../src/matching/pairs.js';
import { checkHelper, reasonsOf } from '../../src/matching/rank.js';
import { planRound, type RoundJob, type RoundPlan, URGENCY_WEIGHT } from '../../src/matching/round.js';
import { type MipSolver, relativeGap } from '../../src/matching/round/mip.js';
import { loadHighsSolver } from '../../src/rounds/highs-solver.js';
import { at, context, east, helperProfile, HOME, HOUR, job, MINUTE } from './fixtures.js';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const TUESDAY = at('2026-11-24T00:00:00+01:00');
const DAY = 24 * HOUR;

function roundJob(requestId: number, start: number, minutes: number, extra: Partial<RoundJob> = {}): RoundJob {
  return {
    ...job({ requestId, window: { start, end: start + minutes * MINUTE }, durationMinutes: minutes }),
    urgency: 'normal',
    triedHelperIds: new Set(),
    ...extra,
  };
}

/** Whether the helper can hold all of `held` at once: pairwise clear, travel included, within every cap. */
function holdsAll(helper: HelperProfile, held: ReadonlyArray<{ job: RoundJob; c: Candidate }>, ctx: MatchContext) {
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const [a, b] = held[i]!.c.start <= held[j]!.c.start ? [held[i]!, held[j]!] : [held[j]!, held[i]!];
      const travel = travelMinutes(a.job.location, b.job.location, helper.travelMode) * MINUTE;
      if (a.c.end + travel > b.c.start) return false;
    }
  }
  if (helper.maxHoursPerWeek === null) return true;
  for (const { c } of held) {
    const week = localWeek(c.start, ctx.settings.timeZone);
    const proposed = held.filter((h) => h.c.start >= week.start && h.c.start < week.end);
    const hours = proposed.reduce((sum, h) => sum + (h.c.end - h.c.start) / HOUR, 0);
    if (hoursHeldIn(week, helper) + hours > helper.maxHoursPerWeek + 1e-9) return false;
  }
  return true;
}

/**
 * Every hard constraint of the plan: one proposal or pair per request, each a candidate (a pair as
 * `evaluatePair` makes it), every helper's set holdable, a pair's halves in both helpers' sets.
 */
function expectFeasible(
  plan: RoundPlan,
  jobs: readonly RoundJob[],
  helpers: readonly HelperProfile[],
  ctx: MatchContext,
) {
  const jobOf = new Map(jobs.map((j) => [j.requestId, j]));
  const helperOf = new Map(helpers.map((h) => [h.id, h]));
  const requests = [...plan.proposals, ...plan.pairs].map((p) => p.requestId);
  expect(new Set(requests).size).toBe(requests.length);
  for (const { requestId, pair } of plan.pairs) {
    const j = jobOf.get(requestId)!;
    const [learner, supervisor] = [helperOf.get(pair.learner.helperId)!, helperOf.get(pair.supervisor.helperId)!];
    expect(evaluatePair(j, learner, supervisor, ctx)).toEqual(pair);
    expect(reasonsOf(checkHelper(frameJob(j, ctx), learner, ctx) as number)).toEqual(['supervision']);
  }
  for (const helper of helpers) {
    const held = [
      ...plan.proposals.map((p) => ({ requestId: p.requestId, c: p.candidate })),
      ...plan.pairs.flatMap((p) => [p.pair.learner, p.pair.supervisor].map((c) => ({ requestId: p.requestId, c }))),
    ]
      .filter((p) => p.c.helperId === helper.id)
      .map((p) => ({ job: jobOf.get(p.requestId)!, c: p.c }));
    for (const { job: j } of held) expect(j.triedHelperIds.has(helper.id)).toBe(false);
    for (const p of plan.proposals.filter((p) => p.candidate.helperId === helper.id))
      expect(checkHelper(frameJob(jobOf.get(p.requestId)!, ctx), helper, ctx)).toEqual(p.candidate);
    expect(holdsAll(helper, held, ctx)).toBe(true);
  }
}

/**
 * The optimum by trying every way to give each request one of its candidates or none: a helper alone,
 * or any pair of a helper excluded for `supervision` only with a helper who can come alone, scored as
 * `evaluatePair` scores it and holding both helpers. No pair is left out beforehand.
 */
function bruteForce(jobs: readonly RoundJob[], helpers: readonly HelperProfile[], ctx: MatchContext): number {
  const options = jobs.map((j) => {
    const frame = frameJob(j, ctx);
    const asked = helpers.filter((h) => !j.triedHelperIds.has(h.id));
    const verdicts = asked.map((h) => ({ h, c: checkHelper(frame, h, ctx) }));
    const alone = verdicts.flatMap(({ h, c }) =>
      typeof c === 'number' ? [] : [{ holds: [{ helper: h, c }], weight: c.score * URGENCY_WEIGHT[j.urgency] }],
    );
    const learners = verdicts.filter(({ c }) => typeof c === 'number' && reasonsOf(c).join() === 'supervision');
    const pairs = learners.flatMap(({ h: learner }) =>
      alone.flatMap((one) => {
        const supervisor = one.holds[0]!.helper;
        const pair = evaluatePair(j, learner, supervisor, ctx);
        if (!('learner' in pair)) return [];
        const holds = [
          { helper: learner, c: pair.learner },
          { helper: supervisor, c: pair.supervisor },
        ];
        return [{ holds, weight: pair.score * URGENCY_WEIGHT[j.urgency] }];
      }),
    );
    return [...alone, ...pairs];
  });
  let best = 0;
  const held = new Map<number, Array<{ job: RoundJob; c: Candidate }>>();
  const walk = (i: number, total: number) => {
    if (i === jobs.length) {
      best = Math.max(best, total);
      return;
    }
    walk(i + 1, total);
    for (const o of options[i]!) {
      const mine = o.holds.map(({ helper, c }) => [...(held.get(helper.id) ?? []), { job: jobs[i]!, c }]);
      if (!o.holds.every(({ helper }, k) => holdsAll(helper, mine[k]!, ctx))) continue;
      const before = o.holds.map(({ helper }) => held.get(helper.id));
      o.holds.forEach(({ helper }, k) => held.set(helper.id, mine[k]!));
      walk(i + 1, total + o.weight);
      o.holds.forEach(({ helper }, k) => {
        if (before[k]) held.set(helper.id, before[k]);
        else held.delete(helper.id);
      });
    }
  };
  walk(0, 0);
  return best;
}

describe('the exact round', () => {
  it('gives one helper two jobs of one morning that do not overlap, travel included', () => {
    // The counterexample: grouping jobs close in time let the helper take only one (65.22).
    const ctx = context();
    const helpers = [helperProfile({ availability: [{ weekday: 2, start: 0, end: 24 * 60 }], maxHoursPerWeek: null })];
    const jobs = [roundJob(1, TUESDAY + 9 * HOUR, 60), roundJob(2, TUESDAY + 10.25 * HOUR, 60)];
    const plan = planRound(jobs, helpers, ctx, { solver });
    expect(plan.proposals.map((p) => [p.requestId, p.candidate.helperId])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    // The plan's objective is rounded to cents.
    expect(Math.abs(plan.objective - bruteForce(jobs, helpers, ctx))).toBeLessThan(0.006);
    expect(plan.objective).toBeGreaterThan(130);
    expect({ exact: plan.exact, gap: plan.gap }).toEqual({ exact: true, gap: 0 });
    expectFeasible(plan, jobs, helpers, ctx);
  });

  it.each([
    ['the trip between them does not fit', east(1), 'walking', 60, 1],
    ['the weekly cap leaves room for one', HOME, 'cycling', 1.5, 1],
  ] as const)('takes one of two such jobs when %s', (_, location, travelMode, maxHoursPerWeek, proposals) => {
    const ctx = context();
    const helpers = [helperProfile({ maxTravelKm: 10, travelMode, maxHoursPerWeek })];
    const jobs = [roundJob(1, TUESDAY + 9 * HOUR, 60), roundJob(2, TUESDAY + 10.25 * HOUR, 60, { location })];
    const plan = planRound(jobs, helpers, ctx, { solver });
    expect(plan.proposals).toHaveLength(proposals);
    expect(plan.exact).toBe(true);
    expectFeasible(plan, jobs, helpers, ctx);
  });

  it('reports the proven gap when the time limit stops the solver', () => {
    // An urgent job overlaps two routine ones that fit together: the starting solution takes the urgent
    // one (1.6 × 65.22), the optimum the other two (2 × 65.22). Without time the round keeps its start.
    const ctx = context();
    const helpers = [helperProfile({ maxHoursPerWeek: null })];
    const jobs = [
      roundJob(1, TUESDAY + 9.5 * HOUR, 120, { urgency: 'urgent' }),
      roundJob(2, TUESDAY + 9 * HOUR, 60),
      roundJob(3, TUESDAY + 10.5 * HOUR, 60),
    ];
    const limited = planRound(jobs, helpers, ctx, { solver, timeLimitSeconds: 0 });
    expect(limited.proposals.map((p) => p.requestId)).toEqual([1]);
    expect(limited.exact).toBe(false);
    expect(limited.bound).toBeGreaterThanOrEqual(bruteForce(jobs, helpers, ctx) - 0.01);
    expect(limited.gap).toBeCloseTo(relativeGap(limited.objective, limited.bound), 2);
    expect(limited.gap).toBeGreaterThan(0.3);

    const solved = planRound(jobs, helpers, ctx, { solver });
    expect(solved.proposals.map((p) => p.requestId)).toEqual([2, 3]);
    expect({ exact: solved.exact, gap: solved.gap, bound: solved.bound }).toEqual({
      exact: true,
      gap: 0,
      bound: solved.objective,
    });
  });

  it.each([
    [100, 100, 0],
    [90, 100, 0.1],
    [0, 0, 0],
    [50, 40, 0],
  ])('reports objective %d under bound %d as gap %d', (objective, bound, gap) => {
    expect(relativeGap(objective, bound)).toBeCloseTo(gap, 9);
  });
});

// A small day: helpers near HOME with caps that bind, jobs of 30–120 minutes on Tuesday and Wednesday
// (one week) and the next Monday (another), often overlapping, some back to back.
const smallHelpers = fc
  .array(
    fc.record({
      home: fc.constantFrom(HOME, east(0.5), east(2)),
      travelMode: fc.constantFrom(...TRAVEL_MODES),
      maxHoursPerWeek: fc.option(fc.constantFrom(1, 1.5, 2, 3, 4), { nil: null }),
      // Some are learning one of the two skills the jobs ask: their candidates for it weigh more.
      learning: fc.constantFrom([], [], ['groceries'], ['companionship']).map((codes) => new Set(codes)),
      held: fc.array(fc.record({ day: fc.constantFrom(0, 1, 6), hour: fc.integer({ min: 8, max: 17 }) }), {
        maxLength: 2,
      }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((list) =>
    list.map(({ held, ...h }, i) =>
      helperProfile({
        ...h,
        id: i + 1,
        maxTravelKm: 8,
        availability: [1, 2, 3].map((weekday) => ({ weekday, start: 8 * 60, end: 18 * 60 })),
        commitments: held.map(({ day, hour }, k) => {
          const start = TUESDAY + day * DAY + hour * HOUR;
          return { requestId: 900 + k, start, end: start + HOUR, location: HOME };
        }),
      }),
    ),
  );

const smallJobs = fc
  .array(
    fc.record({
      day: fc.constantFrom(0, 0, 0, 1, 6),
      start: fc.integer({ min: 9 * 4, max: 15 * 4 }),
      minutes: fc.constantFrom(30, 45, 60, 90, 120),
      slack: fc.constantFrom(0, 0, 0, 15, 60),
      location: fc.constantFrom(HOME, east(0.3), east(1), east(3)),
      urgency: fc.constantFrom(...URGENCIES),
      tried: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      skills: fc.constantFrom(['groceries'], ['groceries'], ['companionship']),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((list) =>
    list.map(({ day, start, minutes, slack, location, urgency, tried, skills }, i): RoundJob => {
      const from = TUESDAY + day * DAY + start * 15 * MINUTE;
      return {
        ...job({ requestId: i + 1, skills, window: { start: from, end: from + (minutes + slack) * MINUTE } }),
        durationMinutes: minutes,
        location,
        urgency,
        triedHelperIds: new Set(tried === undefined ? [] : [tried]),
      };
    }),
  );

/** The round's plan of a small day, checked: proven optimal, worth what brute force finds, feasible. */
function optimalPlan(jobs: readonly RoundJob[], helpers: readonly HelperProfile[]): RoundPlan {
  const ctx = context();
  const plan = planRound(jobs, helpers, ctx, { solver });
  expect(plan.exact).toBe(true);
  expect(plan.gap).toBe(0);
  // The plan's objective is rounded to cents.
  expect(Math.abs(plan.objective - bruteForce(jobs, helpers, ctx))).toBeLessThan(0.006);
  expectFeasible(plan, jobs, helpers, ctx);
  return plan;
}

describe('the exact round against brute force', () => {
  it('finds the optimum of every small day, proven, and keeps every hard constraint', () => {
    let multi = 0;
    let learnt = 0;
    fc.assert(
      fc.property(smallJobs, smallHelpers, (jobs, helpers) => {
        const plan = optimalPlan(jobs, helpers);
        const perHelper = new Set(plan.proposals.map((p) => p.candidate.helperId)).size;
        if (perHelper < plan.proposals.length) multi += 1;
        if (plan.proposals.some((p) => p.candidate.breakdown.learning.value === 1)) learnt += 1;
      }),
      { numRuns: 300 },
    );
    // Helpers with several proposals must be common, or this proves little beyond the assignment; so
    // must learners proposed for what they learn, or it proves little about the learning criterion.
    expect(multi).toBeGreaterThan(50);
    expect(learnt).toBeGreaterThan(50);
  });
});

// The small days again, with supervised skills: some jobs may not go to a learner of their skill alone,
// so each such learner near enough is a candidate only in a pair beside a helper who can come alone.
const supervisedDays = fc
  .tuple(smallJobs, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
  .map(([jobs, supervised]) => jobs.map((j, i) => ({ ...j, supervisedSkills: supervised[i] ? j.skills : [] })));

describe('the exact round with supervised pairs against brute force', () => {
  it('finds the optimum over lone helpers and pairs, proven, and keeps every hard constraint for both halves', () => {
    let paired = 0;
    let mixed = 0;
    fc.assert(
      fc.property(supervisedDays, smallHelpers, (jobs, helpers) => {
        const plan = optimalPlan(jobs, helpers);
        const scores = [...plan.proposals.map((p) => p.candidate.score), ...plan.pairs.map((p) => p.pair.score)];
        expect(plan.totalScore).toBeCloseTo(
          scores.reduce((a, b) => a + b, 0),
          2,
        );
        if (plan.pairs.length > 0) paired += 1;
        if (plan.pairs.length > 0 && plan.proposals.length > 0) mixed += 1;
      }),
      { numRuns: 600 },
    );
    // Pairs must be chosen often, and beside lone helpers, or this proves little about them. 600 days keep
    // more than 40 with pairs on every seed: of 300, seed 1833603309 had 39.
    expect(paired).toBeGreaterThan(40);
    expect(mixed).toBeGreaterThan(20);
  });

  it('takes a pair when the learner lifts it above the helper alone, and the helper alone when not', () => {
    const ctx = context();
    const supervised = roundJob(1, TUESDAY + 10 * HOUR, 60, { supervisedSkills: ['groceries'] });
    const learner = helperProfile({ id: 1, learning: new Set(['groceries']) });
    const supervisor = helperProfile({ id: 2, home: east(2) });
    const paired = planRound([supervised], [learner, supervisor], ctx, { solver });
    expect(paired.proposals).toEqual([]);
    expect(paired.pairs.map((p) => [p.requestId, p.pair.learner.helperId, p.pair.supervisor.helperId])).toEqual([
      [1, 1, 2],
    ]);
    expect(paired.pairs[0]!.pair).toEqual(evaluatePair(supervised, learner, supervisor, ctx));

    // The learner far away: the pair scores below the supervisor alone and is never a candidate.
    const farLearner = { ...learner, home: east(3) };
    const near = { ...supervisor, home: HOME };
    const lone = planRound([supervised], [farLearner, near], ctx, { solver });
    expect(lone.pairs).toEqual([]);
    expect(lone.proposals.map((p) => p.candidate.helperId)).toEqual([2]);
  });
});

// A crowded week for the hard constraints at a size brute force cannot check: many jobs per helper.
const crowdedJobs = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 2 }),
      start: fc.integer({ min: 9 * 4, max: 16 * 4 }),
      minutes: fc.constantFrom(30, 60, 90),
      slack: fc.constantFrom(0, 30, 120),
      km: fc.double({ min: -3, max: 3, noNaN: true }),
      urgency: fc.constantFrom(...URGENCIES),
    }),
    { minLength: 20, maxLength: 80 },
  )
  .map((list) =>
    list.map(({ day, start, minutes, slack, km, urgency }, i): RoundJob => {
      const from = TUESDAY + day * DAY + start * 15 * MINUTE;
      return {
        ...job({ requestId: i + 1, window: { start: from, end: from + (minutes + slack) * MINUTE } }),
        durationMinutes: minutes,
        location: east(km),
        urgency,
        triedHelperIds: new Set(),
      };
    }),
  );

const crowdedHelpers = fc
  .array(
    fc.record({
      km: fc.double({ min: -3, max: 3, noNaN: true }),
      travelMode: fc.constantFrom(...TRAVEL_MODES),
      maxHoursPerWeek: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    }),
    { minLength: 3, maxLength: 20 },
  )
  .map((list) => list.map(({ km, ...h }, i) => helperProfile({ ...h, id: i + 1, home: east(km), maxTravelKm: 8 })));

describe('the exact round on crowded weeks', () => {
  it('never double-books a helper, travel included, and keeps every weekly cap', () => {
    let mip = 0;
    fc.assert(
      fc.property(crowdedJobs, crowdedHelpers, (jobs, helpers) => {
        const ctx = context();
        const plan = planRound(jobs, helpers, ctx, { solver });
        expectFeasible(plan, jobs, helpers, ctx);
        expect(plan.objective).toBeLessThanOrEqual(plan.bound + 1e-6);
        mip += plan.methods.mip;
      }),
      { numRuns: 30 },
    );
    expect(mip).toBeGreaterThan(15);
  });
});
