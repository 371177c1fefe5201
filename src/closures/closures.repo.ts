import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/client.js';
import { closures } from '../db/schema/index.js';
import { holidaysBetween } from './holidays.js';

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

export interface ClosedDay {
  date: string;
  /** The closure's reason, or the public holiday's name. */
  reason: string;
}

/**
 * The days in the inclusive local dates [from, to] on which nothing is planned: the Dutch public
 * holidays and the organisation's own closures (whose reason wins where both apply), by date.
 */
export function closedDaysBetween(db: Queryable, from: string, to: string): ClosedDay[] {
  const reasons = new Map(holidaysBetween(from, to).map((h) => [h.date, h.name]));
  for (const closure of closuresBetween(db, from, to)) {
    for (let d = new Date(`${closure.from}T12:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      if (date > closure.to || date > to) break;
      if (date >= from) reasons.set(date, closure.reason);
    }
  }
  return [...reasons].map(([date, reason]) => ({ date, reason })).sort((a, b) => a.date.localeCompare(b.date));
}
