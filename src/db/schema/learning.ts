import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTFLOW_KINDS, SKILL_LEVELS, TRACKS } from '../../domain.js';
import { helpers } from './helpers.js';
import { requests } from './requests.js';
import { users } from './users.js';

export interface StoredGoal {
  skill: string;
  goal: string;
  /** Reached: the matching no longer serves it. */
  done?: boolean;
}

/**
 * A participant's learning plan, one per helper. The three questions and the goals are personal data:
 * only the participant and their coach read them (src/learning/learning.access.ts); dispatchers see
 * levels and hours. Outflow ends the practice period.
 */
export const learningPlans = sqliteTable('learning_plans', {
  helperId: integer('helper_id')
    .primaryKey()
    .references(() => helpers.id),
  coachUserId: integer('coach_user_id').references(() => users.id),
  /** Wat wil ik? Wat kan ik? Wat heb ik nodig? */
  want: text('want'),
  can: text('can'),
  need: text('need'),
  goals: text('goals', { mode: 'json' }).$type<StoredGoal[]>().notNull().default([]),
  periodStart: text('period_start'),
  periodEnd: text('period_end'),
  requiredHours: real('required_hours'),
  outflowKind: text('outflow_kind', { enum: OUTFLOW_KINDS }),
  outflowDate: text('outflow_date'),
  updatedAt: integer('updated_at').notNull(),
});

/** Every change of a helper's skill level: who, when, and on which observed jobs (signed off by a coach). */
export const levelChanges = sqliteTable(
  'level_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    helperId: integer('helper_id')
      .notNull()
      .references(() => helpers.id),
    skill: text('skill').notNull(),
    /** Null when the skill is new to the helper. */
    fromLevel: text('from_level', { enum: SKILL_LEVELS }),
    toLevel: text('to_level', { enum: SKILL_LEVELS }).notNull(),
    /** `user:N`, as in the event log. */
    actor: text('actor').notNull(),
    /** Whether the helper's coach signed it off on observed jobs, or the office changed the helper. */
    signedOff: integer('signed_off', { mode: 'boolean' }).notNull(),
    observedRequestIds: text('observed_request_ids', { mode: 'json' }).$type<number[]>().notNull(),
    /** The coach's words: personal data, read like the plan's texts. */
    note: text('note'),
    at: integer('at').notNull(),
  },
  (t) => [index('level_changes_helper').on(t.helperId, t.at)],
);

/** The workshops of each track, in the order they are followed; seeded with ten each, then edited. */
export const workshops = sqliteTable('workshops', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  track: text('track', { enum: TRACKS }).notNull(),
  title: text('title').notNull(),
  position: integer('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const workshopAttendance = sqliteTable(
  'workshop_attendance',
  {
    helperId: integer('helper_id')
      .notNull()
      .references(() => helpers.id),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id),
    attendedOn: text('attended_on').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.helperId, t.workshopId] })],
);

/**
 * After a job: the resident's satisfaction (taken by staff or noted by the helper) and the coach's
 * observation, which is personal data of the participant and read like the plan's texts.
 */
export const jobFeedback = sqliteTable('job_feedback', {
  requestId: integer('request_id')
    .primaryKey()
    .references(() => requests.id),
  satisfaction: integer('satisfaction'),
  satisfactionBy: text('satisfaction_by', { enum: ['staff', 'helper'] }),
  observation: text('observation'),
  observedBy: text('observed_by'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * A coach's sign-off of an hours statement for a period: who, when, and the totals as they stood then,
 * kept as they were even if a job's hours are corrected later.
 */
export const statementSignOffs = sqliteTable(
  'statement_sign_offs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    helperId: integer('helper_id')
      .notNull()
      .references(() => helpers.id),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    totalHours: real('total_hours').notNull(),
    jobs: integer('jobs').notNull(),
    requiredHours: real('required_hours'),
    signedBy: integer('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: integer('signed_at').notNull(),
  },
  (t) => [index('statement_sign_offs_helper').on(t.helperId, t.periodFrom, t.periodTo)],
);
