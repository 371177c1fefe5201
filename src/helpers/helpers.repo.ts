import { and, asc, eq, gt, isNotNull, like, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { renewRevision } from '../db/revisions.repo.js';
import { helpers } from '../db/schema/index.js';
import type { Track } from '../domain.js';

export type HelperRow = typeof helpers.$inferSelect;
export type NewHelperRow = typeof helpers.$inferInsert;

export function insertHelper(db: Queryable, row: NewHelperRow): HelperRow {
  renewRevision(db, 'helpers');
  return db.insert(helpers).values(row).returning().get();
}

export function updateHelper(db: Queryable, id: number, patch: Partial<NewHelperRow>): HelperRow | undefined {
  renewRevision(db, 'helpers');
  return db.update(helpers).set(patch).where(eq(helpers.id, id)).returning().get();
}

export function findHelper(db: Queryable, id: number): HelperRow | undefined {
  return prepared(db, 'helpers.find', () =>
    db
      .select()
      .from(helpers)
      .where(eq(helpers.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export interface HelperFilter {
  track?: Track;
  skill?: string;
  active?: boolean;
  q?: string;
}

export function listHelpers(db: Queryable, filter: HelperFilter): HelperRow[] {
  const conditions = [
    filter.track ? eq(helpers.track, filter.track) : undefined,
    filter.active === undefined ? undefined : eq(helpers.active, filter.active),
    filter.q ? like(helpers.name, `%${filter.q.replace(/[%_]/g, '')}%`) : undefined,
    filter.skill ? sql`exists (select 1 from json_each(${helpers.skills}) where value = ${filter.skill})` : undefined,
  ];
  return db
    .select()
    .from(helpers)
    .where(and(...conditions))
    .orderBy(asc(helpers.name), asc(helpers.id))
    .all();
}

/** Every helper, as the matching core needs them; excluding the inactive would hide why they are excluded. */
export function allHelpers(db: Queryable): HelperRow[] {
  return db.select().from(helpers).all();
}

/** Helpers with a home address that can be looked up, by id after `afterId`. */
export function helpersWithAddress(db: Queryable, afterId: number, limit: number): HelperRow[] {
  return db
    .select()
    .from(helpers)
    .where(and(gt(helpers.id, afterId), isNotNull(helpers.houseNumber), isNotNull(helpers.postcode)))
    .orderBy(asc(helpers.id))
    .limit(limit)
    .all();
}

export function countHelpersWithAddress(db: Queryable, afterId = 0): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(helpers)
    .where(and(gt(helpers.id, afterId), isNotNull(helpers.houseNumber), isNotNull(helpers.postcode)))
    .get()!.n;
}
