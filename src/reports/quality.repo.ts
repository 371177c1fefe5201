import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers, jobFeedback, learningPlans, proposals, requests } from '../db/schema/index.js';
import type { Span } from './reports.repo.js';

const inSpan = (span: Span) => sql`${requests.windowStart} >= ${span.start} and ${requests.windowStart} < ${span.end}`;

/** Every helper, with what says when they were in the programme and where they went after: a few hundred rows. */
export function participantRows(db: Queryable) {
  return db
    .select({
      id: helpers.id,
      kind: helpers.kind,
      track: helpers.track,
      activeFrom: helpers.activeFrom,
      activeUntil: helpers.activeUntil,
      active: helpers.active,
      createdAt: helpers.createdAt,
      outflowKind: learningPlans.outflowKind,
      outflowDate: learningPlans.outflowDate,
    })
    .from(helpers)
    .leftJoin(learningPlans, eq(learningPlans.helperId, helpers.id))
    .all();
}

/** Completed hours per helper in the period; a supervised pair's job counts for both. */
export function hoursPerHelper(db: Queryable, span: Span): { helperId: number; hours: number; jobs: number }[] {
  return db.all(sql`
    select ${helpers.id} as helperId, sum(${requests.hours}) as hours, count(*) as jobs
    from ${requests} join ${helpers} on ${helpers.id} in (${requests.helperId}, ${requests.supervisorHelperId})
    where ${requests.status} = 'completed' and ${inSpan(span)}
    group by ${helpers.id}`);
}

/** The requests of the period a helper accepted, with when they were entered and when accepted. */
export function matchedRequests(db: Queryable, span: Span) {
  return db
    .select({
      residentId: requests.residentId,
      createdAt: requests.createdAt,
      windowStart: requests.windowStart,
      acceptedAt: proposals.respondedAt,
    })
    .from(requests)
    .innerJoin(proposals, and(eq(proposals.requestId, requests.id), eq(proposals.status, 'accepted')))
    .where(inSpan(span))
    .all();
}

/** The period's completed jobs, per resident in the order they were done, a pair's supervisor with them. */
export function completedJobs(
  db: Queryable,
  span: Span,
): { residentId: number; helperId: number; supervisorId: number | null }[] {
  return db.all(sql`
    select ${requests.residentId} as residentId, ${requests.helperId} as helperId,
      ${requests.supervisorHelperId} as supervisorId
    from ${requests}
    where ${requests.status} = 'completed' and ${inSpan(span)}
    order by ${requests.residentId}, ${requests.windowStart}, ${requests.id}`);
}

/**
 * The period's completed jobs with what came after: the resident's satisfaction (1–5, when someone
 * recorded it) and whether the resident's return was written down at completion.
 */
export function jobOutcomes(
  db: Queryable,
  span: Span,
): { residentId: number; satisfaction: number | null; reciprocated: number }[] {
  return db.all(sql`
    select ${requests.residentId} as residentId, ${jobFeedback.satisfaction} as satisfaction,
      (coalesce(trim(${requests.reciprocity}), '') <> '') as reciprocated
    from ${requests}
    left join ${jobFeedback} on ${jobFeedback.requestId} = ${requests.id}
    where ${requests.status} = 'completed' and ${inSpan(span)}`);
}
