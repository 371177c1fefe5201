import { generateSecret, generateURI, verify } from 'otplib';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import { findUser, updateSecondFactor, type UserRow } from './auth.repo.js';

/** The roles that may protect their account with a code from an authenticator app. */
export const SECOND_FACTOR_ROLES = ['admin', 'dispatcher'] as const;
/** One 30-second step either side, for a phone whose clock is a little off. */
const TOLERANCE_SECONDS = 30;
const PERIOD_SECONDS = 30;

const wrongCode = () =>
  new AppError('validation_failed', 'the code is not right', [{ field: 'code', message: 'not the current code' }]);

/**
 * An optional second factor (TOTP, RFC 6238, as Google Authenticator and the like use) for the roles
 * that can change most. A code is checked against the service's clock and works once: the time step
 * it matched is kept, and a code of that step or an earlier one is refused.
 */
export function createSecondFactor(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The time step the code matched, or null for a wrong code or one already used. */
  async function matchedStep(user: UserRow, secret: string, code: string): Promise<number | null> {
    const now = Math.floor(clock() / 1000);
    const result = await verify({ secret, token: code, epoch: now, epochTolerance: TOLERANCE_SECONDS });
    if (!result.valid) return null;
    // The start of the 30-second step the code belongs to.
    const stepStart = (Math.floor(now / PERIOD_SECONDS) + result.delta) * PERIOD_SECONDS;
    return user.totpLastEpoch !== null && stepStart <= user.totpLastEpoch ? null : stepStart;
  }

  function userOf(userId: number): UserRow {
    const user = findUser(db, userId);
    if (!user) throw new AppError('not_found', `user ${userId} does not exist`);
    return user;
  }

  return {
    /** A new secret to scan; it counts only after `confirm` with a code it made. */
    start(userId: number): { secret: string; uri: string } {
      const user = userOf(userId);
      if (!(SECOND_FACTOR_ROLES as readonly string[]).includes(user.role)) {
        throw new AppError('forbidden', 'a second factor is for admins and dispatchers');
      }
      const secret = generateSecret();
      updateSecondFactor(db, userId, { totpPendingSecret: secret });
      return { secret, uri: generateURI({ issuer: 'wijkmatch', label: user.email, secret }) };
    },

    async confirm(userId: number, code: string): Promise<void> {
      const user = userOf(userId);
      if (!user.totpPendingSecret) {
        throw new AppError('validation_failed', 'no second factor is being set up', [
          { field: 'code', message: 'start the set-up first' },
        ]);
      }
      const step = await matchedStep(user, user.totpPendingSecret, code);
      if (step === null) throw wrongCode();
      updateSecondFactor(db, userId, {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpLastEpoch: step,
      });
    },

    async remove(userId: number, code: string): Promise<void> {
      const user = userOf(userId);
      if (!user.totpSecret || (await matchedStep(user, user.totpSecret, code)) === null) throw wrongCode();
      updateSecondFactor(db, userId, { totpSecret: null, totpPendingSecret: null, totpLastEpoch: null });
    },

    /**
     * At login, after the right password: nothing to do without a second factor; else the code must
     * be there (`second_factor_required` tells the client to ask for it) and right.
     */
    async passes(user: UserRow, code: string | undefined): Promise<boolean> {
      if (!user.totpSecret) return true;
      if (code === undefined)
        throw new AppError('second_factor_required', 'enter the code from your authenticator app');
      const step = await matchedStep(user, user.totpSecret, code);
      if (step === null) return false;
      updateSecondFactor(db, user.id, { totpLastEpoch: step });
      return true;
    },
  };
}
