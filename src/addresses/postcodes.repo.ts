import { inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.js';
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

/**
 * Adds or replaces centroids: a newer download of the same table overwrites the old rows. Two
 * statements prepared once, since an import writes hundreds of thousands of rows in one go.
 */
export function centroidWriter(db: Db): (row: NewCentroidRow) => 'added' | 'replaced' {
  const exists = db.$client.prepare('select 1 from postcode_centroids where postcode = ?').pluck();
  const upsert = db.$client.prepare(
    `insert into postcode_centroids (postcode, lat, lon, city, street, wijk_code, wijk_name, buurt_code, buurt_name, imported_at)
     values (@postcode, @lat, @lon, @city, @street, @wijkCode, @wijkName, @buurtCode, @buurtName, @importedAt)
     on conflict (postcode) do update set lat = excluded.lat, lon = excluded.lon, city = excluded.city,
       street = excluded.street, wijk_code = excluded.wijk_code, wijk_name = excluded.wijk_name,
       buurt_code = excluded.buurt_code, buurt_name = excluded.buurt_name, imported_at = excluded.imported_at`,
  );
  return (row) => {
    const existed = exists.get(row.postcode) !== undefined;
    upsert.run({
      city: null,
      street: null,
      wijkCode: null,
      wijkName: null,
      buurtCode: null,
      buurtName: null,
      ...row,
    });
    return existed ? 'replaced' : 'added';
  };
}

/** One centroid, added or replaced (the demo's streets). */
export function upsertCentroid(db: Db, row: NewCentroidRow): 'added' | 'replaced' {
  return centroidWriter(db)(row);
}
