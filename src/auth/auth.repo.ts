import { and, asc, count, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers, tokens, users } from '../db/schema/index.js';
import type { Role } from '../domain.js';

export type UserRow = typeof users.$inferSelect;

export function findUserByEmail(db: Queryable, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function findUser(db: Queryable, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function activeUsersWithRole(db: Queryable, role: Role): UserRow[] {
  return db
    .select()
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)))
    .all();
}

export function countUsers(db: Queryable): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function insertUser(
  db: Queryable,
  user: { email: string; name: string; role: Role; passwordHash: string; createdAt: number },
): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function insertToken(
  db: Queryable,
  token: {
    tokenHash: string;
    role: Role;
    userId?: number;
    helperId?: number;
    createdAt: number;
    expiresAt: number | null;
  },
): number {
  return db.insert(tokens).values(token).returning({ id: tokens.id }).get().id;
}

export function findLiveToken(db: Queryable, tokenHash: string) {
  return db
    .select({
      id: tokens.id,
      role: tokens.role,
      userId: tokens.userId,
      helperId: tokens.helperId,
      createdAt: tokens.createdAt,
      expiresAt: tokens.expiresAt,
      lastSeenAt: tokens.lastSeenAt,
      userActive: users.active,
      helperActive: helpers.active,
      helperActiveUntil: helpers.activeUntil,
    })
    .from(tokens)
    .leftJoin(users, eq(users.id, tokens.userId))
    .leftJoin(helpers, eq(helpers.id, tokens.helperId))
    .where(and(eq(tokens.tokenHash, tokenHash), isNull(tokens.revokedAt)))
    .get();
}

/** A new personal link replaces the old one: a lost phone must not keep access. */
export function revokeHelperTokens(db: Queryable, helperId: number, at: number): void {
  db.update(tokens)
    .set({ revokedAt: at })
    .where(and(eq(tokens.helperId, helperId), isNull(tokens.revokedAt)))
    .run();
}

export function touchToken(db: Queryable, id: number, at: number): void {
  db.update(tokens).set({ lastSeenAt: at }).where(eq(tokens.id, id)).run();
}

export function revokeToken(db: Queryable, tokenHash: string, at: number): void {
  db.update(tokens)
    .set({ revokedAt: at })
    .where(and(eq(tokens.tokenHash, tokenHash), isNull(tokens.revokedAt)))
    .run();
}

export function listUsers(db: Queryable): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

export function updateUser(
  db: Queryable,
  id: number,
  patch: Partial<
    Pick<UserRow, 'name' | 'role' | 'active' | 'passwordHash' | 'totpSecret' | 'totpPendingSecret' | 'totpLastEpoch'>
  >,
): UserRow | undefined {
  // An empty patch changes nothing (Drizzle refuses an UPDATE without values: it was a 500).
  if (Object.keys(patch).length === 0) return findUser(db, id);
  return db.update(users).set(patch).where(eq(users.id, id)).returning().get();
}

/**
 * Takes the time step `step` for the user's code, with `fields`, only if no code of that step or a
 * later one was used yet, and the secret checked is still the one in `only`: false when a parallel
 * request took it first.
 */
export function claimSecondFactorStep(
  db: Queryable,
  id: number,
  step: number,
  fields: Partial<Pick<UserRow, 'totpSecret' | 'totpPendingSecret' | 'totpLastEpoch'>> = {},
  only: { totpSecret?: string; totpPendingSecret?: string } = {},
): boolean {
  const unused = or(isNull(users.totpLastEpoch), lt(users.totpLastEpoch, step));
  const still = [
    only.totpSecret === undefined ? undefined : eq(users.totpSecret, only.totpSecret),
    only.totpPendingSecret === undefined ? undefined : eq(users.totpPendingSecret, only.totpPendingSecret),
  ];
  return (
    db
      .update(users)
      .set({ totpLastEpoch: step, ...fields })
      .where(and(eq(users.id, id), unused, ...still))
      .run().changes === 1
  );
}

/** The secret to confirm for an account without a factor; false if one was set meanwhile. */
export function startFirstSecondFactor(db: Queryable, id: number, pendingSecret: string): boolean {
  return (
    db
      .update(users)
      .set({ totpPendingSecret: pendingSecret })
      .where(and(eq(users.id, id), isNull(users.totpSecret)))
      .run().changes === 1
  );
}

/** Active admins other than `exceptId`: an organisation must keep one who can manage the others. */
export function countOtherActiveAdmins(db: Queryable, exceptId: number): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, exceptId)))
      .get()?.n ?? 0
  );
}

/** Ends every session of a user (but `keepTokenId`'s): their role or password changed, or they left. */
export function revokeUserTokens(db: Queryable, userId: number, at: number, keepTokenId?: number): void {
  db.update(tokens)
    .set({ revokedAt: at })
    .where(
      and(
        eq(tokens.userId, userId),
        isNull(tokens.revokedAt),
        keepTokenId === undefined ? undefined : ne(tokens.id, keepTokenId),
      ),
    )
    .run();
}
