import type { ExclusionReason } from '../domain.js';
import { haversineKm } from './geo.js';
import type { Candidate, Exclusion, HelperProfile, Job, MatchContext, Ranking } from './matching.types.js';
import { frameJob, hoursInWeek, isInactive, type JobFrame, placeJob } from './placement.js';
import { scoreCandidate } from './scoring.js';

function hasSkills(job: Job, helper: HelperProfile): boolean {
  for (const s of job.skills) if (!helper.skills.has(s)) return false;
  return true;
}

/**
 * Checks every hard constraint for one helper. Time-based checks (availability, busy, hours) run
 * only for active helpers with the skills on an open day: for anyone else they would not change the
 * answer, and they are the expensive part.
 */
export function evaluateHelper(frame: JobFrame, helper: HelperProfile, ctx: MatchContext): Candidate | Exclusion {
  const { job } = frame;
  const reasons: ExclusionReason[] = [];
  const inactive = isInactive(frame, helper);
  if (inactive) reasons.push('inactive');
  const skilled = hasSkills(job, helper);
  if (!skilled) reasons.push('skills');
  if (job.excludedHelperIds.has(helper.id)) reasons.push('excluded');
  const distanceKm = haversineKm(helper.home, job.location);
  if (distanceKm > helper.maxTravelKm) reasons.push('distance');
  if (frame.allClosed) reasons.push('closed');
  if (inactive || !skilled || frame.allClosed) return { helperId: helper.id, reasons };

  const placement = placeJob(frame, helper);
  if (typeof placement === 'string') reasons.push(placement);
  const hoursThisWeek = hoursInWeek(frame, helper);
  if (helper.maxHoursPerWeek !== null && hoursThisWeek + job.durationMinutes / 60 > helper.maxHoursPerWeek) {
    reasons.push('hours');
  }
  if (reasons.length > 0 || typeof placement === 'string') return { helperId: helper.id, reasons };

  const { score, breakdown } = scoreCandidate({ job, helper, distanceKm, hoursThisWeek }, ctx);
  return {
    helperId: helper.id,
    score,
    distanceKm: Math.round(distanceKm * 100) / 100,
    start: placement.start,
    end: placement.end,
    breakdown,
  };
}

/** Best first: highest score, then nearest, then lowest id, so equal inputs always rank alike. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || a.helperId - b.helperId;
}

/** Ranks every helper for one job: the feasible ones best first, the others with their reasons. */
export function rankCandidates(job: Job, helpers: readonly HelperProfile[], ctx: MatchContext): Ranking {
  const frame = frameJob(job, ctx);
  const candidates: Candidate[] = [];
  const excluded: Exclusion[] = [];
  for (const helper of helpers) {
    const result = evaluateHelper(frame, helper, ctx);
    if ('reasons' in result) excluded.push(result);
    else candidates.push(result);
  }
  candidates.sort(compareCandidates);
  excluded.sort((a, b) => a.helperId - b.helperId);
  return { candidates, excluded };
}
