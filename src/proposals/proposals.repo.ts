import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { proposals } from '../db/schema/index.js';
import type { ProposalStatus } from '../domain.js';

export type ProposalRow = typeof proposals.$inferSelect;
export type NewProposalRow = typeof proposals.$inferInsert;

export function insertProposal(db: Queryable, row: NewProposalRow): ProposalRow {
  return db.insert(proposals).values(row).returning().get();
}

export function findProposal(db: Queryable, id: number): ProposalRow | undefined {
  return db.select().from(proposals).where(eq(proposals.id, id)).get();
}

/** Closes a live proposal; the `status = 'proposed'` condition makes a second answer change nothing. */
export function closeProposal(
  db: Queryable,
  id: number,
  status: Exclude<ProposalStatus, 'proposed'>,
  at: number,
  declineReason?: string,
): ProposalRow | undefined {
  return db
    .update(proposals)
    .set({ status, respondedAt: at, declineReason: declineReason ?? null })
    .where(and(eq(proposals.id, id), eq(proposals.status, 'proposed')))
    .returning()
    .get();
}

export function proposalsOfRequest(db: Queryable, requestId: number): ProposalRow[] {
  return db.select().from(proposals).where(eq(proposals.requestId, requestId)).orderBy(asc(proposals.id)).all();
}

export function liveProposalsOfRequest(db: Queryable, requestId: number): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.requestId, requestId), eq(proposals.status, 'proposed')))
    .all();
}

export function proposalsOfHelper(db: Queryable, helperId: number, statuses: readonly ProposalStatus[]): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.helperId, helperId), inArray(proposals.status, statuses)))
    .orderBy(asc(proposals.start))
    .all();
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
