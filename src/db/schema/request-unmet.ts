import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { WHY_UNMET } from '../../reports/reports.types.js';
import { requests } from './requests.js';

export const UNMET_MOMENTS = ['flagged', 'cancelled', 'window'] as const;

/**
 * Why a request nobody took went unmet, as it stood then: when it was flagged with nobody left to
 * propose, cancelled before anyone was assigned, or when its window passed unassigned. A later moment
 * replaces a flag; the demand report reads `reason` (src/reports/why-unmet.ts).
 */
export const requestUnmet = sqliteTable('request_unmet', {
  requestId: integer('request_id')
    .primaryKey()
    .references(() => requests.id, { onDelete: 'cascade' }),
  reason: text('reason', { enum: WHY_UNMET }).notNull(),
  /** Every helper counted once, per reason: `UnmetReasons.helpers`. */
  helpers: text('helpers', { mode: 'json' }).$type<Partial<Record<(typeof WHY_UNMET)[number], number>>>().notNull(),
  moment: text('moment', { enum: UNMET_MOMENTS }).notNull(),
  recordedAt: integer('recorded_at').notNull(),
});
