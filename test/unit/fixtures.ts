import type { HelperProfile, Job, MatchContext } from '../../src/matching/matching.types.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';

/** Plain data for the pure matching core: a Landgraaf job on Tuesday 24 November 2026, 10:00–12:00. */
export const HOME = { lat: 50.8915, lon: 6.0259 };
export const at = (local: string): number => Date.parse(local);
export const TUESDAY_10 = at('2026-11-24T10:00:00+01:00');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** `km` kilometres east of HOME (one degree of longitude is about 70.2 km here). */
export const east = (km: number) => ({ lat: HOME.lat, lon: HOME.lon + km / 70.2 });

export function helperProfile(overrides: Partial<HelperProfile> = {}): HelperProfile {
  return {
    id: 1,
    track: 'care',
    skills: new Set(['groceries', 'companionship']),
    learning: new Set(),
    home: HOME,
    maxTravelKm: 5,
    travelMode: 'cycling',
    availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 17 * 60 })),
    absences: [],
    maxHoursPerWeek: 16,
    languages: ['nl'],
    activeFrom: null,
    activeUntil: null,
    active: true,
    commitments: [],
    ...overrides,
  };
}

export function job(overrides: Partial<Job> = {}): Job {
  return {
    requestId: 100,
    skills: ['groceries'],
    window: { start: TUESDAY_10, end: TUESDAY_10 + 2 * HOUR },
    durationMinutes: 60,
    location: HOME,
    languages: [],
    excludedHelperIds: new Set(),
    previousHelperIds: new Set(),
    ...overrides,
  };
}

export function context(overrides: Partial<MatchContext> = {}): MatchContext {
  return {
    now: at('2026-11-23T08:00:00+01:00'),
    settings: DEFAULT_SETTINGS,
    skillTracks: new Map(SKILL_CATALOGUE.map((s) => [s.code, s.track])),
    closedDates: new Set(),
    ...overrides,
  };
}
