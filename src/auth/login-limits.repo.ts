import { and, count, eq, gt, lt, lte, min } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { loginFailures } from '../db/schema/index.js';

/** A failed login, or an attempt still being checked (it stays a failure unless it turns out right). */
export function insertLoginFailure(db: Queryable, failure: { account: string; address: string; at: number }): number {
  return db.insert(loginFailures).values(failure).returning({ id: loginFailures.id }).get().id;
}

/** Failures since `since` for one account or one address: how many, and when the oldest of them was. */
export function failuresSince(
  db: Queryable,
  by: 'account' | 'address',
  key: string,
  since: number,
): { n: number; oldest: number | null } {
  const column = by === 'account' ? loginFailures.account : loginFailures.address;
  const row = db
    .select({ n: count(), oldest: min(loginFailures.at) })
    .from(loginFailures)
    .where(and(eq(column, key), gt(loginFailures.at, since)))
    .get();
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

export function deleteLoginFailure(db: Queryable, id: number): void {
  db.delete(loginFailures).where(eq(loginFailures.id, id)).run();
}

/** The account's failures up to and including the attempt `throughId`; attempts claimed after it stay. */
export function clearAccountFailures(db: Queryable, account: string, throughId: number): void {
  db.delete(loginFailures)
    .where(and(eq(loginFailures.account, account), lte(loginFailures.id, throughId)))
    .run();
}

export function deleteFailuresBefore(db: Queryable, before: number): void {
  db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
