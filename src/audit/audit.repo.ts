import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { audit } from '../db/schema/index.js';

export type AuditRow = typeof audit.$inferSelect;
export type NewAuditRow = typeof audit.$inferInsert;

/** Rows per statement: a full board's residents stay well under SQLite's limit on bound values. */
const ROWS_PER_INSERT = 500;

export function insertAudit(db: Queryable, rows: NewAuditRow[]): void {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    db.insert(audit)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .run();
}

export function listAudit(
  db: Queryable,
  filter: {
    residentId?: number;
    from?: number;
    to?: number;
    action?: AuditRow['action'];
    actor?: { kind: AuditRow['actorKind']; id: number };
    limit: number;
  },
): AuditRow[] {
  const where: SQL[] = [];
  if (filter.residentId !== undefined) where.push(eq(audit.residentId, filter.residentId));
  if (filter.from !== undefined) where.push(gte(audit.at, filter.from));
  if (filter.to !== undefined) where.push(lt(audit.at, filter.to));
  if (filter.action !== undefined) where.push(eq(audit.action, filter.action));
  if (filter.actor !== undefined)
    where.push(eq(audit.actorKind, filter.actor.kind), eq(audit.actorId, filter.actor.id));
  return db
    .select()
    .from(audit)
    .where(and(...where))
    .orderBy(desc(audit.at), desc(audit.id))
    .limit(filter.limit)
    .all();
}

/** The retention job's delete; the database itself refuses any entry younger than five years. */
export function deleteAuditBefore(db: Queryable, before: number): void {
  db.delete(audit).where(lt(audit.at, before)).run();
}
