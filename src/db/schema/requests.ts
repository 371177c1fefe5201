import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS, REQUEST_STATUSES, URGENCIES } from '../../domain.js';
import { helpers } from './helpers.js';
import { residents } from './residents.js';
import { series } from './series.js';

/** Times are epoch milliseconds. The job's location is copied from the resident when it is made. */
export const requests = sqliteTable(
  'requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    windowStart: integer('window_start').notNull(),
    windowEnd: integer('window_end').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull(),
    description: text('description'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    helperId: integer('helper_id').references(() => helpers.id),
    /**
     * A supervised pair's competent or mentor helper; `helperId` is then the learner. Both hold the job
     * and both get its hours.
     */
    supervisorHelperId: integer('supervisor_helper_id').references(() => helpers.id),
    scheduledStart: integer('scheduled_start'),
    scheduledEnd: integer('scheduled_end'),
    hours: real('hours'),
    completionNote: text('completion_note'),
    reciprocity: text('reciprocity'),
    cancelReason: text('cancel_reason'),
    /**
     * Cancelled because its series was paused or stopped: the resident no longer needed help that
     * day, so the demand report leaves it out rather than count it unmet.
     */
    cancelledBySeries: integer('cancelled_by_series', { mode: 'boolean' }).notNull().default(false),
    /**
     * Why a dispatcher assigned this helper outside their hours, reach or weekly cap (they agreed by
     * phone); null for an assignment the matching allowed. Cleared when the assignment is taken back.
     */
    overrideReason: text('override_reason'),
    /**
     * A regular resident's usual helper (who did most of their jobs, at least two) when this job went
     * to somebody else: continuity broke here. Null while it is kept, and for residents without one.
     */
    usualHelperId: integer('usual_helper_id').references(() => helpers.id),
    /** Set by the clock when proposals ran out or too many went unanswered: a person must look. */
    needsDispatcher: integer('needs_dispatcher', { mode: 'boolean' }).notNull().default(false),
    seriesId: integer('series_id').references(() => series.id),
    /** The local date of the series occurrence this request is: one request per occurrence. */
    seriesDate: text('series_date'),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // Only the requests still in play: a status index over years of completed ones would tempt the
    // planner away from the schedule index when it looks for a helper's jobs in a week.
    index('requests_live')
      .on(t.status)
      .where(sql`status in ('open', 'proposed', 'assigned')`),
    // A resident's jobs by status with who held them and when: the accept's re-check (helped before, the
    // usual helper) reads them from the index alone.
    index('requests_resident').on(t.residentId, t.status, t.helperId, t.supervisorHelperId, t.scheduledStart),
    index('requests_helper_schedule').on(t.helperId, t.scheduledStart),
    index('requests_supervisor_schedule')
      .on(t.supervisorHelperId, t.scheduledStart)
      .where(sql`supervisor_helper_id is not null`),
    index('requests_schedule').on(t.scheduledStart),
    // The reports read a period's requests by their window's start; every column they sum is in the
    // index, so a year of them is read from it alone, and their skills from request_skills (src/reports).
    index('requests_window').on(t.windowStart, t.status, t.helperId, t.residentId, t.hours, t.windowEnd, t.urgency),
    uniqueIndex('requests_series_occurrence').on(t.seriesId, t.seriesDate),
  ],
);
