import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed logins, kept in the database so the limits hold across a restart and across processes. A
 * success is not counted: a whole office behind one address logs in all day.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    account: text('account').notNull(),
    address: text('address').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('login_failures_account').on(t.account, t.at), index('login_failures_address').on(t.address, t.at)],
);
