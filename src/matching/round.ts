import { EXCLUSION_REASONS, type ExclusionReason, type Urgency } from '../domain.js';
import { localWeek } from './calendar.js';
import type { Candidate, HelperProfile, Job, MatchContext } from './matching.types.js';
import { frameJob } from './placement.js';
import { type PairCandidate, pairEvaluator } from './pairs.js';
import { checkSkilled, onlySupervision, reasonsOf } from './rank.js';
import { loadHelper, type RoundEdge } from './round/conflicts.js';
import { relativeGap } from './round/mip.js';
import { solveRound, type SolveOptions } from './round/solve.js';
import { mapHelpers } from './spatial.js';

/** An urgent request outweighs a slightly better match for a routine one. */
export const URGENCY_WEIGHT: Record<Urgency, number> = { low: 0.8, normal: 1, high: 1.3, urgent: 1.6 };

export interface RoundJob extends Job {
  urgency: Urgency;
  /** Helpers who had a proposal for this request already (declined, expired, withdrawn): not asked again. */
  triedHelperIds: ReadonlySet<number>;
}

/**
 * Why a round left a helper out beyond the hard constraints; `changed`: the request or the planned
 * helper changed while the round was planned, so it waits for the next round.
 */
export const ROUND_REASONS = ['tried', 'taken', 'changed'] as const;
export type RoundReason = (typeof ROUND_REASONS)[number];

export interface RoundProposal {
  requestId: number;
  candidate: Candidate;
}

/** A supervised pair the round chose for a request: a learner with a competent or mentor helper. */
export interface RoundPair {
  requestId: number;
  pair: PairCandidate;
}

export interface Unmatched {
  requestId: number;
  /**
   * How many helpers each reason excluded; `tried` counts helpers who had this request before, `taken`
   * feasible helpers who got another job this round.
   */
  reasons: Partial<Record<ExclusionReason | RoundReason, number>>;
}

export interface RoundPlan {
  /** The requests that go to one helper alone. */
  proposals: RoundProposal[];
  /** The requests that go to a supervised pair; no request is in both lists. */
  pairs: RoundPair[];
  unmatched: Unmatched[];
  /** The scores of the chosen candidates, a pair's once (its mean, as `evaluatePair` scores it). */
  totalScore: number;
  /** The urgency-weighted total the round maximised. */
  objective: number;
  /** Whether `objective` is proven optimal; false when the time limit stopped the solver first. */
  exact: boolean;
  /** How far `objective` may lie below the optimum, as a share of the proven bound (0 when exact). */
  gap: number;
  /** A proven upper bound on the optimal objective. */
  bound: number;
  /** How many independent parts the assignment solver and the MIP solved. */
  methods: { assignment: number; mip: number };
}

/** The MIP's time for a whole round; the plan then reports the proven gap instead of optimality. */
export const ROUND_TIME_LIMIT_SECONDS = 2;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function holdsSkills(job: Job, helper: HelperProfile): boolean {
  for (const s of job.skills) if (!helper.skills.has(s)) return false;
  return true;
}

function add(counts: Unmatched['reasons'], reason: ExclusionReason | RoundReason, n: number): void {
  if (n > 0) counts[reason] = (counts[reason] ?? 0) + n;
}

/**
 * A global round: proposals for every job at once, maximising the urgency-weighted total score over
 * the real constraints (one proposal per request, no helper in two places at once with travel, the
 * weekly caps over what the helper holds and is proposed); see `solveRound`. `helpers` holds each id
 * once. Each candidate keeps the start its ranking placed it at (see `RoundEdge`).
 *
 * Only the helpers with the job's skills within their reach of it (`HelperMap.reachable`) are checked
 * one by one. Every other helper lacks one of its skills or lives beyond their reach, and `checkHelper`
 * would give them just that reason (the skills before the distance), with `excluded` if the resident
 * does not want them: they are counted, not checked, so a job costs no more for every helper elsewhere
 * in the region.
 *
 * A job with supervised skills also has its pairs as candidates: every helper whose only reason is
 * `supervision`, beside every helper who can do the job alone, scored as `evaluatePair` scores a pair
 * proposed by hand. A pair worth no more than its supervisor alone at the same time is left out: that
 * candidate takes less (no learner) for as much. The solver takes a pair as one candidate holding both
 * helpers (see `RoundEdge.mate`).
 */
