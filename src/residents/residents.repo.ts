import { asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { residents } from '../db/schema/index.js';

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

/** Intake finds a resident by any part of the name, the phone number or the postcode. */
export function searchResidents(db: Queryable, q: string | undefined, limit = 200): ResidentRow[] {
  const query = db.select().from(residents);
  if (!q) return query.orderBy(asc(residents.name)).limit(limit).all();
  const text = `%${q.replace(/[%_]/g, '')}%`;
  const digits = q.replace(/\D/g, '');
  const postcode = `${q.replace(/\s/g, '').toUpperCase()}%`;
  return query
    .where(
      or(
        like(residents.name, text),
        like(residents.postcode, postcode),
        digits.length >= 4 ? like(phoneDigits, `%${digits}%`) : undefined,
      ),
    )
    .orderBy(asc(residents.name))
    .limit(limit)
    .all();
}

/** The board's cards name the resident and the neighbourhood: only those columns, for the given ids. */
export function residentCards(db: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: residents.id, name: residents.name, postcode: residents.postcode, city: residents.city })
    .from(residents)
    .where(inArray(residents.id, [...ids]))
    .all();
}
