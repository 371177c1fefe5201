import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { HELPER_KINDS, type SkillLevel, TRACKS, TRAVEL_MODES } from '../../domain.js';
import { placeColumns } from './addresses.js';

export interface StoredSlot {
  weekday: number;
  start: string;
  end: string;
}
export interface StoredAbsence {
  from: string;
  to: string;
  reason?: string;
}

/**
 * Skills, availability, absences and languages are small lists always read with their helper, so
 * they live in JSON columns; skill codes are checked against the catalogue on every write.
 */
export const helpers = sqliteTable('helpers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: HELPER_KINDS }).notNull(),
  track: text('track', { enum: TRACKS }).notNull(),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
  /** The level of each skill in `skills` that is not `competent`: a skill not named here is competent. */
  skillLevels: text('skill_levels', { mode: 'json' })
    .$type<Record<string, Exclude<SkillLevel, 'competent'>>>()
    .notNull()
    .default({}),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
  /** The home address, when the helper's point was found from it rather than pinned. */
  street: text('street'),
  houseNumber: text('house_number'),
  postcode: text('postcode'),
  city: text('city'),
  ...placeColumns(),
  maxTravelKm: real('max_travel_km').notNull(),
  travelMode: text('travel_mode', { enum: TRAVEL_MODES }).notNull(),
  availability: text('availability', { mode: 'json' }).$type<StoredSlot[]>().notNull(),
  absences: text('absences', { mode: 'json' }).$type<StoredAbsence[]>().notNull(),
  maxHoursPerWeek: real('max_hours_per_week'),
  languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
  phone: text('phone'),
  email: text('email'),
  activeFrom: text('active_from'),
  activeUntil: text('active_until'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** When the retention job erased the personal data of this deactivated helper. */
  erasedAt: integer('erased_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
