/**
 * Believable people for the demo data and the month's simulation. Helpers: names from the region,
 * skills mostly from their own track, weekly times that fit a student (afternoons) or a job seeker
 * (mornings). Residents: an address in one of the towns, and their languages.
 */
import { TRACKS, type HelperKind, type Track, type TravelMode } from '../../src/domain.js';
import type { HelperCreate } from '../../src/helpers/helpers.schema.js';
import type { ResidentCreate } from '../../src/residents/residents.schema.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { FIRST_NAMES, LANGUAGES_BY_NAME, RESIDENT_TITLES, SURNAMES, type Town, TOWNS } from './places.js';
import type { Random } from './random.js';

export const HELPERS_PER_TRACK = 12;

const skillsOf = (track: Track) => SKILL_CATALOGUE.filter((s) => s.track === track).map((s) => s.code);

/** A point within about a kilometre and a half of the town's centre. */
export function near(town: Town, rnd: Random) {
  return {
    lat: Math.round((town.centre.lat + (rnd.next() - 0.5) * 0.03) * 1e5) / 1e5,
    lon: Math.round((town.centre.lon + (rnd.next() - 0.5) * 0.03) * 1e5) / 1e5,
  };
}

function availabilityFor(kind: HelperKind, rnd: Random): NonNullable<HelperCreate['availability']> {
  const days = [1, 2, 3, 4, 5].sort(() => rnd.next() - 0.5);
  if (kind === 'student') {
    const slots = days.slice(0, rnd.int(2, 3)).map((weekday) => ({ weekday, start: '13:00', end: '17:30' }));
    if (rnd.chance(0.4)) slots.push({ weekday: 6, start: '10:00', end: '14:00' });
    if (rnd.chance(0.5)) slots.push({ weekday: days[4]!, start: '09:00', end: '12:30' });
    return slots;
  }
  if (kind === 'jobseeker') {
    return days
      .slice(0, rnd.int(3, 4))
      .map((weekday) => ({ weekday, start: rnd.pick(['08:30', '09:00']), end: rnd.pick(['13:00', '15:00', '16:30']) }));
  }
  return days.slice(0, 2).map((weekday) => ({ weekday, start: '10:00', end: '16:00' }));
}

/**
 * The `index`th helper of a track (of HELPERS_PER_TRACK: 7 students, 4 job seekers, a volunteer), with
 * the given absences; its name comes from the position, everything else from `rnd`.
 */
export function demoHelper(
  track: Track,
  index: number,
  rnd: Random,
  absences: (rnd: Random) => NonNullable<HelperCreate['absences']>,
): HelperCreate {
  const first = FIRST_NAMES[(TRACKS.indexOf(track) * HELPERS_PER_TRACK + index) % FIRST_NAMES.length]!;
  const last = rnd.pick(SURNAMES);
  const kind: HelperKind = index < 7 ? 'student' : index < 11 ? 'jobseeker' : 'volunteer';
  const skills = skillsOf(track).filter((_, i) => i === 0 || rnd.chance(0.75));
  if (rnd.chance(0.3)) skills.push(rnd.pick(SKILL_CATALOGUE.filter((s) => s.track !== track)).code);
  const travelMode: TravelMode =
    kind === 'student'
      ? rnd.pick(['cycling', 'cycling', 'ebike', 'walking'])
      : rnd.pick(['cycling', 'ebike', 'transit']);
  const away = absences(rnd);
  return {
    name: `${first} ${last}`,
    kind,
    track,
    skills: [...new Set(skills)],
    location: near(rnd.pick(TOWNS), rnd),
    maxTravelKm: travelMode === 'walking' ? 3 : rnd.int(5, 12),
    travelMode,
    availability: availabilityFor(kind, rnd),
    absences: away,
    maxHoursPerWeek: kind === 'student' ? rnd.pick([8, 12, 16]) : kind === 'jobseeker' ? rnd.pick([16, 20, 24]) : 6,
    languages: [
      'nl',
      ...(LANGUAGES_BY_NAME[first] ?? LANGUAGES_BY_NAME[last] ?? []),
      ...(rnd.chance(0.3) ? ['en'] : []),
    ],
    phone: `06-${rnd.int(10000000, 99999999)}`,
  };
}

/** The `index`th resident, in the towns in turn. */
export function demoResident(index: number, rnd: Random): ResidentCreate {
  const town = TOWNS[index % TOWNS.length]!;
  const last = rnd.pick(SURNAMES);
  const letters = String.fromCharCode(65 + rnd.int(0, 25), 65 + rnd.int(0, 25));
  const extra = LANGUAGES_BY_NAME[last] ?? (town.name === 'Kerkrade' && rnd.chance(0.5) ? ['de'] : []);
  return {
    name: `${rnd.pick(RESIDENT_TITLES)} ${last}`,
    phone: `045-${rnd.int(5000000, 5799999)}`,
    address: {
      street: rnd.pick(town.streets),
      houseNumber: String(rnd.int(1, 180)),
      postcode: `${rnd.int(town.postcodes[0], town.postcodes[1])} ${letters}`,
      city: town.name,
    },
    location: near(town, rnd),
    languages: extra.length > 0 ? ['nl', ...extra] : [],
  };
}
