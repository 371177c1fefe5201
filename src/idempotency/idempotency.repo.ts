import { and, eq } from 'drizzle-orm';
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
