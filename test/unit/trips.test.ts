import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/matching/geo.js';
import type { Commitment } from '../../src/matching/matching.types.js';
import { rankCandidates } from '../../src/matching/rank.js';
import { tripKm } from '../../src/matching/trips.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { at, context, east, HOME, HOUR, helperProfile, job, TUESDAY_10 } from './fixtures.js';

const TZ = 'Europe/Amsterdam';
const held = (start: string, hours: number, location = east(0)): Commitment => ({
  requestId: 7,
  start: at(start),
  end: at(start) + hours * HOUR,
  location,
});
const slot = { start: TUESDAY_10, end: TUESDAY_10 + HOUR };
// The helper lives 4 km west of the job; the job is at HOME.
const home = { lat: HOME.lat, lon: HOME.lon - 4 / 70.2 };

describe('chaining jobs near each other on one day (issue 13)', () => {
  it.each<[string, Commitment[], number]>([
    ['no other job: from home', [], 4],
    [
      'another job next door that morning: the hop from it, and home from here instead of there',
      [held('2026-11-24T08:00:00+01:00', 1)],
      0,
    ],
    [
      'on the way from home to a job 1 km further that noon: nothing added',
      [held('2026-11-24T12:00:00+01:00', 1, east(1))],
      0,
    ],
    [
      'a job 3 km north that noon: half the detour there and back',
      [held('2026-11-24T12:00:00+01:00', 1, { lat: HOME.lat + 3 / 111.2, lon: HOME.lon })],
      1,
    ],
    ['a job on another day: from home', [held('2026-11-25T08:00:00+01:00', 1)], 4],
    [
      'between two jobs 2 km apart, the job halfway: no detour',
      [held('2026-11-24T08:00:00+01:00', 1, east(-1)), held('2026-11-24T12:00:00+01:00', 1, east(1))],
      0,
    ],
  ])('%s', (_name, commitments, km) => {
    const helper = helperProfile({ home, commitments });
    expect(tripKm(helper, HOME, slot, haversineKm(home, HOME), TZ)).toBeCloseTo(km, 1);
  });

  it('is never below zero, and from home without another job that day', () => {
    const place = fc.record({
      lat: fc.double({ min: HOME.lat - 0.05, max: HOME.lat + 0.05, noNaN: true }),
      lon: fc.double({ min: HOME.lon - 0.07, max: HOME.lon + 0.07, noNaN: true }),
    });
    const commitment = fc
      .record({ hour: fc.integer({ min: 6, max: 20 }), location: place })
      .map(({ hour, location }) => ({
        requestId: 1,
        start: at('2026-11-24T00:00:00+01:00') + hour * HOUR,
        end: at('2026-11-24T00:00:00+01:00') + (hour + 0.5) * HOUR,
        location,
      }));
    fc.assert(
      fc.property(place, place, fc.array(commitment, { maxLength: 4 }), (h, where, commitments) => {
        const clear = commitments.filter((c) => c.end <= slot.start || c.start >= slot.end);
        const helper = helperProfile({ home: h, commitments: clear });
        const fromHome = haversineKm(h, where);
        expect(tripKm(helper, where, slot, fromHome, TZ)).toBeGreaterThanOrEqual(0);
        const alone = helperProfile({
          home: h,
          commitments: commitments.map((c) => ({ ...c, start: c.start + 86_400_000, end: c.end + 86_400_000 })),
        });
        expect(tripKm(alone, where, slot, fromHome, TZ)).toBe(fromHome);
      }),
    );
  });

  it('ranks the helper already working next door first, with the setting on', () => {
    const farWithJobNextDoor = helperProfile({
      id: 1,
      home,
      maxTravelKm: 5,
      commitments: [held('2026-11-24T08:00:00+01:00', 1)],
    });
    const nearer = helperProfile({ id: 2, home: east(2) });
    const chaining = { ...DEFAULT_SETTINGS, chainTrips: true };
    const on = rankCandidates(job(), [nearer, farWithJobNextDoor], context({ settings: chaining })).candidates;
    expect(on.map((c) => c.helperId)).toEqual([1, 2]);
    expect(on[0]!.distanceKm).toBe(4);
    expect(on[0]!.breakdown.distance.value).toBe(1);
    // Off by default: measured, it did not shorten the simulated month's trips (BENCHMARKS.md, issue 13).
    const off = rankCandidates(job(), [nearer, farWithJobNextDoor], context()).candidates;
    expect(off.map((c) => c.helperId)).toEqual([2, 1]);
  });
});
