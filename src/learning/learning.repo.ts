import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { renewRevision } from '../db/revisions.repo.js';
import { learningPlans, levelChanges, requests, statementSignOffs, users } from '../db/schema/index.js';

export type PlanRow = typeof learningPlans.$inferSelect;
export type NewPlanRow = typeof learningPlans.$inferInsert;
export type LevelChangeRow = typeof levelChanges.$inferSelect;
export type SignOffRow = typeof statementSignOffs.$inferSelect;

export function findPlan(db: Queryable, helperId: number): PlanRow | undefined {
  return db.select().from(learningPlans).where(eq(learningPlans.helperId, helperId)).get();
}

/** The goals and the outflow decide what the matching serves: the helper directory is read again. */
export function savePlan(db: Queryable, row: NewPlanRow): PlanRow {
  const { helperId: _helperId, ...set } = row;
  renewRevision(db, 'helpers');
  return db
    .insert(learningPlans)
    .values(row)
    .onConflictDoUpdate({ target: learningPlans.helperId, set })
    .returning()
    .get();
}

export function plansCoachedBy(db: Queryable, coachUserId: number): PlanRow[] {
  return db.select().from(learningPlans).where(eq(learningPlans.coachUserId, coachUserId)).all();
}

export function insertLevelChange(db: Queryable, row: typeof levelChanges.$inferInsert): LevelChangeRow {
  return db.insert(levelChanges).values(row).returning().get();
}

/** The helper's level changes, newest first. */
export function levelChangesOf(db: Queryable, helperId: number): LevelChangeRow[] {
  return db
    .select()
    .from(levelChanges)
    .where(eq(levelChanges.helperId, helperId))
    .orderBy(desc(levelChanges.at), desc(levelChanges.id))
    .all();
}

/** Which of `ids` are jobs this helper completed. */
export function completedJobIds(db: Queryable, helperId: number, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = db
    .select({ id: requests.id })
    .from(requests)
    .where(and(inArray(requests.id, [...ids]), eq(requests.helperId, helperId), eq(requests.status, 'completed')))
    .all();
  return new Set(rows.map((r) => r.id));
}

export function userNames(db: Queryable, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function insertSignOff(db: Queryable, row: typeof statementSignOffs.$inferInsert): SignOffRow {
  return db.insert(statementSignOffs).values(row).returning().get();
}

/** The helper's statement sign-offs, newest first. */
export function signOffsOf(db: Queryable, helperId: number): SignOffRow[] {
  return db
    .select()
    .from(statementSignOffs)
    .where(eq(statementSignOffs.helperId, helperId))
    .orderBy(desc(statementSignOffs.signedAt), desc(statementSignOffs.id))
    .all();
}
