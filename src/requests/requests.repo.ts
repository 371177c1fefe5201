import { and, desc, eq, gt, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { requests } from '../db/schema/index.js';
import type { RequestStatus } from '../domain.js';

export type RequestRow = typeof requests.$inferSelect;
export type NewRequestRow = typeof requests.$inferInsert;

export function insertRequest(db: Queryable, row: NewRequestRow): RequestRow {
  return db.insert(requests).values(row).returning().get();
}

export function findRequest(db: Queryable, id: number): RequestRow | undefined {
  return prepared(db, 'requests.find', () =>
    db
      .select()
      .from(requests)
      .where(eq(requests.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** The helper holds the request: alone or as the learner of a pair, or as its supervisor. */
const heldBy = (helperId: number) => or(eq(requests.helperId, helperId), eq(requests.supervisorHelperId, helperId));

/**
 * Moves a request from one of `from` to a new state. The condition is part of the update, so a
 * concurrent writer that got there first makes this change no row, and the caller fails cleanly.
 * Prepared once per shape of change (the fields set, which of them to null, the states left): a round
 * moves hundreds of requests in one transaction, and building the query cost more than running it.
 */
export function transitionRequest(
  db: Queryable,
  id: number,
  from: readonly RequestStatus[],
  set: Partial<NewRequestRow> & { status: RequestStatus; updatedAt: number },
): RequestRow | undefined {
  const changes = set as Record<string, unknown>;
  const fields = Object.keys(changes)
    .filter((field) => changes[field] !== undefined)
    .sort();
  const nulled = fields.filter((field) => changes[field] === null);
  const key = `requests.transition:${from.join()}:${fields.join()}:${nulled.join()}`;
  const query = prepared(db, key, () =>
    db
      .update(requests)
      .set(
        Object.fromEntries(
          fields.map((field) => [field, changes[field] === null ? null : sql.placeholder(field)]),
        ) as Partial<NewRequestRow>,
      )
      .where(and(eq(requests.id, sql.placeholder('id')), inArray(requests.status, [...from])))
      .returning()
      .prepare(),
  );
  return query.get({ ...changes, id });
}

/** Assigned → open again, with no helper and no time; undefined if it was not assigned. */
export function unassignRequest(db: Queryable, id: number, at: number): RequestRow | undefined {
  return transitionRequest(db, id, ['assigned'], {
    status: 'open',
    helperId: null,
    supervisorHelperId: null,
    scheduledStart: null,
    scheduledEnd: null,
    overrideReason: null,
    usualHelperId: null,
    updatedAt: at,
  });
}

/**
 * Open or proposed → assigned to the helper (with a pair: the learner, and their supervisor) at the
 * placed time; undefined if it was no longer live.
 */
export function assignRequest(
  db: Queryable,
  id: number,
  helperId: number,
  start: number,
  end: number,
  at: number,
  supervisorHelperId: number | null = null,
): RequestRow | undefined {
  const query = prepared(db, 'requests.assign', () =>
    db
      .update(requests)
      .set({
        status: 'assigned',
        needsDispatcher: false,
        helperId: sql.placeholder('helperId') as never,
        supervisorHelperId: sql.placeholder('supervisorHelperId') as never,
        scheduledStart: sql.placeholder('start') as never,
        scheduledEnd: sql.placeholder('end') as never,
        updatedAt: sql.placeholder('at') as never,
      })
      .where(and(eq(requests.id, sql.placeholder('id')), inArray(requests.status, ['open', 'proposed'])))
      .returning()
      .prepare(),
  );
  return query.get({ id, helperId, supervisorHelperId, start, end, at });
}

/** An assigned job moves to another time (inside its window); undefined if it is no longer assigned. */
export function rescheduleRequest(db: Queryable, id: number, start: number, end: number, at: number) {
  return transitionRequest(db, id, ['assigned'], {
    status: 'assigned',
    scheduledStart: start,
    scheduledEnd: end,
    updatedAt: at,
  });
}

/** Notes on an assigned request that it went to another than the resident's usual helper. */
export function noteContinuityBroken(db: Queryable, id: number, usualHelperId: number): RequestRow {
  return db.update(requests).set({ usualHelperId }).where(eq(requests.id, id)).returning().get()!;
}

/** Notes on an assigned request why a dispatcher overrode the matching; returns the request as it is now. */
export function noteOverride(db: Queryable, id: number, reason: string): RequestRow {
  return db.update(requests).set({ overrideReason: reason }).where(eq(requests.id, id)).returning().get()!;
}

export interface RequestFilter {
  status?: RequestStatus[];
  residentId?: number;
  helperId?: number;
  from?: number;
  to?: number;
  limit: number;
  /** The latest window first (a history); the earliest first without it. */
  newestFirst?: boolean;
}

export function listRequests(db: Queryable, f: RequestFilter): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(
      and(
        f.status ? inArray(requests.status, f.status) : undefined,
        f.residentId ? eq(requests.residentId, f.residentId) : undefined,
        f.helperId ? heldBy(f.helperId) : undefined,
        f.from !== undefined ? gt(requests.windowEnd, f.from) : undefined,
        f.to !== undefined ? lt(requests.windowStart, f.to) : undefined,
      ),
    )
    .orderBy(...(f.newestFirst ? [desc(requests.windowStart), desc(requests.id)] : [requests.windowStart, requests.id]))
    .limit(f.limit)
    .all();
}

/** What a board shows: everything still in play, and what ended since `since`. */
export function boardRequests(db: Queryable, since: number): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(
      or(
        inArray(requests.status, ['open', 'proposed', 'assigned']),
        and(inArray(requests.status, ['completed', 'cancelled']), gt(requests.updatedAt, since)),
      ),
    )
    .orderBy(requests.windowStart, requests.id)
    .all();
}

/**
 * A helper's jobs: those assigned to them, and those that ended in one of `ended` since `since`. The
 * calendar feed also keeps cancelled ones; only an assignment sets `helperId`, so a cancelled row with
 * this helper was theirs.
 */
export function helperRequests(
  db: Queryable,
  helperId: number,
  since: number,
  ended: readonly RequestRow['status'][] = ['completed'],
): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(
      and(
        heldBy(helperId),
        or(
          eq(requests.status, 'assigned'),
          and(inArray(requests.status, [...ended]), gt(requests.scheduledEnd, since)),
        ),
      ),
    )
    .orderBy(requests.scheduledStart)
    .all();
}

/** Hours each helper holds since `since`; a pair's supervisor holds the job's hours as well. */
export function hoursByHelperSince(db: Queryable, since: number): Map<number, number> {
  const hours = new Map<number, number>();
  for (const column of [requests.helperId, requests.supervisorHelperId]) {
    const rows = db
      .select({ helperId: column, ms: sql<number>`sum(${requests.scheduledEnd} - ${requests.scheduledStart})` })
      .from(requests)
      .where(
        and(inArray(requests.status, ['assigned', 'completed']), gt(requests.scheduledStart, since), isNotNull(column)),
      )
      .groupBy(column)
      .all();
    for (const r of rows) hours.set(r.helperId!, (hours.get(r.helperId!) ?? 0) + r.ms / 3_600_000);
  }
  return hours;
}

/** Open requests whose window has not ended: what a global round proposes. */
export function openRequestsBefore(db: Queryable, now: number): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.status, 'open'), gt(requests.windowEnd, now)))
    .orderBy(requests.id)
    .all();
}

/** Assigned jobs that start in [from, to), by start: tomorrow's, for the reminders. */
export function assignedStartingBetween(db: Queryable, from: number, to: number): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.status, 'assigned'), gte(requests.scheduledStart, from), lt(requests.scheduledStart, to)))
    .orderBy(requests.scheduledStart, requests.id)
    .all();
}

/** The jobs assigned to the helper that start after `from`: what a helper taken out leaves to others. */
export function assignedToHelperFrom(db: Queryable, helperId: number, from: number): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(and(heldBy(helperId), eq(requests.status, 'assigned'), gt(requests.scheduledStart, from)))
    .orderBy(requests.scheduledStart)
    .all();
}

/** Every job the helper completed, alone or in a pair, for their hours (students report them to school). */
export function completedByHelper(db: Queryable, helperId: number): RequestRow[] {
  return db
    .select()
    .from(requests)
    .where(and(heldBy(helperId), eq(requests.status, 'completed')))
    .orderBy(requests.scheduledStart)
    .all();
}
