import { EXCLUSION_REASONS, type ExclusionReason, type Urgency } from '../domain.js';
import { maxWeightAssignment, type AssignmentEdge } from './assignment.js';
import { DETOUR_FACTOR, TRAVEL_SPEED_KMH } from './geo.js';
import type { Candidate, HelperProfile, Job, MatchContext } from './matching.types.js';
import { frameJob } from './placement.js';
import { checkHelper, reasonsOf } from './rank.js';

/** An urgent request outweighs a slightly better match for a routine one. */
export const URGENCY_WEIGHT: Record<Urgency, number> = { low: 0.8, normal: 1, high: 1.3, urgent: 1.6 };

export interface RoundJob extends Job {
  urgency: Urgency;
  /** Helpers who had a proposal for this request already (declined, expired, withdrawn): not asked again. */
  triedHelperIds: ReadonlySet<number>;
}

/** Why a round left a helper out beyond the hard constraints; `changed`: the request or helper changed while it was planned. */
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

/** A global round: proposals for every job at once, maximising the urgency-weighted total score. */
export function planRound(jobs: readonly RoundJob[], helpers: readonly HelperProfile[], ctx: MatchContext): RoundPlan {
  const proposals: RoundProposal[] = [];
  const unmatched: Unmatched[] = [];
  let objective = 0;

  for (const cluster of clusterJobs(jobs, maxTravelMs(helpers))) {
    const edges: AssignmentEdge[] = [];
    const candidatesOf = new Map<string, Candidate>();
    const columnOf = new Map<number, number>();
    const helperAt: number[] = [];
    const exclusionCounts: Array<Unmatched['reasons']> = [];
    const feasibleCounts: number[] = [];

    cluster.forEach((job, row) => {
      const frame = frameJob(job, ctx);
      const counts: Unmatched['reasons'] = {};
      for (const helper of helpers) {
        if (job.triedHelperIds.has(helper.id)) {
          counts.tried = (counts.tried ?? 0) + 1;
          continue;
        }
        const result = checkHelper(frame, helper, ctx);
        if (typeof result === 'number') {
          for (const r of reasonsOf(result)) counts[r] = (counts[r] ?? 0) + 1;
          continue;
        }
        let col = columnOf.get(helper.id);
        if (col === undefined) {
          col = helperAt.push(helper.id) - 1;
          columnOf.set(helper.id, col);
        }
        candidatesOf.set(`${row}:${col}`, result);
        edges.push({ row, col, weight: result.score * URGENCY_WEIGHT[job.urgency] });
        feasibleCounts[row] = (feasibleCounts[row] ?? 0) + 1;
      }
      exclusionCounts.push(counts);
    });

    const solution = maxWeightAssignment(cluster.length, helperAt.length, edges);
    objective += solution.total;
    const matchedRows = new Set<number>();
    for (const { row, col } of solution.pairs) {
      matchedRows.add(row);
      proposals.push({ requestId: cluster[row]!.requestId, candidate: candidatesOf.get(`${row}:${col}`)! });
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
