/**
 * The simulated wijkleerbedrijf for scripts/sim/month.ts: helpers, residents, a month of incoming
 * requests and how helpers answer proposals. Everything here is plain data made from a seed, so every
 * strategy the simulation compares sees exactly the same organisation, stream and behaviour.
 */
import { TRACKS, type Track, type Urgency } from '../../src/domain.js';
import { HelperCreate } from '../../src/helpers/helpers.schema.js';
import { localDay } from '../../src/matching/calendar.js';
import { RequestCreate } from '../../src/requests/requests.schema.js';
import { ResidentCreate } from '../../src/residents/residents.schema.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { DESCRIPTIONS } from '../demo/places.js';
import { demoHelper, demoResident, HELPERS_PER_TRACK } from '../demo/people.js';
import { type Random, seededRandom } from '../demo/random.js';

export const TZ = 'Europe/Amsterdam';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const RESIDENTS = 40;
export const REGULARS = 8;

/** Local time on the day of `instant`. */
export function localTime(instant: number, hour: number, minute = 0): number {
  return localDay(instant, TZ).midnight + hour * HOUR + minute * MINUTE;
}

const isoDate = (ms: number) => localDay(ms, TZ).date;
const iso = (ms: number) => new Date(ms).toISOString();
// ---------------------------------------------------------------------------------------------------
// Helpers: 12 per track, 7 students (afternoons), 4 job seekers (mornings) and a volunteer.

function helperFor(track: Track, index: number, start: number, rnd: Random): HelperCreate {
  // Some are away for a few days this month: an exam week, a sick day, a dentist.
  const helper = demoHelper(track, index, rnd, () => {
    if (!rnd.chance(0.3)) return [];
    const from = start + rnd.int(0, 25) * DAY + 12 * HOUR;
    return [{ from: isoDate(from), to: isoDate(from + rnd.int(0, 4) * DAY), reason: 'Afwezig' }];
  });
  return HelperCreate.parse(helper);
}

// ---------------------------------------------------------------------------------------------------
// Residents: the first REGULARS phone in every week or so, for the same kind of help.

export interface Regular {
  /** Index into the residents. */
  resident: number;
  skills: string[];
  /** Requests a week, on average. */
  perWeek: number;
}

/** Help a regular typically needs every week. */
const REGULAR_NEEDS: string[][] = [
  ['groceries'],
  ['companionship', 'dementia-support'],
  ['cleaning'],
  ['exercise-walk'],
  ['groceries', 'companionship'],
  ['laundry', 'ironing'],
  ['digital-help'],
  ['family-support'],
];

// ---------------------------------------------------------------------------------------------------
// The request stream.

/** How often each kind of help is asked for: every skill of the catalogue appears. */
const SKILL_WEIGHTS: Record<string, number> = {
  groceries: 14,
  companionship: 12,
  cleaning: 12,
  'accompany-appointment': 8,
  'digital-help': 8,
  gardening: 7,
  'odd-jobs': 7,
  laundry: 6,
  'family-support': 6,
  'exercise-walk': 6,
  cooking: 5,
  'dementia-support': 5,
  ironing: 4,
};

function weighted<T>(rnd: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let x = rnd.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items.at(-1)![0];
}

export interface Arrival {
  /** When intake enters it (epoch ms, on the minute). */
  at: number;
  /** Index into the residents. */
  resident: number;
  regular: boolean;
  input: Omit<RequestCreate, 'residentId'>;
  windowStart: number;
}

/** The next day from `day` (inclusive) that is not a Sunday. */
function notSunday(day: number): number {
  return localDay(day, TZ).weekday === 7 ? day + DAY : day;
}

