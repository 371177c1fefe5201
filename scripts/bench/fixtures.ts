import { TRACKS, TRAVEL_MODES } from '../../src/domain.js';
import { parseClock } from '../../src/matching/calendar.js';
import type { HelperProfile, Job } from '../../src/matching/matching.types.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { type Random, seededRandom } from '../demo/random.js';

/** Parkstad: about 30 × 30 km around Landgraaf. */
export const CENTRE = { lat: 50.89, lon: 6.03 };
export const TUESDAY_10 = Date.parse('2026-11-24T10:00:00+01:00');
const HOUR = 3_600_000;

export function randomPlace(rnd: Random) {
  return { lat: CENTRE.lat + (rnd.next() - 0.5) * 0.27, lon: CENTRE.lon + (rnd.next() - 0.5) * 0.42 };
}

const skillsOfTrack = (track: string) => SKILL_CATALOGUE.filter((s) => s.track === track).map((s) => s.code);

/** A helper as the API would take it: 2–5 skills, 2–4 weekly blocks, a home in the region. */
export function randomHelperInput(rnd: Random) {
  const track = rnd.pick(TRACKS);
  const skills = new Set([rnd.pick(skillsOfTrack(track))]);
  while (skills.size < rnd.int(2, 5)) skills.add(rnd.pick(SKILL_CATALOGUE).code);
  const days = new Set<number>();
  while (days.size < rnd.int(2, 4)) days.add(rnd.int(1, 6));
  const morning = rnd.chance(0.5);
  return {
    track,
    skills: [...skills],
    location: randomPlace(rnd),
    maxTravelKm: rnd.int(3, 15),
    travelMode: rnd.pick(TRAVEL_MODES),
    availability: [...days].map((weekday) => ({
      weekday,
      start: morning ? '09:00' : '13:00',
      end: morning ? '13:00' : '17:30',
    })),
    maxHoursPerWeek: rnd.pick([8, 12, 16, 24]),
  };
}

/** Helper profiles for the pure core, each with a couple of commitments this week. */
export function randomProfiles(count: number, seed = 7): HelperProfile[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const h = randomHelperInput(rnd);
    const commitments = Array.from({ length: rnd.int(0, 3) }, (_, k) => {
      const start = TUESDAY_10 + (rnd.int(-1, 3) * 24 + rnd.int(-1, 5)) * HOUR;
      return { requestId: i * 10 + k, start, end: start + HOUR, location: randomPlace(rnd) };
    });
    return {
      id: i + 1,
      track: h.track,
      skills: new Set(h.skills),
      // One in five is learning their first skill; chosen without the generator, so the instances stay as they were.
      learning: new Set(i % 5 === 0 ? h.skills.slice(0, 1) : []),
      home: h.location,
      maxTravelKm: h.maxTravelKm,
      travelMode: h.travelMode,
      availability: h.availability.map((s) => ({
        weekday: s.weekday,
        start: parseClock(s.start),
        end: parseClock(s.end),
      })),
      absences: [],
      maxHoursPerWeek: h.maxHoursPerWeek,
      languages: ['nl'],
      activeFrom: null,
      activeUntil: null,
      active: true,
      commitments,
    };
  });
}

/** A grocery run on Tuesday morning in the middle of the region, two hours to place one. */
export function typicalJob(): Job {
  return {
    requestId: 1,
    skills: ['groceries'],
    window: { start: TUESDAY_10, end: TUESDAY_10 + 2 * HOUR },
    durationMinutes: 60,
    location: CENTRE,
    languages: ['nl'],
    excludedHelperIds: new Set(),
    previousHelperIds: new Set([5]),
  };
}
