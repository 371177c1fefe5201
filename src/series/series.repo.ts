import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { requests, series } from '../db/schema/index.js';

export type SeriesRow = typeof series.$inferSelect;

export function insertSeries(db: Queryable, row: typeof series.$inferInsert): SeriesRow {
  return db.insert(series).values(row).returning().get();
}

export function findSeries(db: Queryable, id: number): SeriesRow | undefined {
  return db.select().from(series).where(eq(series.id, id)).get();
}

export function listSeries(db: Queryable, filter: { residentId?: number; active?: boolean }): SeriesRow[] {
  return db
    .select()
    .from(series)
    .where(
      and(
        filter.residentId === undefined ? undefined : eq(series.residentId, filter.residentId),
        filter.active === undefined ? undefined : eq(series.active, filter.active),
      ),
    )
    .orderBy(asc(series.id))
    .all();
}

export function stopSeries(db: Queryable, id: number, now: number): SeriesRow | undefined {
  return db
    .update(series)
    .set({ active: false, updatedAt: now })
    .where(and(eq(series.id, id), eq(series.active, true)))
    .returning()
    .get();
}

/** Sets the series' pause, or ends it with `null`. */
export function setSeriesPause(
  db: Queryable,
  id: number,
  pause: { from: string; until: string } | null,
  now: number,
): SeriesRow {
  return db
    .update(series)
    .set({ pausedFrom: pause?.from ?? null, pausedUntil: pause?.until ?? null, updatedAt: now })
    .where(eq(series.id, id))
    .returning()
    .get()!;
}

/** The series' requests for dates from `fromDate` on, in date order. */
export function occurrenceRequests(db: Queryable, seriesId: number, fromDate: string) {
  return db
    .select({ date: requests.seriesDate, requestId: requests.id, status: requests.status, helperId: requests.helperId })
    .from(requests)
    .where(and(eq(requests.seriesId, seriesId), gte(requests.seriesDate, fromDate)))
    .orderBy(asc(requests.seriesDate))
    .all()
    .map((r) => ({ ...r, date: r.date! }));
}

/** The helper who did or will do the series' latest occurrence before `date`: the one to ask first. */
export function previousSeriesHelper(db: Queryable, seriesId: number, date: string): number | null {
  const row = db
    .select({ helperId: requests.helperId })
    .from(requests)
    .where(
      and(
        eq(requests.seriesId, seriesId),
        lt(requests.seriesDate, date),
        isNotNull(requests.helperId),
        inArray(requests.status, ['assigned', 'completed']),
      ),
    )
    .orderBy(desc(requests.seriesDate))
    .get();
  return row?.helperId ?? null;
}

/** The live requests of every series (or of one) on dates in [from, to]: what a closure or a pause stops. */
export function liveOccurrencesBetween(db: Queryable, from: string, to: string, seriesId?: number) {
  return db
    .select({ requestId: requests.id, seriesId: requests.seriesId })
    .from(requests)
    .where(
      and(
        seriesId === undefined ? isNotNull(requests.seriesId) : eq(requests.seriesId, seriesId),
        gte(requests.seriesDate, from),
        lte(requests.seriesDate, to),
        inArray(requests.status, ['open', 'proposed', 'assigned']),
      ),
    )
    .all();
}

/** Frees the request's series date, so that the series may make that date again later. */
export function releaseSeriesDate(db: Queryable, requestId: number): void {
  db.update(requests).set({ seriesDate: null }).where(eq(requests.id, requestId)).run();
}
