import { type AnyColumn, and, eq, gte, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { deleteRepliesAbout, deleteRepliesAboutHelper } from '../idempotency/idempotency.repo.js';
import { renewRevision } from '../db/revisions.repo.js';
import {
  events,
  helpers,
  jobFeedback,
  learningPlans,
  levelChanges,
  outbox,
  proposals,
  requests,
  residents,
  series,
} from '../db/schema/index.js';

/** Residents not erased yet, untouched since `cutoff`, with no request touched or due since then. */
export function inactiveResidentIds(db: Queryable, cutoff: number): number[] {
  const recent = db
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.residentId, residents.id),
        or(
          gte(requests.updatedAt, cutoff),
          gte(requests.windowEnd, cutoff),
          inArray(requests.status, ['open', 'proposed', 'assigned']),
        ),
      ),
    );
  return db
    .select({ id: residents.id })
    .from(residents)
    .where(and(isNull(residents.erasedAt), lt(residents.updatedAt, cutoff), notExists(recent)))
    .all()
    .map((r) => r.id);
}

/** About a kilometre: enough for statistics per neighbourhood, too coarse to find a house. */
const coarse = (column: AnyColumn) => sql<number>`round(${column}, 2)`;

/**
 * Erases what identifies a resident or was written about them: name, phone, street, notes, the
 * texts of their requests and proposals, and free-text reasons in the event log. Ids, dates, skills,
 * hours and the four postcode digits stay, so the statistics (and the helpers' hours) still add up.
 */
export function eraseResident(db: Queryable, residentId: number, now: number): void {
  redactMessagesAbout(db, residentId);
  db.update(series).set({ description: null }).where(eq(series.residentId, residentId)).run();
  db.update(residents)
    .set({
      name: 'gewist',
      phone: null,
      street: null,
      houseNumber: null,
      houseNumberAddition: null,
      postcode: sql`substr(replace(${residents.postcode}, ' ', ''), 1, 4)`,
      lat: coarse(residents.lat),
      lon: coarse(residents.lon),
      languages: [],
      notes: null,
      excludedHelperIds: [],
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(residents.id, residentId))
    .run();
  deleteRepliesAbout(db, residentId);
  const ids = db
    .select({ id: requests.id })
    .from(requests)
    .where(eq(requests.residentId, residentId))
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return;
  db.update(requests)
    .set({
      description: null,
      completionNote: null,
      reciprocity: null,
      cancelReason: null,
      overrideReason: null,
      lat: coarse(requests.lat),
      lon: coarse(requests.lon),
    })
    .where(inArray(requests.id, ids))
    .run();
  db.update(proposals).set({ declineReason: null }).where(inArray(proposals.requestId, ids)).run();
  // The coach's observation of a job names what went on in the resident's home.
  db.update(jobFeedback).set({ observation: null }).where(inArray(jobFeedback.requestId, ids)).run();
  db.update(events)
    .set({ data: sql`json_remove(${events.data}, '$.reason')` })
    .where(inArray(events.requestId, ids))
    .run();
}

/**
 * Messages that name the resident or their street (a helper's reminder lists the day's addresses) lose
 * their text, sent or not: a pending one then goes out saying only that it was withdrawn.
 */
function redactMessagesAbout(db: Queryable, residentId: number): void {
  const resident = db.select().from(residents).where(eq(residents.id, residentId)).get();
  if (!resident || resident.erasedAt !== null) return;
  const mentions = [
    resident.name,
    resident.phone,
    resident.street && `${resident.street} ${resident.houseNumber ?? ''}`.trim(),
  ]
    .filter((text): text is string => Boolean(text && text.length >= 3))
    .map((text) => sql`instr(${outbox.body}, ${text}) > 0`);
  if (mentions.length === 0) return;
  db.update(outbox)
    .set({ body: 'Dit bericht is ingetrokken: de gegevens erin zijn gewist.' })
    .where(or(...mentions))
    .run();
}

/** Sent messages older than `before`: reminders carry addresses, and have done their work. */
export function deleteSentMessagesBefore(db: Queryable, before: number): number {
  return db
    .delete(outbox)
    .where(and(eq(outbox.status, 'sent'), lt(outbox.createdAt, before)))
    .run().changes;
}

/**
 * Deactivated helpers not erased yet, unchanged since `cutoff` (their plan too), with no job touched
 * or due since then.
 */
export function inactiveHelperIds(db: Queryable, cutoff: number): number[] {
  const recentJob = db
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.helperId, helpers.id),
        or(gte(requests.updatedAt, cutoff), gte(requests.windowEnd, cutoff), eq(requests.status, 'assigned')),
      ),
    );
  const recentPlan = db
    .select({ id: learningPlans.helperId })
    .from(learningPlans)
    .where(and(eq(learningPlans.helperId, helpers.id), gte(learningPlans.updatedAt, cutoff)));
  return db
    .select({ id: helpers.id })
    .from(helpers)
    .where(
      and(
        eq(helpers.active, false),
        isNull(helpers.erasedAt),
        lt(helpers.updatedAt, cutoff),
        notExists(recentJob),
        notExists(recentPlan),
      ),
    )
    .all()
    .map((r) => r.id);
}

/**
 * Erases what identifies a helper or was written about them: name, phone, email, street, the reasons
 * of their absences, their learning plan's free texts (the three questions, the goals, the coach's
 * observations on their jobs and notes on their levels), the messages to them and the kept reply of
 * their creation. Ids, track, skills and levels, dates and hours stay, so the statistics and the
 * residents' histories still add up.
 */
export function eraseHelper(db: Queryable, helperId: number, now: number): void {
  db.update(helpers)
    .set({
      name: 'gewist',
      phone: null,
      email: null,
      street: null,
      houseNumber: null,
      postcode: sql`substr(replace(${helpers.postcode}, ' ', ''), 1, 4)`,
      city: null,
      lat: coarse(helpers.lat),
      lon: coarse(helpers.lon),
      absences: sql`(select json_group_array(json_remove(value, '$.reason')) from json_each(${helpers.absences}))`,
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(helpers.id, helperId))
    .run();
  renewRevision(db, 'helpers');
  db.update(learningPlans)
    .set({ want: null, can: null, need: null, goals: [], updatedAt: now })
    .where(eq(learningPlans.helperId, helperId))
    .run();
  db.update(levelChanges).set({ note: null }).where(eq(levelChanges.helperId, helperId)).run();
  const jobs = db.select({ id: requests.id }).from(requests).where(eq(requests.helperId, helperId));
  db.update(jobFeedback).set({ observation: null }).where(inArray(jobFeedback.requestId, jobs)).run();
  db.delete(outbox).where(eq(outbox.helperId, helperId)).run();
  deleteRepliesAboutHelper(db, helperId);
}
