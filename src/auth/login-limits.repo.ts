import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { loginFailures } from '../db/schema/index.js';

export function insertLoginFailure(db: Queryable, failure: { account: string; address: string; at: number }): void {
  db.insert(loginFailures).values(failure).run();
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

export function clearAccountFailures(db: Queryable, account: string): void {
  db.delete(loginFailures).where(eq(loginFailures.account, account)).run();
}

export function deleteFailuresBefore(db: Queryable, before: number): void {
  db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
