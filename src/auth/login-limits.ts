import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import {
  clearAccountFailures,
  deleteFailuresBefore,
  deleteLoginFailure,
  failuresSince,
  insertLoginFailure,
} from './login-limits.repo.js';

export interface LoginLimits {
  /** Failed logins per account in the window before it is locked until the oldest of them ages out. */
  perAccount: number;
  /** Failed logins per address (over all accounts) in the window. */
  perAddress: number;
  windowMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 10, perAddress: 50, windowMinutes: 15 };

/** An attempt the guard let through: a failure until `release` or `succeeded` says otherwise. */
export type LoginClaim = { id: number; account: string };

/**
 * Password (and code) guessing, limited per account (a spread-out attack on one person) and per
 * address (one machine trying many accounts). Only failures count, so an office behind one address is
 * never locked out by its own logins; a success clears the account's count. Kept in SQLite: a restart
 * or a second process does not reset them.
 *
 * An attempt is claimed before the password is checked, as a failure, in one `BEGIN IMMEDIATE`
 * transaction with the count: argon2 takes tens of milliseconds, and counting only finished failures
 * let twenty parallel guesses (or two processes) all pass a limit of three.
 */
export function createLoginGuard(db: Db, clock: Clock, limits: LoginLimits) {
  const windowMs = limits.windowMinutes * 60_000;

  function refuseBeyond(by: 'account' | 'address', key: string, limit: number, now: number): void {
    const { n, oldest } = failuresSince(db, by, key, now - windowMs);
    if (n < limit || oldest === null) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw new AppError('rate_limited', 'too many failed logins; try again later', [], { retryAfterSeconds });
  }

  const claimIn = db.$client.transaction((account: string, address: string, now: number): number => {
    refuseBeyond('account', account, limits.perAccount, now);
    refuseBeyond('address', address, limits.perAddress, now);
    deleteFailuresBefore(db, now - windowMs);
    return insertLoginFailure(db, { account, address, at: now });
  });

  return {
    /** Throws `rate_limited` (with when to retry) before a password is even checked; else counts this attempt. */
    claim(account: string, address: string): LoginClaim {
      return { id: claimIn.immediate(account, address, clock()), account };
    },
    /** The attempt was not a guess after all (the right password, a code still to come): it does not count. */
    release(claim: LoginClaim): void {
      deleteLoginFailure(db, claim.id);
    },
    /** The right password (and code): the account's failures so far are forgiven. */
    succeeded(claim: LoginClaim): void {
      clearAccountFailures(db, claim.account, claim.id);
    },
  };
}
