/**
 * The hindsight bound of issue 13: how many requests any policy could have matched before their window
 * starts on the same world, knowing in advance who would say yes and when. It is an upper bound, never
 * a target a policy must reach: the model relaxes the service's rules wherever that is simpler.
 *
 * - A (request, helper) pair can be matched when the helper passes every hard constraint for the job
 *   on their own (the matching core's `placeJob`: skills, reach, availability, absences, closed days)
 *   and would accept, with the answer in before the window starts even if the proposal went out the
 *   minute the request came in (or later, when that gets the answer sooner: a night's message is read
 *   at 07:00).
 * - One helper never does two jobs that cannot both fit: for each two of a helper's pairs, if even the
 *   earliest placement of one, plus the trip, ends after the latest placement of the other (both ways
 *   round), at most one is taken. Three jobs that fit two by two but not all together are not caught:
 *   that is what makes it a bound rather than the optimum when windows are flexible. With fixed
 *   windows the rows are exact.
 * - Weekly hours caps: the jobs that start in one local week, whichever way they are placed, fit the
 *   helper's cap (a job whose window spans two weeks counts in neither: a relaxation again).
 *
 * The 0–1 program is solved by HiGHS; when its time limit stops it first, the solver's proven dual
 * bound is reported (still an upper bound) with the gap to the best plan found; when not even that
 * exists, the LP relaxation is solved instead.
 */
import * as highsModule from 'highs';
import { holidaysBetween } from '../../src/closures/holidays.js';
import { learningSkills, splitSkills } from '../../src/helpers/helper-skills.js';
import { HelperCreate } from '../../src/helpers/helpers.schema.js';
import { localDay, localWeek, parseClock } from '../../src/matching/calendar.js';
import { haversineKm, travelMinutes } from '../../src/matching/geo.js';
import type { HelperProfile, Job, MatchContext } from '../../src/matching/matching.types.js';
import { frameJob, isInactive, placeJob } from '../../src/matching/placement.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { gini } from './measures.js';
import { answerOf, DAY, localTime, MINUTE, TZ, type World } from './world.js';

export interface HindsightRequest {
  job: Job;
  /** When intake entered it: no proposal can go out earlier. */
  arrivedAt: number;
  urgent: boolean;
}

/**
 * When the helper's yes to this request would be in at the earliest, over every moment the proposal
 * could be sent; null when they would decline or never answer.
 */
export type EarliestYes = (request: number, helper: number) => number | null;

export interface HindsightPair {
  request: number;
  helper: number;
  /** From the helper's home to the job. */
  distanceKm: number;
  /** Earliest and latest start the helper can make in the window, with nothing else planned. */
  earliest: number;
  latest: number;
}

export interface HindsightProblem {
  pairs: HindsightPair[];
  requests: number;
  urgent: number;
  /** Requests no helper passes the hard constraints for: no policy can match them. */
  nobodyCould: number[];
  /** Requests some helper could do, but none of those would say yes in time. */
  nobodyWould: number[];
  /**
   * Per helper, the most minutes of work they could log: the jobs they could do whose yes would come in
   * before the latest start they could make (also after the window starts), under each week's cap.
   */
  capacityMinutes: number[];
  /** Every (request, helper) that could have been done, with the yes in before the latest start. */
  workable: Array<{ request: number; helper: number }>;
  /** Rows of the 0–1 program over the pairs (`Σ x ≤ 1` unless `upper` says otherwise). */
  rows: Array<{ pairs: number[]; weights?: number[]; upper: number }>;
}