export function planRound(
  jobs: readonly RoundJob[],
  helpers: readonly HelperProfile[],
  ctx: MatchContext,
  options: Pick<SolveOptions, 'solver'> & Partial<SolveOptions>,
): RoundPlan {
  const map = mapHelpers(helpers);
  const positionOf = new Map(helpers.map((h, pos) => [h.id, pos]));
  /** The last job that counted each helper, as tried or within reach: the others are counted once at the end. */
  const countedFor = new Int32Array(helpers.length).fill(-1);
  const edges: RoundEdge[] = [];
  /** What each edge stands for: a candidate alone, or the pair (on both its edges). */
  const offers: Array<Candidate | PairCandidate> = [];
  const exclusionCounts: Array<Unmatched['reasons']> = [];
  const feasibleCounts = new Int32Array(jobs.length);
  const tz = ctx.settings.timeZone;

  jobs.forEach((job, row) => {
    const frame = frameJob(job, ctx);
    const counts: Unmatched['reasons'] = {};
    /** How many helpers each mask of reasons excluded: a few masks, many helpers. */
    const masks = new Map<number, number>();
    let rest = helpers.length;
    let skilledChecked = 0;
    const supervised = (job.supervisedSkills?.length ?? 0) > 0;
    const learners: number[] = [];
    /** The helpers who can do the job alone, as positions and their edges. */
    const alone: Array<{ pos: number; edge: number }> = [];
    const weekOf = (start: number) =>
      start >= frame.week.start && start < frame.week.end ? frame.week.start : localWeek(start, tz).start;
    for (const id of job.triedHelperIds) {
      const pos = positionOf.get(id);
      if (pos === undefined) continue;
      countedFor[pos] = row;
      rest -= 1;
      if (holdsSkills(job, helpers[pos]!)) skilledChecked += 1;
      add(counts, 'tried', 1);
    }
    const skilled = map.reachable(job, (pos, distanceKm) => {
      if (countedFor[pos] === row) return;
      countedFor[pos] = row;
      rest -= 1;
      skilledChecked += 1;
      const result = checkSkilled(frame, helpers[pos]!, ctx, distanceKm);
      if (typeof result === 'number') {
        masks.set(result, (masks.get(result) ?? 0) + 1);
        if (supervised && onlySupervision(result)) learners.push(pos);
        return;
      }
      const weight = result.score * URGENCY_WEIGHT[job.urgency];
      const week = weekOf(result.start);
      if (supervised) alone.push({ pos, edge: edges.length });
      edges.push({ row, helper: pos, weight, start: result.start, end: result.end, location: job.location, week });
      offers.push(result);
      feasibleCounts[row]! += 1;
    });
    if (learners.length > 0 && alone.length > 0) {
      const evaluate = pairEvaluator(job, ctx);
      for (const learner of learners) {
        for (const { pos, edge } of alone) {
          const pair = evaluate(helpers[learner]!, helpers[pos]!);
          if (!('learner' in pair)) continue;
          const own = edges[edge]!;
          const { start, end } = pair.supervisor;
          if (pair.score <= (offers[edge] as Candidate).score && start === own.start && end === own.end) continue;
          const weight = pair.score * URGENCY_WEIGHT[job.urgency];
          const week = weekOf(start);
          const lead = edges.length;
          const half = { row, weight, start, end, location: job.location, week };
          edges.push({ ...half, helper: learner, mate: lead + 1 }, { ...half, helper: pos, mate: lead });
          offers.push(pair, pair);
        }
      }
    }
    for (const [mask, n] of masks) for (const r of reasonsOf(mask)) add(counts, r, n);
    const skilledRest = skilled - skilledChecked;
    add(counts, 'skills', rest - skilledRest);
    add(counts, 'distance', skilledRest);
    for (const id of job.excludedHelperIds) {
      const pos = positionOf.get(id);
      if (pos !== undefined && countedFor[pos] !== row) add(counts, 'excluded', 1);
    }
    exclusionCounts.push(counts);
  });

  const solution = solveRound(jobs.length, edges, (pos) => loadHelper(helpers[pos]!, tz), {
    timeLimitSeconds: ROUND_TIME_LIMIT_SECONDS,
    ...options,
  });
  const proposals: RoundProposal[] = [];
  const pairs: RoundPair[] = [];
  for (const id of solution.chosen) {
    const requestId = jobs[edges[id]!.row]!.requestId;
    const offer = offers[id]!;
    if ('learner' in offer) pairs.push({ requestId, pair: offer });
    else proposals.push({ requestId, candidate: offer });
  }
  const matched = new Set(solution.chosen.map((id) => edges[id]!.row));
  const unmatched: Unmatched[] = [];
  jobs.forEach((job, row) => {
    if (matched.has(row)) return;
    const reasons = { ...exclusionCounts[row]! };
    if (feasibleCounts[row]) reasons.taken = feasibleCounts[row];
    unmatched.push({ requestId: job.requestId, reasons: sortReasons(reasons) });
  });
  proposals.sort((a, b) => a.requestId - b.requestId);
  pairs.sort((a, b) => a.requestId - b.requestId);
  unmatched.sort((a, b) => a.requestId - b.requestId);
  const pairScores = pairs.reduce((sum, p) => sum + p.pair.score, 0);
  return {
    proposals,
    pairs,
    unmatched,
    totalScore: round2(proposals.reduce((sum, p) => sum + p.candidate.score, pairScores)),
    objective: round2(solution.objective),
    exact: solution.exact,
    gap: relativeGap(solution.objective, solution.bound),
    bound: round2(solution.bound),
    methods: solution.methods,
  };
}

function sortReasons(reasons: Unmatched['reasons']): Unmatched['reasons'] {
  const order = [...EXCLUSION_REASONS, ...ROUND_REASONS] as const;
  return Object.fromEntries(order.filter((r) => reasons[r] !== undefined).map((r) => [r, reasons[r]]));
}
