import type { HelperCreate } from '../../src/helpers/helpers.schema.js';
import type { RequestCreate } from '../../src/requests/requests.schema.js';
import type { ResidentCreate } from '../../src/residents/residents.schema.js';

/** Landgraaf town centre: factories place everyone within a kilometre of it unless told otherwise. */
export const LANDGRAAF = { lat: 50.8915, lon: 6.0259 };

const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

let counter = 0;

export function buildHelper(overrides: Partial<HelperCreate> = {}): HelperCreate {
  counter += 1;
  return {
    name: `Helper ${counter}`,
    kind: 'student',
    track: 'care',
    skills: ['groceries', 'companionship'],
    location: { lat: LANDGRAAF.lat + 0.003, lon: LANDGRAAF.lon },
    maxTravelKm: 5,
    availability: WEEKDAYS_9_TO_5,
    maxHoursPerWeek: 16,
    ...overrides,
  };
}

export function buildResident(overrides: Partial<ResidentCreate> = {}): ResidentCreate {
  counter += 1;
  return {
    name: `Resident ${counter}`,
    phone: '045 531 0000',
    address: { street: 'Hoofdstraat', houseNumber: String(counter), postcode: '6371 AB', city: 'Landgraaf' },
    location: LANDGRAAF,
    ...overrides,
  };
}

/** Tuesday 24 November 2026, 10:00–12:00 Amsterdam, a one-hour grocery run. */
export function buildRequest(residentId: number, overrides: Partial<RequestCreate> = {}): RequestCreate {
  return {
    residentId,
    skills: ['groceries'],
    window: { start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T12:00:00+01:00' },
    durationMinutes: 60,
    ...overrides,
  };
}
