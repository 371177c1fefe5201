import { CRITERIA, type Criterion } from '../domain.js';
import type { Breakdown, HelperProfile, Job, MatchContext } from './matching.types.js';

/** Reference week for helpers without a cap: a full-time week. */
const DEFAULT_WEEK_HOURS = 40;

export interface ScoreInput {
  job: Job;
  helper: HelperProfile;
  distanceKm: number;
  hoursThisWeek: number;
}

/** Closer is better: 1 at the door, one half at `distanceHalfKm`, never below zero. */
export function distanceTerm(distanceKm: number, halfKm: number): number {
  return 1 / (1 + Math.max(0, distanceKm) / halfKm);
}

/** Share of the job's skills that belong to the helper's own track: that is what they are learning. */
export function trackFitTerm(job: Job, helper: HelperProfile, ctx: MatchContext): number {
  if (job.skills.length === 0) return 0;
  const inTrack = job.skills.filter((s) => ctx.skillTracks.get(s) === helper.track).length;
  return inTrack / job.skills.length;
}

export function workloadTerm(hoursThisWeek: number, maxHoursPerWeek: number | null): number {
  const cap = maxHoursPerWeek ?? DEFAULT_WEEK_HOURS;
  if (cap <= 0) return 0;
  return Math.min(1, Math.max(0, 1 - hoursThisWeek / cap));
}

/** A resident without a stated language is served in any; otherwise one shared language is enough. */
export function languageTerm(job: Job, helper: HelperProfile): number {
  if (job.languages.length === 0) return 1;
  return job.languages.some((l) => helper.languages.includes(l)) ? 1 : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The weighted score 0..100 and how much each criterion contributed to it. */
export function scoreCandidate(input: ScoreInput, ctx: MatchContext): { score: number; breakdown: Breakdown } {
  const { job, helper } = input;
  const values: Record<Criterion, number> = {
    distance: distanceTerm(input.distanceKm, ctx.settings.distanceHalfKm),
    continuity: job.previousHelperIds.has(helper.id) ? 1 : 0,
    trackFit: trackFitTerm(job, helper, ctx),
    workload: workloadTerm(input.hoursThisWeek, helper.maxHoursPerWeek),
    language: languageTerm(job, helper),
  };
  const weights = ctx.settings.weights;
  const totalWeight = CRITERIA.reduce((sum, c) => sum + weights[c], 0);
  let score = 0;
  const breakdown = {} as Breakdown;
  for (const c of CRITERIA) {
    const points = totalWeight > 0 ? (100 * weights[c] * values[c]) / totalWeight : 0;
    score += points;
    breakdown[c] = { value: round2(values[c]), weight: weights[c], points: round2(points) };
  }
  return { score: round2(score), breakdown };
}
