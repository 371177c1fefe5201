import { asc, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { events } from '../db/schema/index.js';
import type { AppEvent, EventMap, EventType } from './events.types.js';

function idsOf(data: Record<string, unknown>): { requestId: number | null; helperId: number | null } {
  return {
    requestId: typeof data.requestId === 'number' ? data.requestId : null,
    helperId: typeof data.helperId === 'number' ? data.helperId : null,
  };
}

export function appendEvent<T extends EventType>(
  db: Queryable,
  type: T,
  data: EventMap[T],
  at: number,
  actor: string | null,
): AppEvent<T> {
  const record = data as unknown as Record<string, unknown>;
  const insert = prepared(db, 'events.append', () =>
    db
      .insert(events)
      .values({
        type: sql.placeholder('type'),
        at: sql.placeholder('at'),
        actor: sql.placeholder('actor'),
        data: sql.placeholder('data'),
        requestId: sql.placeholder('requestId'),
        helperId: sql.placeholder('helperId'),
      })
      .returning({ seq: events.seq })
      .prepare(),
  );
  const row = insert.get({ type, at, actor, data: record, ...idsOf(record) })!;
  return { seq: row.seq, type, at: new Date(at).toISOString(), data };
}

function toEvent(row: typeof events.$inferSelect): AppEvent {
  return { seq: row.seq, type: row.type as EventType, at: new Date(row.at).toISOString(), data: row.data as never };
}

export function eventsAfter(db: Queryable, after: number, limit: number): AppEvent[] {
  return db.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(limit).all().map(toEvent);
}

export function lastSeq(db: Queryable): number {
  return (
    db
      .select({ seq: sql<number>`coalesce(max(${events.seq}), 0)` })
      .from(events)
      .get()?.seq ?? 0
  );
}

export interface RequestChanges {
  /** How many events the request has: only grows, since the log is append-only. */
  count: number;
  /** When the last of them happened. */
  lastAt: number;
}

/** Per request, how often and when last it changed, read from the log (by its request index). */
export function requestChanges(db: Queryable, requestIds: number[]): Map<number, RequestChanges> {
  if (requestIds.length === 0) return new Map();
  const rows = db
    .select({
      requestId: events.requestId,
      count: sql<number>`count(*)`,
      lastAt: sql<number>`max(${events.at})`,
    })
    .from(events)
    .where(inArray(events.requestId, requestIds))
    .groupBy(events.requestId)
    .all();
  return new Map(rows.map((r) => [r.requestId!, { count: r.count, lastAt: r.lastAt }]));
}
