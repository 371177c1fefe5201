import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import { clearAccountFailures, deleteFailuresBefore, failuresSince, insertLoginFailure } from './login-limits.repo.js';

export interface LoginLimits {
  /** Failed logins per account in the window before it is locked until the oldest of them ages out. */
  perAccount: number;
  /** Failed logins per address (over all accounts) in the window. */
  perAddress: number;
  windowMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 10, perAddress: 50, windowMinutes: 15 };

/**
 * Password guessing, limited per account (a spread-out attack on one person) and per address (one
 * machine trying many accounts). Only failures count, so an office behind one address is never locked
 * out by its own logins; a success clears the account's count. Kept in SQLite: a restart or a second
 * process does not reset them.
 */
export function createLoginGuard(db: Db, clock: Clock, limits: LoginLimits) {
  const windowMs = limits.windowMinutes * 60_000;

  function refuseBeyond(by: 'account' | 'address', key: string, limit: number, now: number): void {
    const { n, oldest } = failuresSince(db, by, key, now - windowMs);
    if (n < limit || oldest === null) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw new AppError('rate_limited', 'too many failed logins; try again later', [], { retryAfterSeconds });
  }

  return {
    /** Throws `rate_limited` (with when to retry) before a password is even checked. */
    check(account: string, address: string): void {
      const now = clock();
      refuseBeyond('account', account, limits.perAccount, now);
      refuseBeyond('address', address, limits.perAddress, now);
    },
    failed(account: string, address: string): void {
      const now = clock();
      insertLoginFailure(db, { account, address, at: now });
      deleteFailuresBefore(db, now - windowMs);
    },
    succeeded(account: string): void {
      clearAccountFailures(db, account);
    },
  };
}