/** A window for a job asked for at `at`, `daysAhead` days later, shaped by the kind of help. */
function windowFor(
  rnd: Random,
  at: number,
  urgency: Urgency,
  skill: string,
): { start: number; end: number; durationMinutes: number } {
  const durationMinutes =
    skill === 'cleaning'
      ? rnd.pick([90, 120])
      : skill === 'odd-jobs' || skill === 'gardening'
        ? rnd.pick([60, 120])
        : rnd.pick([60, 60, 90, 120]);
  const dur = durationMinutes * MINUTE;
  if (urgency === 'urgent' || (urgency === 'high' && rnd.chance(0.5))) {
    // Today, from an hour or two from now; too late in the day, then tomorrow morning.
    let start = Math.ceil((at + rnd.int(60, 150) * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
    const length = Math.max(dur, rnd.pick([2, 3]) * HOUR);
    if (start + length > localTime(at, 18)) start = localTime(notSunday(at + DAY), rnd.int(9, 11));
    return { start, end: start + length, durationMinutes };
  }
  const daysAhead = urgency === 'high' ? 1 : urgency === 'normal' ? rnd.int(1, 7) : rnd.int(3, 7);
  const day = notSunday(at + daysAhead * DAY);
  const weekday = localDay(day, TZ).weekday;
  const shape =
    skill === 'accompany-appointment'
      ? 'fixed'
      : weighted(rnd, [
          ['fixed', 35],
          ['part', 40],
          ['days', 25],
        ] as const);
  const startHour = weekday === 6 ? rnd.int(10, 12) : rnd.int(9, 15);
  const start = localTime(day, startHour, rnd.pick([0, 30]));
  if (shape === 'fixed') return { start, end: start + dur, durationMinutes };
  if (shape === 'part')
    return {
      start,
      end: Math.min(start + Math.max(dur, rnd.pick([3, 4]) * HOUR), localTime(day, 18)),
      durationMinutes,
    };
  // Some time in the next few days, office hours.
  const first = localTime(day, 9);
  return { start: first, end: localTime(day + rnd.int(1, 3) * DAY, 17), durationMinutes };
}

function arrivalsOn(day: number, rnd: Random, regulars: readonly Regular[]): Arrival[] {
  const arrivals: Arrival[] = [];
  const count = rnd.int(15, 25);
  const regularWeights = regulars.map((r) => [r, r.perWeek] as const);
  const regularShare = regulars.reduce((sum, r) => sum + r.perWeek, 0) / 5 / 20;
  for (let i = 0; i < count; i++) {
    const at = localTime(day, 8, 30) + rnd.int(0, 8.5 * 60 - 1) * MINUTE;
    const regular = rnd.chance(regularShare) ? weighted(rnd, regularWeights) : null;
    const skill = regular
      ? rnd.pick(regular.skills)
      : weighted(
          rnd,
          SKILL_CATALOGUE.map((s) => [s.code, SKILL_WEIGHTS[s.code] ?? 5] as const),
        );
    const urgency: Urgency = regular
      ? weighted(rnd, [
          ['normal', 70],
          ['low', 30],
        ] as const)
      : weighted(rnd, [
          ['urgent', 8],
          ['high', 17],
          ['normal', 55],
          ['low', 20],
        ] as const);
    const w = windowFor(rnd, at, urgency, skill);
    const input = RequestCreate.parse({
      residentId: 1,
      skills: [skill],
      window: { start: iso(w.start), end: iso(w.end) },
      durationMinutes: w.durationMinutes,
      urgency,
      channel: weighted(rnd, [
        ['phone', 70],
        ['email', 15],
        ['walk-in', 15],
      ] as const),
      description: rnd.pick(DESCRIPTIONS[skill] ?? ['Hulp gevraagd']),
    });
    const { residentId: _, ...rest } = input;
    arrivals.push({
      at,
      resident: regular ? regular.resident : rnd.int(REGULARS, RESIDENTS - 1),
      regular: regular !== null,
      input: rest,
      windowStart: w.start,
    });
  }
  return arrivals.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------------
// Practice plans: every student's school period began on the simulation's Monday and asks 24, 32 or 40
// hours over 20 weeks: due by the clock's end, some 290 hours in all, about two thirds of the month's
// work. Drawn from their own generator, so helpers, stream and answers stay as they were.

export const PRACTICE_WEEKS = 20;

export interface PracticePlan {
  /** Index into the helpers. */
  helper: number;
  period: { start: string; end: string };
  requiredHours: number;
}

function practicePlans(seed: number, start: number, helpers: readonly HelperCreate[]): PracticePlan[] {
  const rnd = seededRandom(mix(seed, 0x5eed, 13));
  const period = { start: isoDate(start), end: isoDate(start + (PRACTICE_WEEKS * 7 - 1) * DAY) };
  return helpers.flatMap((h, helper) =>
    h.kind === 'student' ? [{ helper, period, requiredHours: rnd.pick([24, 32, 40]) }] : [],
  );
}

export interface World {
  start: number;
  weeks: number;
  helpers: HelperCreate[];
  practice: PracticePlan[];
  residents: ResidentCreate[];
  regulars: Regular[];
  arrivals: Arrival[];
  /** When every window of the stream has passed and its work is logged: the clock stops here. */
  end: number;
}

/** The organisation and a stream of `weeks` weeks of requests from `start` (a Monday morning). */
export function makeWorld(seed: number, start: number, weeks: number): World {
  const rnd = seededRandom(seed);
  const helpers = TRACKS.flatMap((track) =>
    Array.from({ length: HELPERS_PER_TRACK }, (_, i) => helperFor(track, i, start, rnd)),
  );
  const residents = Array.from({ length: RESIDENTS }, (_, i) => ResidentCreate.parse(demoResident(i, rnd)));
  const regulars = REGULAR_NEEDS.slice(0, REGULARS).map((skills, resident) => ({
    resident,
    skills,
    perWeek: rnd.pick([1, 2, 2, 3]),
  }));
  const arrivals: Arrival[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const day = start + d * DAY + 12 * HOUR;
    if (localDay(day, TZ).weekday <= 5) arrivals.push(...arrivalsOn(day, rnd, regulars));
  }
  const lastEnd = Math.max(...arrivals.map((a) => Date.parse(a.input.window.end)));
  return {
    start,
    weeks,
    helpers,
    practice: practicePlans(seed, start, helpers),
    residents,
    regulars,
    arrivals,
    end: localTime(lastEnd + DAY, 23),
  };
}

// ---------------------------------------------------------------------------------------------------
// How a helper answers a proposal: fixed per (request, helper), so it does not depend on when or by
// which strategy the proposal was made.

export type Answer = { kind: 'accept' | 'decline'; delayMinutes: number } | { kind: 'ignore' };

export const DECLINE_SHARE = 0.15;
export const IGNORE_SHARE = 0.1;

/** A 32-bit mix of the two numbers and the seed (murmur3's finaliser). */
function mix(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Half answer within a quarter of an hour (the phone is at hand), most of the rest within an hour and
 * a half, some only hours later: urgent deadlines (15 minutes) are often missed, normal ones (4 hours)
 * rarely.
 */
export function answerOf(seed: number, arrival: number, helper: number): Answer {
  const rnd = seededRandom(mix(seed, arrival, helper));
  const u = rnd.next();
  if (u < IGNORE_SHARE) return { kind: 'ignore' };
  const kind = u < IGNORE_SHARE + DECLINE_SHARE ? 'decline' : 'accept';
  const v = rnd.next();
  const delayMinutes = v < 0.5 ? rnd.int(2, 15) : v < 0.8 ? rnd.int(16, 90) : rnd.int(91, 360);
  return { kind, delayMinutes };
}

/** Helpers read their phone between 07:00 and 22:00; a message at night is answered next morning. */
export function answerTime(sentAt: number, delayMinutes: number): number {
  const at = sentAt + delayMinutes * MINUTE;
  const morning = localTime(at, 7);
  if (at < morning) return morning + (delayMinutes % 60) * MINUTE;
  if (at >= localTime(at, 22)) return localTime(at + DAY, 7) + (delayMinutes % 60) * MINUTE;
  return at;
}

/** Hours are logged that evening or the next morning. */
export function completionTime(end: number, arrival: number): number {
  const at = end + (30 + (mix(0, arrival, 7) % 240)) * MINUTE;
  return answerTime(at, 0);
}
