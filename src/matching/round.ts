import { EXCLUSION_REASONS, type ExclusionReason, type Urgency } from '../domain.js';
import { maxWeightAssignment, type AssignmentEdge } from './assignment.js';
import { DETOUR_FACTOR, TRAVEL_SPEED_KMH } from './geo.js';
import type { Candidate, HelperProfile, Job, MatchContext } from './matching.types.js';
import { frameJob } from './placement.js';
import { checkHelper, reasonsOf } from './rank.js';
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
}

/** The longest trip any helper could make between two jobs, each within their reach of home. */
function maxTravelMs(helpers: readonly HelperProfile[]): number {
  let hours = 0;
  for (const h of helpers)
    hours = Math.max(hours, (2 * h.maxTravelKm * DETOUR_FACTOR) / TRAVEL_SPEED_KMH[h.travelMode]);
  return Math.ceil(hours * 60) * 60_000;
}

/**
 * Groups jobs whose windows lie closer together than any helper's longest trip. A helper gets at most
 * one proposal per group, so two proposals to one helper can never overlap, travel included; and the
 * groups are independent assignment problems, each solved exactly.
 */
export function clusterJobs<T extends Job>(jobs: readonly T[], gapMs: number): T[][] {
  const sorted = [...jobs].sort((a, b) => a.window.start - b.window.start || a.requestId - b.requestId);
  const clusters: T[][] = [];
  let end = -Infinity;
  for (const job of sorted) {
    if (job.window.start >= end + gapMs) clusters.push([]);
    clusters.at(-1)!.push(job);
    end = Math.max(end, job.window.end);
  }
  return clusters;
}

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
 * A global round: proposals for every job at once, maximising the urgency-weighted total score.
 * `helpers` holds each id once.
 *
 * Only the helpers near a job (`HelperMap.near`) are checked one by one. Every other helper lacks one
 * of its skills or lives beyond their reach, and `checkHelper` would give them just that reason (the
 * skills before the distance), with `excluded` if the resident does not want them: they are counted,
 * not checked, so a job costs no more for every helper elsewhere in the region.
 */
export function planRound(jobs: readonly RoundJob[], helpers: readonly HelperProfile[], ctx: MatchContext): RoundPlan {
  const proposals: RoundProposal[] = [];
  const unmatched: Unmatched[] = [];
  let objective = 0;
  const map = mapHelpers(helpers);
  const positionOf = new Map(helpers.map((h, pos) => [h.id, pos]));
  /** The last job that counted each helper, as tried or near: the others are counted once at the end. */
  const countedFor = new Int32Array(helpers.length).fill(-1);
  let jobNo = 0;

  for (const cluster of clusterJobs(jobs, maxTravelMs(helpers))) {
    const edges: AssignmentEdge[] = [];
    const candidatesOf = new Map<number, Candidate>();
    const columnOf = new Map<number, number>();
    const helperAt: number[] = [];
    const exclusionCounts: Array<Unmatched['reasons']> = [];
    const feasibleCounts: number[] = [];

    cluster.forEach((job, row) => {
      const stamp = jobNo++;
      const frame = frameJob(job, ctx);
      const counts: Unmatched['reasons'] = {};
      let rest = helpers.length;
      let skilledRest = map.skilledCount(job);
      const count = (pos: number) => {
        countedFor[pos] = stamp;
        rest -= 1;
        if (holdsSkills(job, helpers[pos]!)) skilledRest -= 1;
      };
      for (const id of job.triedHelperIds) {
        const pos = positionOf.get(id);
        if (pos === undefined) continue;
        count(pos);
        add(counts, 'tried', 1);
      }
      for (const pos of map.near(job)) {
        if (countedFor[pos] === stamp) continue;
        count(pos);
        const helper = helpers[pos]!;
        const result = checkHelper(frame, helper, ctx);
        if (typeof result === 'number') {
          for (const r of reasonsOf(result)) add(counts, r, 1);
          continue;
        }
        let col = columnOf.get(helper.id);
        if (col === undefined) {
          col = helperAt.push(helper.id) - 1;
          columnOf.set(helper.id, col);
        }
        candidatesOf.set(row * helpers.length + col, result);
        edges.push({ row, col, weight: result.score * URGENCY_WEIGHT[job.urgency] });
        feasibleCounts[row] = (feasibleCounts[row] ?? 0) + 1;
      }
      add(counts, 'skills', rest - skilledRest);
      add(counts, 'distance', skilledRest);
      for (const id of job.excludedHelperIds) {
        const pos = positionOf.get(id);
        if (pos !== undefined && countedFor[pos] !== stamp) add(counts, 'excluded', 1);
      }
      exclusionCounts.push(counts);
    });

    const solution = maxWeightAssignment(cluster.length, helperAt.length, edges);
    objective += solution.total;
    const matchedRows = new Set<number>();
    for (const { row, col } of solution.pairs) {
      matchedRows.add(row);
      proposals.push({ requestId: cluster[row]!.requestId, candidate: candidatesOf.get(row * helpers.length + col)! });
    }
    cluster.forEach((job, row) => {
      if (matchedRows.has(row)) return;
      const reasons = { ...exclusionCounts[row]! };
      if (feasibleCounts[row]) reasons.taken = feasibleCounts[row];
      unmatched.push({ requestId: job.requestId, reasons: sortReasons(reasons) });
    });
  }

  proposals.sort((a, b) => a.requestId - b.requestId);
  unmatched.sort((a, b) => a.requestId - b.requestId);
  return {
    proposals,
    unmatched,
    totalScore: round2(proposals.reduce((sum, p) => sum + p.candidate.score, 0)),
    objective: round2(objective),
  };
}

function sortReasons(reasons: Unmatched['reasons']): Unmatched['reasons'] {
  const order = [...EXCLUSION_REASONS, ...ROUND_REASONS] as const;
  return Object.fromEntries(order.filter((r) => reasons[r] !== undefined).map((r) => [r, reasons[r]]));
}
