import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/client.js';
import { proposals } from '../db/schema/index.js';
import type { ProposalStatus } from '../domain.js';

export type ProposalRow = typeof proposals.$inferSelect;
export type NewProposalRow = typeof proposals.$inferInsert;

const INSERTED = [
  'requestId',
  'helperId',
  'status',
  'score',
  'distanceKm',
  'breakdown',
  'start',
  'end',
  'expiresAt',
  'askNextAt',
  'createdBy',
  'createdAt',
  'role',
  'makesRoom',
] as const satisfies ReadonlyArray<keyof NewProposalRow>;

type ProposalInsert = Pick<NewProposalRow, (typeof INSERTED)[number]>;

/** Prepared once: a round writes hundreds of these in one transaction. */
export function insertProposal(db: Queryable, row: ProposalInsert): ProposalRow {
  const query = prepared(db, 'proposals.insert', () =>
    db
      .insert(proposals)
      .values(Object.fromEntries(INSERTED.map((key) => [key, sql.placeholder(key)])) as never)
      .returning()
      .prepare(),
  );
  return query.get({
    ...row,
    askNextAt: row.askNextAt ?? null,
    createdBy: row.createdBy ?? null,
    role: row.role ?? 'alone',
    makesRoom: row.makesRoom ?? null,
  });
}

/** Joins two just-made proposals into a supervised pair. */
export function joinPair(db: Queryable, learnerId: number, supervisorId: number): [ProposalRow, ProposalRow] {
  const link = (id: number, partnerId: number) =>
    db.update(proposals).set({ partnerId }).where(eq(proposals.id, id)).returning().get()!;
  return [link(learnerId, supervisorId), link(supervisorId, learnerId)];
}

/** A pair's half says yes and waits for the other; undefined if it is no longer open or said yes already. */
export function agreeProposal(db: Queryable, id: number, at: number): ProposalRow | undefined {
  return db
    .update(proposals)
    .set({ agreedAt: at })
    .where(and(eq(proposals.id, id), eq(proposals.status, 'proposed'), isNull(proposals.agreedAt)))
    .returning()
    .get();
}

export function findProposal(db: Queryable, id: number): ProposalRow | undefined {
  return prepared(db, 'proposals.find', () =>
    db
      .select()
      .from(proposals)
      .where(eq(proposals.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** Closes a live proposal; the `status = 'proposed'` condition makes a second answer change nothing. */
export function closeProposal(
  db: Queryable,
  id: number,
  status: Exclude<ProposalStatus, 'proposed'>,
  at: number,
  declineReason?: string,
): ProposalRow | undefined {
  const query = prepared(db, 'proposals.close', () =>
    db
      .update(proposals)
      .set({
        status: sql.placeholder('status') as never,
        respondedAt: sql.placeholder('at') as never,
        declineReason: sql.placeholder('reason') as never,
      })
      .where(and(eq(proposals.id, sql.placeholder('id')), eq(proposals.status, 'proposed')))
      .returning()
      .prepare(),
  );
  return query.get({ id, status, at, reason: declineReason ?? null });
}

/** The request's accepted proposals (one, or a pair's two) → released, with why. */
export function releaseAccepted(db: Queryable, requestId: number, reason: string | null): ProposalRow[] {
  return db
    .update(proposals)
    .set({ status: 'released', declineReason: reason })
    .where(and(eq(proposals.requestId, requestId), eq(proposals.status, 'accepted')))
    .returning()
    .all();
}

export function proposalsOfRequest(db: Queryable, requestId: number): ProposalRow[] {
  return prepared(db, 'proposals.ofRequest', () =>
    db
      .select()
      .from(proposals)
      .where(eq(proposals.requestId, sql.placeholder('requestId')))
      .orderBy(asc(proposals.id))
      .prepare(),
  ).all({ requestId });
}

/** For each request, the helpers who had a proposal for it: one query for a whole round. */
export function helpersProposedTo(db: Queryable, requestIds: readonly number[]): Map<number, Set<number>> {
  const byRequest = new Map<number, Set<number>>(requestIds.map((id) => [id, new Set()]));
  if (requestIds.length === 0) return byRequest;
  const rows = db
    .select({ requestId: proposals.requestId, helperId: proposals.helperId })
    .from(proposals)
    .where(inArray(proposals.requestId, [...requestIds]))
    .all();
  for (const row of rows) byRequest.get(row.requestId)!.add(row.helperId);
  return byRequest;
}

/**
 * The status is written into the SQL, not bound: only then can SQLite use the partial index of live
 * proposals by request (proposals_one_live_per_helper); with `status = ?` it read every live proposal.
 */
export function liveProposalsOfRequest(db: Queryable, requestId: number): ProposalRow[] {
  return prepared(db, 'proposals.liveOfRequest', () =>
    db
      .select()
      .from(proposals)
      .where(and(eq(proposals.requestId, sql.placeholder('requestId')), sql`${proposals.status} = 'proposed'`))
      .prepare(),
  ).all({ requestId });
}

export function liveProposalsOfHelper(db: Queryable, helperId: number): ProposalRow[] {
  return prepared(db, 'proposals.liveOfHelper', () =>
    db
      .select()
      .from(proposals)
      .where(and(eq(proposals.helperId, sql.placeholder('helperId')), eq(proposals.status, 'proposed')))
      .orderBy(asc(proposals.start))
      .prepare(),
  ).all({ helperId });
}

export function liveProposals(db: Queryable): ProposalRow[] {
  return db.select().from(proposals).where(eq(proposals.status, 'proposed')).orderBy(asc(proposals.expiresAt)).all();
}

export function dueProposals(db: Queryable, now: number): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.status, 'proposed'), lte(proposals.expiresAt, now)))
    .orderBy(asc(proposals.expiresAt))
    .all();
}

/** Held proposals whose helper has not answered by their step, and whose next best was not asked yet. */
export function dueAskNext(db: Queryable, now: number): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.status, 'proposed'), lte(proposals.askNextAt, now), isNull(proposals.nextAskedAt)))
    .orderBy(asc(proposals.askNextAt))
    .all();
}

export function markNextAsked(db: Queryable, id: number, at: number): void {
  db.update(proposals).set({ nextAskedAt: at }).where(eq(proposals.id, id)).run();
}

/** Minutes from proposal to yes or no in the helper's last `limit` answers, newest first. */
export function recentAnswerMinutes(db: Queryable, helperId: number, limit: number): number[] {
  const rows = prepared(db, 'proposals.recentAnswers', () =>
    db
      .select({ createdAt: proposals.createdAt, respondedAt: proposals.respondedAt })
      .from(proposals)
      .where(
        and(
          eq(proposals.helperId, sql.placeholder('helperId')),
          inArray(proposals.status, ['accepted', 'declined', 'released']),
          // A dispatcher's direct assignment is made and accepted at once: no answer of the helper's.
          sql`${proposals.respondedAt} > ${proposals.createdAt}`,
        ),
      )
      .orderBy(desc(proposals.respondedAt))
      .limit(sql.placeholder('limit'))
      .prepare(),
  ).all({ helperId, limit });
  return rows.map((r) => (r.respondedAt! - r.createdAt) / 60_000);
}
