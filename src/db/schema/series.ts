import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { URGENCIES } from '../../domain.js';
import { residents } from './residents.js';

/**
 * Regular help: every week or every two weeks on a weekday and time (local), from a date until a
 * date. The clock makes its concrete requests some days ahead.
 */
export const series = sqliteTable('series', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  residentId: integer('resident_id')
    .notNull()
    .references(() => residents.id),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
  weekday: integer('weekday').notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  everyWeeks: integer('every_weeks').notNull(),
  firstDate: text('first_date').notNull(),
  untilDate: text('until_date'),
  urgency: text('urgency', { enum: URGENCIES }).notNull(),
  description: text('description'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** A pause (the resident is away, say): no requests on dates in [pausedFrom, pausedUntil]. */
  pausedFrom: text('paused_from'),
  pausedUntil: text('paused_until'),
  createdBy: integer('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
