import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRAVEL_MODES } from '../../src/domain.js';
import { localDay } from '../../src/matching/calendar.js';
import { travelMinutes } from '../../src/matching/geo.js';
import type { HelperProfile, Job } from '../../src/matching/matching.types.js';
import { listExcluded, rankCandidates } from '../../src/matching/rank.js';
import { distanceTerm } from '../../src/matching/scoring.js';
import { at, context, HOME, MINUTE } from './fixtures.js';

const SKILLS = ['groceries', 'companionship', 'laundry', 'gardening'] as const;
const TUESDAY = at('2026-11-24T00:00:00+01:00');
const ctx = context();

const place = fc.record({
  lat: fc.double({ min: HOME.lat - 0.03, max: HOME.lat + 0.03, noNaN: true }),
  lon: fc.double({ min: HOME.lon - 0.04, max: HOME.lon + 0.04, noNaN: true }),
});
const slot = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 6 * 12, max: 20 * 12 }),
    hours: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ weekday, start, hours }) => ({ weekday, start: start * 5, end: Math.min(24 * 60, start * 5 + hours * 60) }));
const commitment = fc
  .record({
    day: fc.integer({ min: 0, max: 2 }),
    start: fc.integer({ min: 7 * 12, max: 20 * 12 }),
    minutes: fc.integer({ min: 6, max: 36 }),
    location: place,
  })
  .map(({ day, start, minutes, location }) => {
    const s = TUESDAY + day * 86_400_000 + start * 5 * MINUTE;
    return { requestId: 1, start: s, end: s + minutes * 5 * MINUTE, location };
  });

const helperFields = fc.record({
  skills: fc.subarray([...SKILLS], { minLength: 2 }),
  learningShare: fc.double({ min: 0, max: 1, noNaN: true }),
  home: place,
  maxTravelKm: fc.integer({ min: 3, max: 20 }),
  travelMode: fc.constantFrom(...TRAVEL_MODES),
  availability: fc.array(slot, { minLength: 1, maxLength: 6 }),
  maxHoursPerWeek: fc.option(fc.integer({ min: 2, max: 30 }), { nil: null }),
  languages: fc.subarray(['nl', 'tr', 'ar', 'pl'], { minLength: 1 }),
  active: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  commitments: fc.array(commitment, { maxLength: 3 }),
});

const helpers = fc.array(helperFields, { minLength: 1, maxLength: 25 }).map((list) =>
  list.map((h, i): HelperProfile => ({
    id: i + 1,
    track: i % 2 === 0 ? 'care' : 'cleaning',
    skills: new Set(h.skills),
    learning: new Set(h.skills.filter((_, k) => k < h.skills.length * h.learningShare)),
    home: h.home,
    maxTravelKm: h.maxTravelKm,
    travelMode: h.travelMode,
    availability: h.availability,
    absences: [],
    maxHoursPerWeek: h.maxHoursPerWeek,
    languages: h.languages,
    activeFrom: null,
    activeUntil: null,
    active: h.active,
    commitments: h.commitments,
  })),
);

const jobs = fc
  .record({
    skills: fc.subarray([...SKILLS], { minLength: 1, maxLength: 1 }),
    start: fc.integer({ min: 6 * 12, max: 18 * 12 }),
    length: fc.integer({ min: 6, max: 120 }),
    duration: fc.integer({ min: 3, max: 48 }),
    location: place,
    languages: fc.subarray(['nl', 'tr', 'ar']),
  })
  .map((j): Job => ({
    requestId: 99,
    skills: j.skills,
    window: { start: TUESDAY + j.start * 5 * MINUTE, end: TUESDAY + (j.start + j.length) * 5 * MINUTE },
    durationMinutes: Math.min(j.duration, j.length) * 5,
    location: j.location,
    languages: j.languages,
    excludedHelperIds: new Set([3]),
    previousHelperIds: new Set([2]),
  }));

