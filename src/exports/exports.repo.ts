import { and, asc, eq, gte, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers, requests, residents } from '../db/schema/index.js';

export interface Span {
  start?: number;
  end?: number;
}

const inSpan = (span: Span): SQL | undefined =>
  and(
    span.start === undefined ? undefined : gte(requests.windowStart, span.start),
    span.end === undefined ? undefined : lt(requests.windowStart, span.end),
  );

export function helperRows(db: Queryable) {
  return db.select().from(helpers).orderBy(asc(helpers.id)).all();
}

/** The residents not erased: an erased one has nothing left to export but the statistics. */
export function residentRows(db: Queryable) {
  return db.select().from(residents).where(isNull(residents.erasedAt)).orderBy(asc(residents.id)).all();
}

/** The requests of a period with the buurt of their resident: what was asked, where, and what came of it. */
export function requestRows(db: Queryable, span: Span) {
  return db
    .select({
      id: requests.id,
      status: requests.status,
      residentId: requests.residentId,
      buurtCode: residents.buurtCode,
      skills: requests.skills,
      windowStart: requests.windowStart,
      windowEnd: requests.windowEnd,
      durationMinutes: requests.durationMinutes,
      urgency: requests.urgency,
      channel: requests.channel,
      helperId: requests.helperId,
      hours: requests.hours,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .innerJoin(residents, eq(residents.id, requests.residentId))
    .where(inSpan(span))
    .orderBy(asc(requests.windowStart), asc(requests.id))
    .all();
}

/** The completed jobs of a period with their helper, a row for each of a supervised pair: the hours a school counts. */
export function hourRows(db: Queryable, span: Span) {
  return db
    .select({
      requestId: requests.id,
      windowStart: requests.windowStart,
      helperId: helpers.id,
      name: helpers.name,
      kind: helpers.kind,
      track: helpers.track,
      skills: requests.skills,
      hours: requests.hours,
    })
    .from(requests)
    .innerJoin(helpers, sql`${helpers.id} in (${requests.helperId}, ${requests.supervisorHelperId})`)
    .where(and(eq(requests.status, 'completed'), inSpan(span)))
    .orderBy(asc(requests.windowStart), asc(requests.id), asc(helpers.id))
    .all();
}
