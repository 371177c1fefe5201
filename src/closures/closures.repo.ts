import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/client.js';
import { closures } from '../db/schema/index.js';

export type ClosureRow = typeof closures.$inferSelect;

export function insertClosure(db: Queryable, row: typeof closures.$inferInsert): ClosureRow {
  return db.insert(closures).values(row).returning().get();
}

export function deleteClosure(db: Queryable, id: number): ClosureRow | undefined {
  return db.delete(closures).where(eq(closures.id, id)).returning().get();
}

export function listClosures(db: Queryable): ClosureRow[] {
  return db.select().from(closures).orderBy(asc(closures.from)).all();
}

/** Closures overlapping the inclusive local dates [from, to]. */
export function closuresBetween(db: Queryable, from: string, to: string): ClosureRow[] {
  return prepared(db, 'closures.between', () =>
    db
      .select()
      .from(closures)
      .where(and(lte(closures.from, sql.placeholder('to')), gte(closures.to, sql.placeholder('from'))))
      .prepare(),
  ).all({ from, to });
}
