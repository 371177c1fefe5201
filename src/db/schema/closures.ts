import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Periods the organisation is closed (inclusive local dates): no job is planned on those days. */
export const closures = sqliteTable('closures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  from: text('from').notNull(),
  to: text('to').notNull(),
  reason: text('reason').notNull(),
  createdAt: integer('created_at').notNull(),
});
