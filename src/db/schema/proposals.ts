import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { type MakesRoom, PROPOSAL_ROLES, PROPOSAL_STATUSES } from '../../domain.js';
import type { Breakdown } from '../../matching/matching.types.js';
import { helpers } from './helpers.js';
import { requests } from './requests.js';

export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    helperId: integer('helper_id')
      .notNull()
      .references(() => helpers.id),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    role: text('role', { enum: PROPOSAL_ROLES }).notNull().default('alone'),
    /** The other half of a supervised pair: both are asked, and the job is theirs once both said yes. */
    partnerId: integer('partner_id'),
    /** A pair's half said yes and waits for the other: still `proposed`, nothing is assigned yet. */
    agreedAt: integer('agreed_at'),
    score: real('score').notNull(),
    distanceKm: real('distance_km').notNull(),
    breakdown: text('breakdown', { mode: 'json' }).$type<Breakdown>().notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Held until the job starts: when the next best is asked as well if this helper has not answered. */
    askNextAt: integer('ask_next_at'),
    /** When that happened (it happens once). */
    nextAskedAt: integer('next_asked_at'),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull(),
    respondedAt: integer('responded_at'),
    declineReason: text('decline_reason'),
    /** An offer that makes room: the job the helper holds at the time, and how it gives way if they say yes. */
    makesRoom: text('makes_room', { mode: 'json' }).$type<MakesRoom>(),
  },
  (t) => [
    // The database itself guarantees one accepted proposal per request, whatever process writes; a
    // supervised pair has two, one of them the supervisor's.
    uniqueIndex('proposals_one_accepted')
      .on(t.requestId, sql`(${t.role} = 'supervisor')`)
      .where(sql`status = 'accepted'`),
    uniqueIndex('proposals_one_live_per_helper')
      .on(t.requestId, t.helperId)
      .where(sql`status = 'proposed'`),
    // A request's proposals by status (its live ones, on every accept and decline). Without it SQLite may
    // read them through a status index, every live proposal of every request: it did, once a column was
    // added to the table (test/unit/query-plans.test.ts).
    index('proposals_request_status').on(t.requestId, t.status),
    index('proposals_helper_status').on(t.helperId, t.status),
    index('proposals_status_expiry').on(t.status, t.expiresAt),
    index('proposals_status_ask_next').on(t.status, t.askNextAt),
  ],
);
