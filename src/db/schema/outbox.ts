import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { helpers } from './helpers.js';

/** A message is pending until sent; a failed send stays pending with a later attempt, never dropped. */
export const OUTBOX_STATUSES = ['pending', 'sent'] as const;

/**
 * Messages to helpers and staff, written in the transaction that causes them and sent afterwards:
 * a crash between the two loses nothing. `key` makes making a message idempotent (one reminder a
 * helper a day, however often the job runs).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull().unique(),
    helperId: integer('helper_id').references(() => helpers.id),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt)],
);
