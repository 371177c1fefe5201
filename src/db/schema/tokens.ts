import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain.js';
import { helpers } from './helpers.js';
import { users } from './users.js';

/** Bearer tokens: staff sessions and helpers' personal links. Only a SHA-256 of each token is kept. */
export const tokens = sqliteTable(
  'tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role', { enum: ROLES }).notNull(),
    userId: integer('user_id').references(() => users.id),
    helperId: integer('helper_id').references(() => helpers.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    /** When the token was last used, to the minute: a staff session ends after a while unused. */
    lastSeenAt: integer('last_seen_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('tokens_helper').on(t.helperId)],
);
