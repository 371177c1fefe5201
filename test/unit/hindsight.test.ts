import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRAVEL_MODES } from '../../src/domain.js';
import { haversineKm, travelMinutes } from '../../src/matching/geo.js';
import type { HelperProfile } from '../../src/matching/matching.types.js';
import {
  buildHindsight,
  type EarliestYes,
  firstWakingMoment,
  giniFloor,
  type HindsightRequest,
  solveHindsight,
  travelAtMostMatched,
} from '../../scripts/sim/hindsight.js';
import { at, context, east, helperProfile, HOUR, job, MINUTE } from './fixtures.js';

const MONDAY = at('2026-11-23T00:00:00+01:00');
const ARRIVED = MONDAY + 8 * HOUR;

interface TinyWorld {
  helpers: HelperProfile[];
  requests: HindsightRequest[];
  /** yes[i][k]: minutes after arrival the helper's yes comes in, or null. */
  yes: (number | null)[][];
}

const earliestYesOf =
  (world: TinyWorld): EarliestYes =>
  (i, k) => {
    const minutes = world.yes[i]![k];
    return minutes === null || minutes === undefined ? null : world.requests[i]!.arrivedAt + minutes * MINUTE;
  };

/**
 * Whether one helper can do all of these jobs, found independently of the model: every order of the
 * jobs, each placed minute by minute at the first start inside a weekly slot after the previous job
 * and the trip (the first fit in a given order is the best one for the rest).
 */
function canDoAll(helper: HelperProfile, jobs: HindsightRequest[]): boolean {
  const minutes = jobs.reduce((s, r) => s + r.job.durationMinutes, 0);
  if (helper.maxHoursPerWeek !== null && minutes > helper.maxHoursPerWeek * 60) return false;
  const fits = (start: number, end: number) => {
    const day = Math.floor((start - MONDAY) / (24 * HOUR));
    const from = (start - MONDAY - day * 24 * HOUR) / MINUTE;
    const to = from + (end - start) / MINUTE;
    return helper.availability.some((s) => s.weekday === day + 1 && s.start <= from && to <= s.end);
  };
  const tryOrder = (left: HindsightRequest[], free: number, from: HindsightRequest | null): boolean => {
    if (left.length === 0) return true;
    return left.some((r, i) => {
      const trip = from ? travelMinutes(from.job.location, r.job.location, helper.travelMode) * MINUTE : 0;
      const duration = r.job.durationMinutes * MINUTE;
      for (let s = Math.max(r.job.window.start, free + trip); s + duration <= r.job.window.end; s += MINUTE) {
        if (fits(s, s + duration)) return tryOrder([...left.slice(0, i), ...left.slice(i + 1)], s + duration, r);
      }
      return false;
    });
  };
  return tryOrder(jobs, -Infinity, null);
}

/**
 * The most requests any policy can match, by trying every assignment of requests to helpers, and the
 * least travel (km, summed) of an assignment that matches that many.
 */
function bruteForceWithTravel(world: TinyWorld, counts: (i: number) => boolean): { best: number; km: number } {
  const { helpers, requests } = world;
  const yes = earliestYesOf(world);
  const options = requests.map((r, i) =>
    helpers.flatMap((h, k) => {
      const skilled = r.job.skills.every((s) => h.skills.has(s));
      const near = haversineKm(h.home, r.job.location) <= h.maxTravelKm;
      const answer = yes(i, k);
      return skilled && near && answer !== null && answer < r.job.window.start ? [k] : [];
    }),
  );
  let best = 0;
  let km = 0;
  const chosen: number[] = [];
  const walk = (i: number, value: number) => {
    if (i === requests.length) {
      if (value < best) return;
      const ok = helpers.every((h, k) =>
        canDoAll(
          h,
          requests.filter((_, j) => chosen[j] === k),
        ),
      );
      if (!ok) return;
      const travel = chosen.reduce(
        (sum, k, j) => (k < 0 ? sum : sum + haversineKm(helpers[k]!.home, requests[j]!.job.location)),
        0,
      );
      if (value > best || travel < km) [best, km] = [value, travel];
      return;
    }
    chosen[i] = -1;
    walk(i + 1, value);
    for (const k of options[i]!) {
      chosen[i] = k;
      walk(i + 1, value + (counts(i) ? 1 : 0));
    }
    chosen[i] = -1;
  };
  walk(0, 0);
  return { best, km };
}

const bruteForce = (world: TinyWorld, counts: (i: number) => boolean) => bruteForceWithTravel(world, counts).best;

