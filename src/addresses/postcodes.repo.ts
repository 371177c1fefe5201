import { eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { postcodeCentroids } from '../db/schema/index.js';

export type CentroidRow = typeof postcodeCentroids.$inferSelect;
export type NewCentroidRow = typeof postcodeCentroids.$inferInsert;

/** The PC6 centroid of "6371AB" when the table has it, else the PC4 one of "6371". */
export function findCentroid(db: Queryable, postcode: string): CentroidRow | undefined {
  const pc4 = postcode.slice(0, 4);
  const rows = db
    .select()
    .from(postcodeCentroids)
    .where(inArray(postcodeCentroids.postcode, [postcode, pc4]))
    .all();
  return rows.find((r) => r.postcode === postcode) ?? rows.find((r) => r.postcode === pc4);
}

export function hasCentroids(db: Queryable): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(postcodeCentroids)
      .limit(1)
      .all().length > 0
  );
}

export function countCentroids(db: Queryable): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(postcodeCentroids)
    .get()!.n;
}

/** Adds or replaces centroids: a newer download of the same table overwrites the old rows. */
export function upsertCentroid(db: Queryable, row: NewCentroidRow): 'added' | 'replaced' {
  const existed = db
    .select({ one: sql`1` })
    .from(postcodeCentroids)
    .where(eq(postcodeCentroids.postcode, row.postcode))
    .all().length;
  const { postcode, ...rest } = row;
  db.insert(postcodeCentroids).values(row).onConflictDoUpdate({ target: postcodeCentroids.postcode, set: rest }).run();
  return existed ? 'replaced' : 'added';
}
