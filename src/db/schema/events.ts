import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The append-only log: the board's feed, the replay after a reconnect, and the audit trail. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    at: integer('at').notNull(),
    actor: text('actor'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    requestId: integer('request_id'),
    helperId: integer('helper_id'),
  },
  (t) => [index('events_request').on(t.requestId)],
);