describe('ranking properties', () => {
  it('puts every helper in exactly one list; the excluded always with a reason', () => {
    fc.assert(
      fc.property(jobs, helpers, (job, hs) => {
        const { candidates, excluded: compact } = rankCandidates(job, hs, ctx);
        const excluded = listExcluded(compact);
        const ids = [...candidates.map((c) => c.helperId), ...excluded.map((e) => e.helperId)].sort((a, b) => a - b);
        expect(ids).toEqual(hs.map((h) => h.id));
        for (const e of excluded) expect(e.reasons.length).toBeGreaterThan(0);
        expect(candidates.some((c) => c.helperId === 3)).toBe(false);
      }),
    );
  });

  it('keeps scores within 0..100, the breakdown adding up to them', () => {
    fc.assert(
      fc.property(jobs, helpers, (job, hs) => {
        for (const c of rankCandidates(job, hs, ctx).candidates) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
          const points = Object.values(c.breakdown).reduce((s, b) => s + b.points, 0);
          expect(Math.abs(points - c.score)).toBeLessThan(0.05);
          for (const b of Object.values(c.breakdown)) expect(b.value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('gives the learning entry 1 exactly when the job exercises a skill being learnt, and never less score for it', () => {
    fc.assert(
      fc.property(jobs, helpers, (job, hs) => {
        const learner = (h: HelperProfile): HelperProfile => ({
          ...h,
          learning: new Set([...h.learning, ...job.skills]),
        });
        const before = new Map(rankCandidates(job, hs, ctx).candidates.map((c) => [c.helperId, c]));
        const after = rankCandidates(job, hs.map(learner), ctx).candidates;
        for (const c of before.values()) {
          const h = hs.find((x) => x.id === c.helperId)!;
          expect(c.breakdown.learning.value).toBe(job.skills.some((s) => h.learning.has(s)) ? 1 : 0);
        }
        expect(after.map((c) => c.helperId).sort()).toEqual([...before.keys()].sort());
        for (const c of after) {
          expect(c.breakdown.learning.value).toBe(1);
          expect(c.score).toBeGreaterThanOrEqual(before.get(c.helperId)!.score);
        }
      }),
    );
  });

  it('ranks the same whatever the order of the helpers', () => {
    fc.assert(
      fc.property(jobs, helpers, fc.func(fc.integer()), (job, hs, key) => {
        const shuffled = [...hs].sort((a, b) => key(a.id) - key(b.id) || a.id - b.id);
        expect(rankCandidates(job, shuffled, ctx)).toEqual(rankCandidates(job, hs, ctx));
      }),
    );
  });

  it('never lowers the distance term when a helper moves closer', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        expect(distanceTerm(near, 3)).toBeGreaterThanOrEqual(distanceTerm(far, 3));
      }),
    );
    fc.assert(
      fc.property(jobs, helpers, fc.double({ min: 0, max: 1, noNaN: true }), (job, hs, t) => {
        const h = hs[0]!;
        const closer = {
          ...h,
          home: {
            lat: h.home.lat + (job.location.lat - h.home.lat) * t,
            lon: h.home.lon + (job.location.lon - h.home.lon) * t,
          },
        };
        const before = rankCandidates(job, [h], ctx).candidates[0];
        const after = rankCandidates(job, [closer], ctx).candidates[0];
        if (before) {
          expect(after).toBeDefined();
          expect(after!.breakdown.distance.value).toBeGreaterThanOrEqual(before.breakdown.distance.value);
        }
      }),
    );
  });

  it('places a job inside the window and a slot, clear of every commitment and the travel to it', () => {
    let placed = 0;
    fc.assert(
      fc.property(jobs, helpers, (job, hs) => {
        for (const c of rankCandidates(job, hs, ctx).candidates) {
          placed += 1;
          const h = hs.find((x) => x.id === c.helperId)!;
          expect(c.start).toBeGreaterThanOrEqual(job.window.start);
          expect(c.end).toBeLessThanOrEqual(job.window.end);
          expect(c.end - c.start).toBe(job.durationMinutes * MINUTE);
          const day = localDay(c.start, 'Europe/Amsterdam');
          const inSlot = h.availability.some(
            (s) =>
              s.weekday === day.weekday &&
              day.midnight + s.start * MINUTE <= c.start &&
              c.end <= day.midnight + s.end * MINUTE,
          );
          expect(inSlot).toBe(true);
          for (const other of h.commitments) {
            const travel = travelMinutes(job.location, other.location, h.travelMode) * MINUTE;
            expect(c.end + travel <= other.start || other.end + travel <= c.start).toBe(true);
          }
        }
      }),
      // About a third of the drawn days place someone: enough runs that every seed places over 100.
      { numRuns: 1000 },
    );
    // The generators must produce real candidates, or this property proves nothing.
    expect(placed).toBeGreaterThan(100);
  });
});