/** Positions of the items, grouped by key. */
function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  items.forEach((item, i) => {
    const k = key(item as T);
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

/** The earliest and latest start the helper can make in the job's window, with nothing else planned. */
function startRange(job: Job, helper: HelperProfile, ctx: MatchContext): { earliest: number; latest: number } | null {
  const frame = frameJob(job, ctx);
  if (frame.allClosed || isInactive(frame, helper)) return null;
  const placed = placeJob(frame, { ...helper, commitments: [] });
  if (typeof placed === 'string') return null;
  let latest = placed.start;
  for (const day of frame.openDays) {
    if (helper.absences.some((a) => a.from <= day.date && day.date <= a.to)) continue;
    if (helper.activeFrom !== null && day.date < helper.activeFrom) continue;
    if (helper.activeUntil !== null && day.date > helper.activeUntil) continue;
    for (const slot of helper.availability) {
      if (slot.weekday !== day.weekday) continue;
      const from = Math.max(day.midnight + slot.start * MINUTE, frame.earliest);
      const to = Math.min(day.midnight + slot.end * MINUTE, frame.end);
      if (to - from >= frame.durationMs) latest = Math.max(latest, to - frame.durationMs);
    }
  }
  return { earliest: placed.start, latest };
}

function hasSkills(job: Job, helper: HelperProfile): boolean {
  return job.skills.every((s) => helper.skills.has(s));
}

/** The pairs and rows of the hindsight program; pure. */
export function buildHindsight(
  helpers: readonly HelperProfile[],
  requests: readonly HindsightRequest[],
  earliestYes: EarliestYes,
  ctx: MatchContext,
): HindsightProblem {
  const pairs: HindsightPair[] = [];
  const nobodyCould: number[] = [];
  const nobodyWould: number[] = [];
  const tz = ctx.settings.timeZone;
  const minutesByWeek = helpers.map(() => new Map<number, number>());
  const workable: HindsightProblem['workable'] = [];
  requests.forEach((r, i) => {
    let could = false;
    let would = false;
    helpers.forEach((h, k) => {
      const { job } = r;
      if (!hasSkills(job, h) || job.excludedHelperIds.has(h.id)) return;
      if (haversineKm(h.home, job.location) > h.maxTravelKm) return;
      const range = startRange(job, h, { ...ctx, now: r.arrivedAt });
      if (!range) return;
      if (h.maxHoursPerWeek !== null && job.durationMinutes / 60 > h.maxHoursPerWeek) return;
      could = true;
      const yes = earliestYes(i, k);
      if (yes === null || yes >= range.latest) return;
      // A job that could start in either of two weeks counts towards both: capacity stays an upper bound.
      workable.push({ request: i, helper: k });
      for (const at of new Set([localWeek(range.earliest, tz).start, localWeek(range.latest, tz).start])) {
        minutesByWeek[k]!.set(at, (minutesByWeek[k]!.get(at) ?? 0) + job.durationMinutes);
      }
      if (yes >= job.window.start) return;
      would = true;
      pairs.push({ request: i, helper: k, distanceKm: haversineKm(h.home, job.location), ...range });
    });
    if (!could) nobodyCould.push(i);
    else if (!would) nobodyWould.push(i);
  });

  const rows: HindsightProblem['rows'] = [];
  const byRequest = groupBy(pairs, (p) => p.request);
  const byHelper = groupBy(pairs, (p) => p.helper);
  for (const ids of byRequest.values()) if (ids.length > 1) rows.push({ pairs: ids, upper: 1 });

  for (const [k, ids] of byHelper) {
    const helper = helpers[k]!;
    const duration = (id: number) => requests[pairs[id]!.request]!.job.durationMinutes * MINUTE;
    const location = (id: number) => requests[pairs[id]!.request]!.job.location;
    const sorted = [...ids].sort((a, b) => pairs[a]!.earliest - pairs[b]!.earliest);
    for (let x = 0; x < sorted.length; x++) {
      const a = sorted[x]!;
      const pa = pairs[a]!;
      for (let y = x + 1; y < sorted.length; y++) {
        const b = sorted[y]!;
        const pb = pairs[b]!;
        // Sorted by earliest start: once b's earliest start is a day past a's earliest end (no trip
        // takes a day), b and every later one fit after a.
        if (pb.earliest >= pa.earliest + duration(a) + DAY) break;
        const trip = travelMinutes(location(a), location(b), helper.travelMode) * MINUTE;
        const aFirst = pa.earliest + duration(a) + trip <= pb.latest;
        const bFirst = pb.earliest + duration(b) + trip <= pa.latest;
        if (!aFirst && !bFirst) rows.push({ pairs: [a, b], upper: 1 });
      }
    }
    if (helper.maxHoursPerWeek === null) continue;
    const cap = helper.maxHoursPerWeek * 60;
    const inOneWeek = ids.filter(
      (id) => localWeek(pairs[id]!.earliest, tz).start === localWeek(pairs[id]!.latest, tz).start,
    );
    for (const positions of groupBy(inOneWeek, (id) => localWeek(pairs[id]!.earliest, tz).start).values()) {
      const week = positions.map((at) => inOneWeek[at]!);
      const minutes = week.map((id) => duration(id) / MINUTE);
      if (minutes.reduce((s, m) => s + m, 0) > cap) rows.push({ pairs: week, weights: minutes, upper: cap });
    }
  }
  const urgent = requests.filter((r) => r.urgent).length;
  const capacityMinutes = helpers.map((h, k) => {
    const cap = h.maxHoursPerWeek === null ? Infinity : h.maxHoursPerWeek * 60;
    return [...minutesByWeek[k]!.values()].reduce((sum, minutes) => sum + Math.min(cap, minutes), 0);
  });
  return { pairs, requests: requests.length, urgent, nobodyCould, nobodyWould, capacityMinutes, workable, rows };
}

export interface BoundValue {
  /** An upper bound on the number of requests (of those the objective counts) any policy can match. */
  bound: number;
  /** The best plan the solver found within its time: the bound is proven within `gap` of it. */
  found: number;
  /** Whether the MIP was solved to optimality (then `bound` is the model's optimum). */
  exact: boolean;
  gap: number;
  method: 'mip' | 'lp';
  seconds: number;
}

// The package's types describe its CommonJS build; Node loads its ES module, whose default is the loader.
const loadHighs = highsModule.default as unknown as typeof highsModule.default.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

function solveOnce(
  solver: Highs,
  problem: HindsightProblem,
  cost: Float64Array,
  integer: boolean,
  timeLimitSeconds: number,
) {
  const { objectiveSense, modelStatus, variableType } = solver.constants;
  const starts = new Int32Array(problem.rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  problem.rows.forEach((row, r) => {
    row.pairs.forEach((p, j) => {
      indices.push(p);
      values.push(row.weights?.[j] ?? 1);
    });
    starts[r + 1] = indices.length;
  });
  const cols = problem.pairs.length;
  const rows = problem.rows.length;
  const model = solver.createModel({
    numCols: cols,
    numRows: rows,
    sense: objectiveSense.maximize,
    colCost: cost,
    colLower: new Float64Array(cols),
    colUpper: new Float64Array(cols).fill(1),
    rowLower: new Float64Array(rows).fill(-solver.infinity),
    rowUpper: Float64Array.from(problem.rows, (r) => r.upper),
    matrix: {
      format: 'csr',
      numRows: rows,
      numCols: cols,
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    ...(integer ? { integrality: new Int32Array(cols).fill(variableType.integer) } : {}),
  });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0 });
    model.run();
    const optimal = model.getModelStatus() === modelStatus.optimal;
    const solution = model.getSolution().colValue;
    const found = integer ? Array.from(solution).reduce((s, v, i) => s + Math.round(v) * cost[i]!, 0) : 0;
    const dual = integer ? Number(model.info.get('mip_dual_bound')) : Number.NaN;
    const bound = optimal ? model.getObjectiveValue() : dual;
    return { optimal, found, bound, seconds: model.getRunTime() };
  } finally {
    model.dispose();
  }
}

/**
 * The largest number of requests (`counts(i)` says which count) that can be matched, as the model
 * allows: the MIP's optimum, else its proven dual bound, else the LP relaxation.
 */
export async function solveHindsight(
  problem: HindsightProblem,
  counts: (request: number) => boolean,
  timeLimitSeconds = 20,
): Promise<BoundValue> {
  const solver = await (highs ??= loadHighs());
  const cost = Float64Array.from(problem.pairs, (p) => (counts(p.request) ? 1 : 0));
  if (problem.pairs.length === 0) return { bound: 0, found: 0, exact: true, gap: 0, method: 'mip', seconds: 0 };
  const mip = solveOnce(solver, problem, cost, true, timeLimitSeconds);
  // Counts are whole numbers: a dual bound of 41.9999997 proves 41 (the tolerance is far smaller).
  const whole = (x: number) => Math.floor(x + 1e-6);
  if (mip.optimal) {
    const best = Math.round(mip.bound);
    return { bound: best, found: best, exact: true, gap: 0, method: 'mip', seconds: mip.seconds };
  }
  if (Number.isFinite(mip.bound)) {
    const bound = whole(mip.bound);
    const gap = bound > 0 ? (bound - mip.found) / bound : 0;
    return { bound, found: mip.found, exact: false, gap, method: 'mip', seconds: mip.seconds };
  }
  const lp = solveOnce(solver, problem, cost, false, timeLimitSeconds);
  if (!lp.optimal) throw new Error('the LP relaxation of the hindsight bound did not solve in time');
  return { bound: whole(lp.bound), found: 0, exact: false, gap: 1, method: 'lp', seconds: mip.seconds + lp.seconds };
}

/**
 * The lowest mean travel (km) of any plan that matches `most` requests, `most` being the proven
 * maximum: every kilometre costs less than one match is worth, so the optimum of "matches minus a
 * little per kilometre" matches `most` and travels least among those plans; the solver's proven bound
 * on that optimum bounds the travel from below. Not a floor for a policy that matches fewer.
 */
export async function travelAtMostMatched(
  problem: HindsightProblem,
  most: number,
  timeLimitSeconds = 20,
): Promise<number> {
  if (most === 0) return 0;
  const solver = await (highs ??= loadHighs());
  const perKm = 1 / (problem.requests * Math.max(1, ...problem.pairs.map((p) => p.distanceKm)) + 1);
  const cost = Float64Array.from(problem.pairs, (p) => 1 - perKm * p.distanceKm);
  const result = solveOnce(solver, problem, cost, true, timeLimitSeconds);
  const bound = Number.isFinite(result.bound) ? result.bound : most;
  // HiGHS proves the optimum to within an absolute 1e-6: that much more travel may be hidden in it.
  return Math.max(0, (most - bound - 1e-6) / perKm) / most;
}

/**
 * The least Gini coefficient any spread of `totalHours` over helpers who can each log at most their
 * capacity can have: filling everyone up to one level (a spread every other one majorises), with
 * those who could log nothing at zero.
 */
export function giniFloor(capacityHours: readonly number[], totalHours: number): number {
  const sorted = [...capacityHours].sort((a, b) => a - b);
  let left = totalHours;
  const spread = sorted.map((cap, i) => {
    const level = left / (sorted.length - i);
    const take = Math.min(cap, level);
    left -= take;
    return take;
  });
  return gini(spread);
}

// ---------------------------------------------------------------------------------------------------
// The simulated world as the bound sees it.

/** A helper of the world as the matching core sees them, with nothing planned yet. */
function profileOf(helper: HelperCreate, id: number): HelperProfile {
  const { codes, levels } = splitSkills(helper.skills);
  return {
    id,
    track: helper.track,
    skills: new Set(codes),
    learning: new Set(learningSkills(codes, levels)),
    home: helper.location!,
    maxTravelKm: helper.maxTravelKm,
    travelMode: helper.travelMode ?? 'cycling',
    availability: (helper.availability ?? []).map((s) => ({
      weekday: s.weekday,
      start: parseClock(s.start),
      end: parseClock(s.end),
    })),
    absences: (helper.absences ?? []).map(({ from, to }) => ({ from, to })),
    maxHoursPerWeek: helper.maxHoursPerWeek ?? null,
    languages: helper.languages ?? ['nl'],
    activeFrom: helper.activeFrom ?? null,
    activeUntil: helper.activeUntil ?? null,
    active: true,
    commitments: [],
  };
}

/**
 * The first moment at or after `at` when helpers read their phone (07:00–22:00): no answer to a
 * proposal sent at `at` or later, `delay` minutes after it was sent, comes in sooner (world.answerTime
 * never answers before the send time plus the delay, and only in waking hours).
 */
export function firstWakingMoment(at: number): number {
  const morning = localTime(at, 7);
  if (at < morning) return morning;
  return at < localTime(at, 22) ? at : localTime(at + DAY, 7);
}

export interface WorldBound {
  matched: BoundValue;
  urgentMatched: BoundValue;
  /** The lowest mean travel of a plan that matches as many as `matched.bound` (when that is exact). */
  travelKm: number | null;
  problem: HindsightProblem;
}

/** The hindsight bound of a simulated world: its helpers, its requests, and their answers. */
export async function worldBound(world: World, seed: number, timeLimitSeconds?: number): Promise<WorldBound> {
  const helpers = world.helpers.map((h, k) => profileOf(h, k + 1));
  const requests: HindsightRequest[] = world.arrivals.map((a) => ({
    arrivedAt: a.at,
    urgent: a.input.urgency === 'urgent',
    job: {
      requestId: 0,
      skills: a.input.skills,
      window: { start: Date.parse(a.input.window.start), end: Date.parse(a.input.window.end) },
      durationMinutes: a.input.durationMinutes!,
      location: world.residents[a.resident]!.location!,
      languages: [],
      excludedHelperIds: new Set(world.residents[a.resident]!.excludedHelperIds ?? []),
      previousHelperIds: new Set(),
    },
  }));
  const first = localDay(world.start, TZ).date;
  const last = localDay(world.end, TZ).date;
  const ctx: MatchContext = {
    now: world.start,
    settings: { ...DEFAULT_SETTINGS },
    skillTracks: new Map(SKILL_CATALOGUE.map((s) => [s.code, s.track])),
    closedDates: new Set(holidaysBetween(first, last).map((h) => h.date)),
  };
  const earliestYes: EarliestYes = (i, k) => {
    const answer = answerOf(seed, i, k);
    if (answer.kind !== 'accept') return null;
    return firstWakingMoment(world.arrivals[i]!.at + answer.delayMinutes * MINUTE);
  };
  const problem = buildHindsight(helpers, requests, earliestYes, ctx);
  const matched = await solveHindsight(problem, () => true, timeLimitSeconds);
  const urgentMatched = await solveHindsight(problem, (i) => requests[i]!.urgent, timeLimitSeconds);
  const travelKm = matched.exact ? await travelAtMostMatched(problem, matched.bound, timeLimitSeconds) : null;
  return { matched, urgentMatched, travelKm, problem };
}
