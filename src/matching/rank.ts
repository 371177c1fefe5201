import { EXCLUSION_ORDER, type ExclusionReason } from '../domain.js';
import { haversine, haversineKm } from './geo.js';
import type {
  Candidate,
  ExcludedHelpers,
  Exclusion,
  HelperProfile,
  Job,
  MatchContext,
  Ranking,
} from './matching.types.js';
import { frameJob, hoursInWeek, isInactive, type JobFrame, placeJob } from './placement.js';
import { scoreCandidate } from './scoring.js';

const BIT = Object.fromEntries(EXCLUSION_ORDER.map((r, i) => [r, 1 << i])) as Record<ExclusionReason, number>;

/** Whether `supervision` is the mask's only reason: a learner who could do the job in a supervised pair. */
export function onlySupervision(mask: number): boolean {
  return mask === BIT.supervision;
}

/** The reasons in a mask, as one shared frozen list per combination. */
const reasonLists = new Map<number, readonly ExclusionReason[]>();
export function reasonsOf(mask: number): readonly ExclusionReason[] {
  let list = reasonLists.get(mask);
  if (!list) {
    list = Object.freeze(EXCLUSION_ORDER.filter((r) => mask & BIT[r]));
    reasonLists.set(mask, list);
  }
  return list;
}

function hasSkills(job: Job, helper: HelperProfile): boolean {
  for (const s of job.skills) if (!helper.skills.has(s)) return false;
  return true;
}

/** The job has a skill the helper is learning that settings say a learner may not do alone. */
export function needsSupervision(job: Job, helper: HelperProfile): boolean {
  if (!job.supervisedSkills) return false;
  const learning = helper.learningLevel ?? helper.learning;
  return job.supervisedSkills.some((s) => learning.has(s));
}

/** A helper without the skills is excluded for that (and for being unwanted): nothing else matters. */
function unskilledMask(job: Job, helperId: number): number {
  return BIT.skills | (job.excludedHelperIds.has(helperId) ? BIT.excluded : 0);
}

/**
 * Checks the hard constraints for one helper: the candidate, or a nonzero mask of reasons. The cheap
 * checks come first, and a helper who lacks a skill, lives out of reach or is inactive is excluded for
 * that: whether they could also make the time does not matter, and finding out is the expensive part.
 */
export function checkHelper(frame: JobFrame, helper: HelperProfile, ctx: MatchContext): Candidate | number {
  if (!hasSkills(frame.job, helper)) return unskilledMask(frame.job, helper.id);
  return checkSkilled(frame, helper, ctx, haversineKm(helper.home, frame.job.location));
}

/** The checks after the skills, for a helper who holds them at `distanceKm` from the job. */
export function checkSkilled(
  frame: JobFrame,
  helper: HelperProfile,
  ctx: MatchContext,
  distanceKm: number,
): Candidate | number {
  const { job } = frame;
  const mask = job.excludedHelperIds.has(helper.id) ? BIT.excluded : 0;
  if (distanceKm > helper.maxTravelKm) return mask | BIT.distance;
  return checkNear(frame, helper, ctx, distanceKm, mask);
}

function checkNear(
  frame: JobFrame,
  helper: HelperProfile,
  ctx: MatchContext,
  distanceKm: number,
  excluded: number,
): Candidate | number {
  const { job } = frame;
  let mask = excluded;
  if (isInactive(frame, helper)) return mask | BIT.inactive;
  if (job.workshopsFirst && ctx.workshopsPending?.has(helper.id)) return mask | BIT.workshops;
  if (needsSupervision(job, helper)) return mask | BIT.supervision;
  if (frame.allClosed) return mask | BIT.closed;

  const placement = placeJob(frame, helper);
  if (typeof placement === 'string') mask |= BIT[placement];
  const hoursThisWeek = hoursInWeek(frame, helper);
  if (helper.maxHoursPerWeek !== null && hoursThisWeek + job.durationMinutes / 60 > helper.maxHoursPerWeek) {
    mask |= BIT.hours;
  }
  if (mask !== 0 || typeof placement === 'string') return mask;

  const { score, breakdown } = scoreCandidate({ job, helper, distanceKm, hoursThisWeek, ...placement }, ctx);
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

/** One helper's verdict with its reasons spelled out. */
export function evaluateHelper(frame: JobFrame, helper: HelperProfile, ctx: MatchContext): Candidate | Exclusion {
  const result = checkHelper(frame, helper, ctx);
  return typeof result === 'number' ? { helperId: helper.id, reasons: reasonsOf(result) } : result;
}

const ALL_WEEK = Object.freeze([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: 0, end: 24 * 60 })));

