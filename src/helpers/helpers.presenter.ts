import { isoOrNull } from '../http/present.js';
import { presentPlace } from '../addresses/place.js';
import { presentSkills } from './helper-skills.js';
import type { HelperRow } from './helpers.repo.js';
import type { Helper } from './helpers.schema.js';

export function presentHelper(row: HelperRow): Helper {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    track: row.track,
    skills: presentSkills(row.skills, row.skillLevels),
    location: { lat: row.lat, lon: row.lon },
    address:
      row.postcode === null
        ? null
        : {
            street: row.street,
            houseNumber: row.houseNumber,
            houseNumberAddition: row.houseNumberAddition,
            postcode: row.postcode,
            city: row.city,
          },
    ...presentPlace(row),
    maxTravelKm: row.maxTravelKm,
    travelMode: row.travelMode,
    availability: row.availability,
    absences: row.absences,
    maxHoursPerWeek: row.maxHoursPerWeek,
    languages: row.languages,
    phone: row.phone,
    email: row.email,
    activeFrom: row.activeFrom,
    activeUntil: row.activeUntil,
    active: row.active,
    erasedAt: isoOrNull(row.erasedAt),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
