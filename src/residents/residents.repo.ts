import { and, asc, eq, gt, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { requests, residents } from '../db/schema/index.js';

export type ResidentRow = typeof residents.$inferSelect;
export type NewResidentRow = typeof residents.$inferInsert;

export function insertResident(db: Queryable, row: NewResidentRow): ResidentRow {
  return db.insert(residents).values(row).returning().get();
}

export function updateResident(db: Queryable, id: number, patch: Partial<NewResidentRow>): ResidentRow | undefined {
  return db.update(residents).set(patch).where(eq(residents.id, id)).returning().get();
}

export function findResident(db: Queryable, id: number): ResidentRow | undefined {
  return prepared(db, 'residents.find', () =>
    db
      .select()
      .from(residents)
      .where(eq(residents.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** The phone number as digits only, so "045 531 23 45" is found by "5312345". */
const phoneDigits = sql`replace(replace(replace(replace(${residents.phone}, ' ', ''), '-', ''), '(', ''), ')', '')`;
const postcodeCompact = sql`upper(replace(${residents.postcode}, ' ', ''))`;
/** A Dutch number without its trunk or country prefix (0, +31, 0031) has nine digits. */
const NATIONAL_DIGITS = 9;

/**
 * Intake finds a resident by any part of the name, the phone number (written in any way: "045 531 23
 * 45", "+31 45 5312345") or the postcode (with or without its space).
 */
export function searchResidents(
  db: Queryable,
  q: string | undefined,
  ids?: readonly number[],
  limit = 200,
): ResidentRow[] {
  const among = ids ? inArray(residents.id, [...ids]) : undefined;
  const query = db.select().from(residents);
  if (!q) return query.where(among).orderBy(asc(residents.name)).limit(limit).all();
  const text = `%${q.replace(/[%_]/g, '')}%`;
  const typed = q.replace(/\D/g, '');
  const digits = typed.length > NATIONAL_DIGITS ? typed.slice(-NATIONAL_DIGITS) : typed;
  const postcode = `${q.replace(/\s/g, '').toUpperCase()}%`;
  return query
    .where(
      and(
        among,
        or(
          like(residents.name, text),
          like(postcodeCompact, postcode),
          digits.length >= 4 ? like(phoneDigits, `%${digits}%`) : undefined,
        ),
      ),
    )
    .orderBy(asc(residents.name))
    .limit(limit)
    .all();
}

/** A resident's jobs not yet done happen at their home: when it moves, they move with it. */
export function relocateLiveRequests(
  db: Queryable,
  residentId: number,
  location: { lat: number; lon: number },
  now: number,
) {
  return db
    .update(requests)
    .set({ lat: location.lat, lon: location.lon, updatedAt: now })
    .where(and(eq(requests.residentId, residentId), inArray(requests.status, ['open', 'proposed', 'assigned'])))
    .returning()
    .all();
}

/** The board's cards name the resident and the neighbourhood: only those columns, for the given ids. */
export function residentCards(db: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: residents.id,
      name: residents.name,
      postcode: residents.postcode,
      city: residents.city,
      wijk: residents.wijkName,
      buurt: residents.buurtName,
    })
    .from(residents)
    .where(inArray(residents.id, [...ids]))
    .all();
}

/** Residents with an address that can be looked up (a house number, not erased), by id after `afterId`. */
export function residentsWithAddress(db: Queryable, afterId: number, limit: number): ResidentRow[] {
  return db
    .select()
    .from(residents)
    .where(and(gt(residents.id, afterId), isNotNull(residents.houseNumber), isNull(residents.erasedAt)))
    .orderBy(asc(residents.id))
    .limit(limit)
    .all();
}

export function countResidentsWithAddress(db: Queryable, afterId = 0): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(residents)
    .where(and(gt(residents.id, afterId), isNotNull(residents.houseNumber), isNull(residents.erasedAt)))
    .get()!.n;
}