/**
 * The helper as a dispatcher's override sees them: available all week, never absent, with no limit on
 * reach or weekly hours. Skills, the resident's exclusions, closures, the active period and their other
 * jobs (travel included) still count.
 */
export function withoutLimits(helper: HelperProfile): HelperProfile {
  return { ...helper, availability: ALL_WEEK, absences: [], maxTravelKm: Infinity, maxHoursPerWeek: null };
}

/** The excluded helpers as objects, for a reply. */
export function listExcluded(excluded: ExcludedHelpers): Exclusion[] {
  return Array.from(excluded.ids, (helperId, i) => ({ helperId, reasons: reasonsOf(excluded.masks[i]!) }));
}

function inIdOrder(ids: Int32Array, masks: Uint16Array): ExcludedHelpers {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! <= ids[i]!;
  if (sorted) return { ids, masks };
  const order = Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!);
  return { ids: Int32Array.from(order, (i) => ids[i]!), masks: Uint16Array.from(order, (i) => masks[i]!) };
}

/**
 * Where each skill is found among a list of helpers, built once for a list that is ranked many times:
 * ranking then never touches a helper without the job's skills.
 */
export interface HelperIndex {
  ids: Int32Array;
  /** Homes and reach side by side, so the distance check reads no helper object. */
  lat: Float64Array;
  lon: Float64Array;
  maxTravelKm: Float64Array;
  bySkill: ReadonlyMap<string, Int32Array>;
}

export function indexHelpers(helpers: readonly HelperProfile[]): HelperIndex {
  const positions = new Map<string, number[]>();
  helpers.forEach((h, i) => {
    for (const skill of h.skills) {
      const list = positions.get(skill) ?? [];
      list.push(i);
      positions.set(skill, list);
    }
  });
  return {
    ids: Int32Array.from(helpers, (h) => h.id),
    lat: Float64Array.from(helpers, (h) => h.home.lat),
    lon: Float64Array.from(helpers, (h) => h.home.lon),
    maxTravelKm: Float64Array.from(helpers, (h) => h.maxTravelKm),
    bySkill: new Map([...positions].map(([skill, list]) => [skill, Int32Array.from(list)])),
  };
}

/** Positions (ascending) of the helpers holding every one of the job's skills. */
function skilledPositions(job: Job, index: HelperIndex): Int32Array {
  let result: Int32Array | undefined;
  for (const skill of job.skills) {
    const list = index.bySkill.get(skill) ?? new Int32Array(0);
    result = result ? result.filter((p) => list.includes(p)) : list;
  }
  return result ?? new Int32Array(0);
}

/**
 * Ranks every helper for one job: the feasible ones best first, the others with their reasons.
 * `index` must have been built from these `helpers`, position for position; an array that replaces
 * some helpers by copies with their commitments keeps it valid.
 */
export function rankCandidates(
  job: Job,
  helpers: readonly HelperProfile[],
  ctx: MatchContext,
  index: HelperIndex = indexHelpers(helpers),
): Ranking {
  const frame = frameJob(job, ctx);
  const skilled = skilledPositions(job, index);
  const candidates: Candidate[] = [];
  const ids = new Int32Array(helpers.length);
  const masks = new Uint16Array(helpers.length);
  let count = 0;
  let next = 0;
  for (let pos = 0; pos < helpers.length; pos++) {
    let result: Candidate | number;
    if (next < skilled.length && skilled[next] === pos) {
      next += 1;
      const distanceKm = haversine(index.lat[pos]!, index.lon[pos]!, job.location.lat, job.location.lon);
      const excluded = job.excludedHelperIds.has(index.ids[pos]!) ? BIT.excluded : 0;
      result =
        distanceKm > index.maxTravelKm[pos]!
          ? excluded | BIT.distance
          : checkNear(frame, helpers[pos]!, ctx, distanceKm, excluded);
    } else {
      result = unskilledMask(job, index.ids[pos]!);
    }
    if (typeof result === 'number') {
      ids[count] = index.ids[pos]!;
      masks[count++] = result;
    } else candidates.push(result);
  }
  candidates.sort(compareCandidates);
  return { candidates, excluded: inIdOrder(ids.subarray(0, count), masks.subarray(0, count)) };
}
