import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function findIdempotencyKey(db: Queryable, actor: string, key: string): IdempotencyRow | undefined {
  return db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)))
    .get();
}

export function insertIdempotencyKey(db: Queryable, row: IdempotencyRow): void {
  db.insert(idempotencyKeys).values(row).run();
}

export function deleteIdempotencyKey(db: Queryable, actor: string, key: string): void {
  db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)))
    .run();
}

/** Deletes the replies kept since `at` or earlier. */
export function deleteIdempotencyKeysUntil(db: Queryable, at: number): void {
  db.delete(idempotencyKeys).where(lte(idempotencyKeys.createdAt, at)).run();
}

/**
 * Deletes the kept replies that copy a resident's personal data: the resident as created, and the
 * requests (one, or a split's parts) and series entered for them (with their descriptions).
 */
export function deleteRepliesAbout(db: Queryable, residentId: number): void {
  db.delete(idempotencyKeys)
    .where(
      or(
        and(
          eq(idempotencyKeys.operation, 'createResident'),
          sql`json_extract(${idempotencyKeys.reply}, '$.id') = ${residentId}`,
        ),
        sql`json_extract(${idempotencyKeys.reply}, '$.residentId') = ${residentId}`,
        // a split's reply: the request's parts, all for one resident
        sql`json_extract(${idempotencyKeys.reply}, '$[0].residentId') = ${residentId}`,
      ),
    )
    .run();
}

/** The kept reply of a helper's creation: it holds their name, phone and address. */
export function deleteRepliesAboutHelper(db: Queryable, helperId: number): void {
  db.delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.operation, 'createHelper'),
        sql`json_extract(${idempotencyKeys.reply}, '$.id') = ${helperId}`,
      ),
    )
    .run();
}
