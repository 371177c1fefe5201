import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTFLOW_KINDS, SKILL_LEVELS } from '../../domain.js';
import { helpers } from './helpers.js';
import { users } from './users.js';

export interface StoredGoal {
  skill: string;
  goal: string;
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
