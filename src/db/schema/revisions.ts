import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A random stamp per cached table, renewed by every write to it: a process sees in one cheap read
 * whether its in-memory copy is stale, whichever process wrote (a counter could repeat after a rollback).
 */
export const revisions = sqliteTable('revisions', {
  name: text('name').primaryKey(),
  stamp: integer('stamp').notNull(),
});
