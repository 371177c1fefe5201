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

/** The feedback on a helper's completed jobs, the latest job first. */
export function feedbackOfHelper(db: Queryable, helperId: number, limit: number) {
  return db
    .select({ feedback: jobFeedback, skills: requests.skills, start: requests.scheduledStart })
    .from(jobFeedback)
    .innerJoin(requests, eq(requests.id, jobFeedback.requestId))
    .where(and(eq(requests.helperId, helperId), eq(requests.status, 'completed')))
    .orderBy(desc(requests.scheduledStart), desc(requests.id))
    .limit(limit)
    .all();
}
