import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { jobFeedback, requests } from '../db/schema/index.js';

export type FeedbackRow = typeof jobFeedback.$inferSelect;

export function findFeedback(db: Queryable, requestId: number): FeedbackRow | undefined {
  return db.select().from(jobFeedback).where(eq(jobFeedback.requestId, requestId)).get();
}

export function saveFeedback(db: Queryable, row: FeedbackRow): FeedbackRow {
  const { requestId: _requestId, ...set } = row;
  return db
    .insert(jobFeedback)
    .values(row)
    .onConflictDoUpdate({ target: jobFeedback.requestId, set })
    .returning()
    .get();
}

/** A helper's latest completed jobs, with the feedback on each where there is some. */
export function latestJobsOfHelper(db: Queryable, helperId: number, limit: number) {
  return db
    .select({ requestId: requests.id, skills: requests.skills, start: requests.scheduledStart, feedback: jobFeedback })
    .from(requests)
    .leftJoin(jobFeedback, eq(jobFeedback.requestId, requests.id))
    .where(and(eq(requests.helperId, helperId), eq(requests.status, 'completed')))
    .orderBy(desc(requests.scheduledStart), desc(requests.id))
    .limit(limit)
    .all();
}
