import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../db/client.js';
import type { Clock, UnitOfWork } from '../db/unit-of-work.js';
import type { UserRole } from '../domain.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { findHelper } from '../helpers/helpers.repo.js';
import {
  countUsers,
  findLiveToken,
  findUser,
  findUserByEmail,
  insertToken,
  countOtherActiveAdmins,
  insertUser,
  listUsers,
  revokeHelperTokens,
  revokeToken,
  revokeUserTokens,
  updateUser,
  type UserRow,
} from './auth.repo.js';
import type { PasswordChange, UserPatch } from './auth.schema.js';
import type { Identity } from './auth.types.js';
import { createLoginGuard, type LoginLimits } from './login-limits.js';
import { createSecondFactor } from './second-factor.js';
import { checkPassword } from './password-rule.js';
import { createSessions } from './sessions.js';

const HOUR = 3_600_000;
/** A personal link's longest life, for helpers without a last active day: a practice year. */
const LINK_DAYS = 365;

/** Tokens are 256 random bits, so a fast hash is enough to keep them useless if the file leaks. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface PublicUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

function presentUser(user: UserRow): PublicUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role as UserRole };
}

function presentAccount(user: UserRow): PublicUser & { active: boolean; secondFactor: boolean } {
  return { ...presentUser(user), active: user.active, secondFactor: user.totpSecret !== null };
}

export interface AuthServiceDeps {
  db: Db;
  work: UnitOfWork;
  clock: Clock;
  bus: EventBus;
  sessionHours: number;
  sessionIdleMinutes: number;
  loginLimits: LoginLimits;
  publicUrl: string;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, work, clock, sessionHours, publicUrl } = deps;
  // Verifying against a real hash for unknown e-mails keeps the response time from telling who exists.
  const dummyHash = argon2.hash(newToken(), { type: argon2.argon2id });
  const guard = createLoginGuard(db, clock, deps.loginLimits);
  const sessions = createSessions({ db, clock, bus: deps.bus, idleMinutes: deps.sessionIdleMinutes });
  const secondFactor = createSecondFactor({ db, clock, guard });

  return {
    async createUser(input: { email: string; password: string; name: string; role: UserRole }, actor: string | null) {
      const email = input.email.toLowerCase();
      checkPassword(input.password, { email, name: input.name });
      const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
      return work(actor, ({ tx, record, now }) => {
        if (findUserByEmail(tx, email)) {
          throw new AppError('email_taken', 'a user with this e-mail exists', [{ field: 'email', message: 'taken' }]);
        }
        const user = insertUser(tx, { email, name: input.name, role: input.role, passwordHash, createdAt: now });
        record('user.created', { userId: user.id, role: user.role });
        return presentUser(user);
      });
    },

    /** Creates the first admin from the environment when the database has no users yet. */
    async bootstrapAdmin(admin: { email: string; password: string } | null): Promise<PublicUser | null> {
      if (!admin || countUsers(db) > 0) return null;
      return this.createUser({ ...admin, name: 'Beheerder', role: 'admin' }, 'system:bootstrap');
    },

    /**
     * A staff session for the right password (and the right code, with a second factor), unless this
     * account or this address (`from.address`, the client's IP) failed too often lately: then
     * `rate_limited` with when to try again.
     */
    async login(email: string, password: string, from: { address?: string; code?: string } = {}) {
      const address = from.address ?? 'internal';
      const account = email.toLowerCase();
      // Counted as a failure from here on, unless it turns out right.
      const claim = guard.claim(account, address);
      const user = findUserByEmail(db, account);
      const valid = user?.active
        ? await argon2.verify(user.passwordHash, password)
        : (await argon2.verify(await dummyHash, password), false);
      if (!user || !valid) throw new AppError('unauthorized', 'wrong e-mail, password or code');
      if (user.totpSecret && from.code === undefined) {
        // The right password; the client asks for the code and comes again.
        guard.release(claim);
        throw new AppError('second_factor_required', 'enter the code from your authenticator app');
      }
      if (!(await secondFactor.passes(user, from.code))) {
        throw new AppError('unauthorized', 'wrong e-mail, password or code');
      }
      guard.succeeded(claim);
      const token = newToken();
      const now = clock();
      insertToken(db, {
        tokenHash: hashToken(token),
        role: user.role,
        userId: user.id,
        createdAt: now,
        expiresAt: now + sessionHours * HOUR,
      });
      return { token, user: presentUser(user) };
    },

    /** The staff user behind a session, for the pages' header. */
    user(id: number): PublicUser | null {
      const row = findUser(db, id);
      return row ? presentUser(row) : null;
    },

    /** Ends a staff session: the token stops working at once, and a board on it is cut off. */
    logout(token: string): void {
      const session = findLiveToken(db, hashToken(token));
      const userId = session?.userId;
      if (userId === null || userId === undefined) return;
      work(`user:${userId}`, ({ tx, record, now }) => {
        revokeToken(tx, hashToken(token), now);
        record('user.logged-out', { userId });
      });
    },

    listUsers: () => listUsers(db).map(presentAccount),

    /** Your own account, as an admin sees it in the list. */
    account(id: number) {
      const row = findUser(db, id);
      if (!row) throw new AppError('not_found', `user ${id} does not exist`);
      return presentAccount(row);
    },

    secondFactor,

    /**
     * Changes a user's name, role or standing. A new role or a deactivation ends their sessions at
     * once (a token carries its role); the last active admin cannot be demoted or deactivated.
     */
    async updateUser(id: number, patch: UserPatch, actor: string) {
      const { password, ...rest } = patch;
      let passwordHash: string | undefined;
      if (password !== undefined) {
        const user = findUser(db, id);
        if (!user) throw new AppError('not_found', `user ${id} does not exist`);
        checkPassword(password, user);
        passwordHash = await argon2.hash(password, { type: argon2.argon2id });
      }
      return work(actor, ({ tx, record, now }) => {
        const current = findUser(tx, id);
        if (!current) throw new AppError('not_found', `user ${id} does not exist`);
        const losesAdmin =
          current.role === 'admin' && current.active && (patch.active === false || (patch.role ?? 'admin') !== 'admin');
        if (losesAdmin && countOtherActiveAdmins(tx, id) === 0) {
          throw new AppError('last_admin', 'the last active admin must stay an active admin', [
            { field: patch.active === false ? 'active' : 'role', message: 'no other active admin' },
          ]);
        }
        const { removeSecondFactor, ...fields } = rest;
        const row = updateUser(tx, id, {
          ...fields,
          ...(passwordHash ? { passwordHash } : {}),
          ...(removeSecondFactor ? { totpSecret: null, totpPendingSecret: null, totpLastEpoch: null } : {}),
        })!;
        // A reset password is for a forgotten one, or for one someone else may know: no session keeps it.
        const sessionsEnded =
          row.role !== current.role || (current.active && !row.active) || passwordHash !== undefined;
        if (sessionsEnded) revokeUserTokens(tx, id, now);
        record('user.updated', { userId: id, role: row.role, active: row.active, sessionsEnded });
        return presentAccount(row);
      });
    },

    /**
     * A user's own new password, with the current one (counted by the login guard, as a login is): a
     * session left open must not be enough. Their other sessions end; this one goes on.
     */
    async changePassword(identity: { userId: number; tokenId: number }, change: PasswordChange, address = 'internal') {
      const user = findUser(db, identity.userId);
      if (!user) throw new AppError('not_found', `user ${identity.userId} does not exist`);
      const claim = guard.claim(user.email, address);
      if (!(await argon2.verify(user.passwordHash, change.currentPassword))) {
        throw new AppError('wrong_password', 'the current password is not right', [
          { field: 'currentPassword', message: 'not your current password' },
        ]);
      }
      guard.release(claim);
      checkPassword(change.newPassword, user, 'newPassword');
      const passwordHash = await argon2.hash(change.newPassword, { type: argon2.argon2id });
      work(`user:${user.id}`, ({ tx, record, now }) => {
        updateUser(tx, user.id, { passwordHash });
        revokeUserTokens(tx, user.id, now, identity.tokenId);
        record('user.updated', { userId: user.id, role: user.role, active: user.active, sessionsEnded: true });
      });
    },

    /** The helper's personal link: a long-lived helper token; issuing one revokes the previous ones. */
    issueHelperLink(helperId: number, actor: string) {
      return work(actor, ({ tx, record, now }) => {
        const helper = findHelper(tx, helperId);
        if (!helper) throw new AppError('not_found', `helper ${helperId} does not exist`);
        revokeHelperTokens(tx, helperId, now);
        const token = newToken();
        // It also ends a week after the helper's last active day, as that day is then (see sessions.ts).
        const expiresAt = now + LINK_DAYS * 24 * HOUR;
        insertToken(tx, { tokenHash: hashToken(token), role: 'helper', helperId, createdAt: now, expiresAt });
        record('helper.link-issued', { helperId });
        return { token, url: `${publicUrl}/h/${token}` };
      });
    },

    authenticate(token: string): Identity | null {
      return sessions.authenticate(hashToken(token));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
