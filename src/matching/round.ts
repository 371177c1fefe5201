import { EXCLUSION_REASONS, type ExclusionReason, type Urgency } from '../domain.js';
import { localWeek } from './calendar.js';
import type { Candidate, HelperProfile, Job, MatchContext } from './matching.types.js';
import { frameJob } from './placement.js';
import { checkSkilled, reasonsOf } from './rank.js';
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

export interface Unmatched {
  requestId: number;
  /**
   * How many helpers each reason excluded; `tried` counts helpers who had this request before, `taken`
   * feasible helpers who got another job this round.
   */
  reasons: Partial<Record<ExclusionReason | RoundReason, number>>;
}

export interface RoundPlan {
  proposals: RoundProposal[];
  unmatched: Unmatched[];
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
  const candidates: Candidate[] = [];
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
        return;
      }
      const weight = result.score * URGENCY_WEIGHT[job.urgency];
      const { week: w } = frame;
      const week = result.start >= w.start && result.start < w.end ? w.start : localWeek(result.start, tz).start;
      edges.push({ row, helper: pos, weight, start: result.start, end: result.end, location: job.location, week });
      candidates.push(result);
      feasibleCounts[row]! += 1;
    });
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
  const proposals: RoundProposal[] = solution.chosen.map((id) => ({
    requestId: jobs[edges[id]!.row]!.requestId,
    candidate: candidates[id]!,
  }));
  const matched = new Set(solution.chosen.map((id) => edges[id]!.row));
  const unmatched: Unmatched[] = [];
  jobs.forEach((job, row) => {
    if (matched.has(row)) return;
    const reasons = { ...exclusionCounts[row]! };
    if (feasibleCounts[row]) reasons.taken = feasibleCounts[row];
    unmatched.push({ requestId: job.requestId, reasons: sortReasons(reasons) });
  });
  proposals.sort((a, b) => a.requestId - b.requestId);
  unmatched.sort((a, b) => a.requestId - b.requestId);
  return {
    proposals,
    unmatched,
    totalScore: round2(proposals.reduce((sum, p) => sum + p.candidate.score, 0)),
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
