import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain.js';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  /** The second factor (TOTP, base32), once the user confirmed it with a first code. */
  totpSecret: text('totp_secret'),
  /** A secret handed out for set-up and not yet confirmed. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The time step of the last code accepted: a code works once. */
  totpLastEpoch: integer('totp_last_epoch'),
});
