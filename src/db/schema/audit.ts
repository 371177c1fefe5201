import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain.js';

/** What was done with a resident's personal data (NEN 7513: the kind of access). */
/** `calendar`: a helper's phone fetched the feed with the addresses of their jobs. */
export const AUDIT_ACTIONS = ['read', 'search', 'create', 'update', 'export', 'erase', 'calendar'] as const;
export const AUDIT_ACTOR_KINDS = ['user', 'helper'] as const;

/**
 * Every access to a resident's personal data: when, who (a user or a helper's link), in which role,
 * which resident, what, and from which address. Ids only, so an erasure leaves the trail intact.
 * Append-only: the migration adds triggers that refuse UPDATE and DELETE in the database itself.
 */
export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorKind: text('actor_kind', { enum: AUDIT_ACTOR_KINDS }).notNull(),
    actorId: integer('actor_id').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    residentId: integer('resident_id').notNull(),
    origin: text('origin'),
  },
  (t) => [index('audit_resident').on(t.residentId, t.at)],
);
