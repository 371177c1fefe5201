import type { Breakdown, HelperProfile, Job, MatchContext } from './matching.types.js';
import { practiceWorkloadTerm } from './practice.js';
import { tripKm } from './trips.js';

/** Reference week for helpers without a cap: a full-time week. */
const DEFAULT_WEEK_HOURS = 40;

export interface ScoreInput {
  job: Job;
  helper: HelperProfile;
  /** From the helper's home. */
  distanceKm: number;
  hoursThisWeek: number;
  /** The job as placed. */
  start: number;
  end: number;
}

/** Closer is better: 1 at the door, one half at `distanceHalfKm`, never below zero. */
export function distanceTerm(distanceKm: number, halfKm: number): number {
  return 1 / (1 + Math.max(0, distanceKm) / halfKm);
}

/** Share of the job's skills that belong to the helper's own track: that is what they are learning. */
export function trackFitTerm(job: Job, helper: HelperProfile, ctx: MatchContext): number {
  if (job.skills.length === 0) return 0;
  let inTrack = 0;
  for (const s of job.skills) if (ctx.skillTracks.get(s) === helper.track) inTrack += 1;
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

/** 1 when the job exercises a skill the helper is learning: practice is what their programme is for. */
export function learningTerm(job: Job, helper: HelperProfile): number {
  return job.skills.some((s) => helper.learning.has(s)) ? 1 : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A criterion's share of the score 0..100: its weight out of `total`, times its value. */
function points(value: number, weight: number, total: number): number {
  return total > 0 ? (100 * weight * value) / total : 0;
}

function part(value: number, weight: number, total: number) {
  return { value: round2(value), weight, points: round2(points(value, weight, total)) };
}

/** The weighted score 0..100 and how much each criterion contributed to it. */
export function scoreCandidate(input: ScoreInput, ctx: MatchContext): { score: number; breakdown: Breakdown } {
  const { job, helper } = input;
  const w = ctx.settings.weights;
  const total = w.distance + w.continuity + w.trackFit + w.workload + w.language + w.learning;
  const { settings } = ctx;
  const travelKm = settings.chainTrips
    ? tripKm(helper, job.location, input, input.distanceKm, settings.timeZone)
    : input.distanceKm;
  const distance = distanceTerm(travelKm, settings.distanceHalfKm);
  const continuity = job.previousHelperIds.has(helper.id) ? 1 : 0;
  const trackFit = trackFitTerm(job, helper, ctx);
  const weekRoom = workloadTerm(input.hoursThisWeek, helper.maxHoursPerWeek);
  const workload = settings.practiceHours ? practiceWorkloadTerm(weekRoom, helper.practice, input.start) : weekRoom;
  const language = languageTerm(job, helper);
  const learning = learningTerm(job, helper);
  const score =
    points(distance, w.distance, total) +
    points(continuity, w.continuity, total) +
    points(trackFit, w.trackFit, total) +
    points(workload, w.workload, total) +
    points(language, w.language, total) +
    points(learning, w.learning, total);
  return {
    score: round2(score),
    breakdown: {
      distance: part(distance, w.distance, total),
      continuity: part(continuity, w.continuity, total),
      trackFit: part(trackFit, w.trackFit, total),
      workload: part(workload, w.workload, total),
      language: part(language, w.language, total),
      learning: part(learning, w.learning, total),
    },
  };
}
