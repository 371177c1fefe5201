import { and, eq, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { requestUnmet, requests } from '../db/schema/index.js';
import type { RequestRow } from '../requests/requests.repo.js';

export type UnmetRow = typeof requestUnmet.$inferInsert;

/** Saves why a request went unmet; only a flag's record gives way to a later one (a cancellation's or a window's stays). */
export function saveUnmet(db: Queryable, row: UnmetRow): void {
  db.insert(requestUnmet)
    .values(row)
    .onConflictDoUpdate({
      target: requestUnmet.requestId,
      set: { reason: row.reason, helpers: row.helpers, moment: row.moment, recordedAt: row.recordedAt },
      setWhere: eq(requestUnmet.moment, 'flagged'),
    })
    .run();
}

/** Unassigned requests whose window has passed and whose reasons were not taken then: what the clock records. */
export function passedUnrecorded(db: Queryable, now: number): RequestRow[] {
  return db
    .select({ request: requests })
    .from(requests)
    .leftJoin(requestUnmet, eq(requestUnmet.requestId, requests.id))
    .where(
      and(
        // The live requests' own index, by its condition word for word; assigned ones are not unmet.
        sql`${requests.status} in ('open', 'proposed', 'assigned')`,
        ne(requests.status, 'assigned'),
        lte(requests.windowEnd, now),
        or(isNull(requestUnmet.moment), eq(requestUnmet.moment, 'flagged')),
      ),
    )
    .orderBy(requests.id)
    .all()
    .map((r) => r.request);
}