const tinyWorld = (fixedWindows: boolean) =>
  fc
    .record({
      helpers: fc.array(
        fc.record({
          skills: fc.subarray(['groceries', 'cleaning'], { minLength: 1 }),
          km: fc.integer({ min: 0, max: 3 }),
          travelMode: fc.constantFrom(...TRAVEL_MODES),
          days: fc.subarray([1, 2], { minLength: 1 }),
          from: fc.constantFrom(9 * 60, 11 * 60),
          to: fc.constantFrom(13 * 60, 17 * 60),
          cap: fc.constantFrom(2, 3, 16),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      requests: fc.array(
        fc.record({
          skill: fc.constantFrom('groceries', 'cleaning', 'laundry'),
          day: fc.integer({ min: 0, max: 1 }),
          quarter: fc.integer({ min: 0, max: 28 }),
          duration: fc.constantFrom(60, 90, 120),
          slack: fixedWindows ? fc.constant(0) : fc.constantFrom(0, 30, 60, 180),
          km: fc.integer({ min: 0, max: 4 }),
          urgent: fc.boolean(),
          yes: fc.array(fc.option(fc.integer({ min: 2, max: 600 }), { freq: 3 }), { minLength: 3, maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map(({ helpers, requests }): TinyWorld => ({
      helpers: helpers.map((h, k) =>
        helperProfile({
          id: k + 1,
          skills: new Set(h.skills),
          home: east(h.km),
          travelMode: h.travelMode,
          availability: h.days.map((weekday) => ({ weekday, start: h.from, end: h.to })),
          maxHoursPerWeek: h.cap,
        }),
      ),
      requests: requests.map((r) => {
        const start = MONDAY + r.day * 24 * HOUR + 9 * HOUR + r.quarter * 15 * MINUTE;
        return {
          arrivedAt: ARRIVED,
          urgent: r.urgent,
          job: job({
            skills: [r.skill],
            window: { start, end: start + (r.duration + r.slack) * MINUTE },
            durationMinutes: r.duration,
            location: east(r.km),
          }),
        };
      }),
      yes: requests.map((r) => r.yes),
    }));

const problemOf = (world: TinyWorld) =>
  buildHindsight(world.helpers, world.requests, earliestYesOf(world), context({ now: ARRIVED }));

async function boundOf(world: TinyWorld, counts: (i: number) => boolean) {
  return solveHindsight(problemOf(world), counts);
}

describe('the hindsight bound', () => {
  it('is never below what any assignment of requests to helpers achieves (brute force), flexible windows', async () => {
    await fc.assert(
      fc.asyncProperty(tinyWorld(false), async (world) => {
        const all = await boundOf(world, () => true);
        expect(all.bound).toBeGreaterThanOrEqual(bruteForce(world, () => true));
        const urgent = (i: number) => world.requests[i]!.urgent;
        expect((await boundOf(world, urgent)).bound).toBeGreaterThanOrEqual(bruteForce(world, urgent));
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('is the optimum itself when every window is as long as its job, and so is the least travel at that', async () => {
    await fc.assert(
      fc.asyncProperty(tinyWorld(true), async (world) => {
        const result = await boundOf(world, () => true);
        expect(result.exact).toBe(true);
        const { best, km } = bruteForceWithTravel(world, () => true);
        expect(result.bound).toBe(best);
        const perJob = await travelAtMostMatched(problemOf(world), result.bound);
        expect(perJob * best).toBeCloseTo(km, 2);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('never puts the least travel at the most matched above what an assignment achieves (brute force)', async () => {
    await fc.assert(
      fc.asyncProperty(tinyWorld(false), async (world) => {
        const { best, km } = bruteForceWithTravel(world, () => true);
        const result = await boundOf(world, () => true);
        // Only comparable when the relaxation matches no more than the real thing.
        if (result.bound !== best) return;
        expect((await travelAtMostMatched(problemOf(world), best)) * best).toBeLessThanOrEqual(km + 1e-6);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it.each([
    [[10, 10, 10, 10], 20, 0],
    [[0, 0, 10, 10], 10, 0.5],
    [[1, 10, 10, 10], 16, (2 * (1 * 1 + 2 * 5 + 3 * 5 + 4 * 5)) / (4 * 16) - 5 / 4],
    [[0, 0, 0, 40], 4, 0.75],
  ])('spreads hours over capacities %j as evenly as they allow: %d hours, Gini %d at least', (caps, total, floor) => {
    expect(giniFloor(caps, total)).toBeCloseTo(floor, 10);
  });

  it('counts apart the requests nobody could do and those nobody would say yes to in time', () => {
    const start = MONDAY + 10 * HOUR;
    const window = { start, end: start + HOUR };
    const helpers = [helperProfile({ id: 1, skills: new Set(['groceries']) })];
    const requests: HindsightRequest[] = [
      { arrivedAt: ARRIVED, urgent: false, job: job({ skills: ['laundry'], window }) },
      { arrivedAt: ARRIVED, urgent: false, job: job({ skills: ['groceries'], window }) },
      { arrivedAt: ARRIVED, urgent: true, job: job({ skills: ['groceries'], window, location: east(9) }) },
      {
        arrivedAt: ARRIVED,
        urgent: false,
        job: job({ skills: ['groceries'], window: { start, end: start + 2 * HOUR } }),
      },
    ];
    // The helper would say no to the second, yes too late to the fourth (the window starts at 10:00).
    const yes: EarliestYes = (i) => (i === 1 ? null : i === 3 ? start + MINUTE : ARRIVED + 10 * MINUTE);
    const problem = buildHindsight(helpers, requests, yes, context({ now: ARRIVED }));
    expect(problem.nobodyCould).toEqual([0, 2]);
    expect(problem.nobodyWould).toEqual([1, 3]);
    expect(problem.pairs).toEqual([]);
    // The fourth: no yes before the window starts, but one before the job could start at its latest.
    expect(problem.capacityMinutes).toEqual([60]);
  });

  it.each([
    ['2026-11-23T06:10:00+01:00', '2026-11-23T07:00:00+01:00'],
    ['2026-11-23T12:00:00+01:00', '2026-11-23T12:00:00+01:00'],
    ['2026-11-23T22:30:00+01:00', '2026-11-24T07:00:00+01:00'],
  ])('reads a message that comes in at %s at %s', (sent, read) => {
    expect(firstWakingMoment(Date.parse(sent))).toBe(Date.parse(read));
  });
});
