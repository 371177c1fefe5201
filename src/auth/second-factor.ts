import { generateSecret, generateURI, verify } from 'otplib';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { SECOND_FACTOR_ROLES } from '../domain.js';
import { AppError } from '../errors.js';
import { claimSecondFactorStep, findUser, startFirstSecondFactor, type UserRow } from './auth.repo.js';
import type { createLoginGuard } from './login-limits.js';

/** One 30-second step either side, for a phone whose clock is a little off. */
const TOLERANCE_SECONDS = 30;
const PERIOD_SECONDS = 30;

const wrongCode = () =>
  new AppError('validation_failed', 'the code is not right', [{ field: 'code', message: 'not the current code' }]);

/**
 * An optional second factor (TOTP, RFC 6238, as Google Authenticator and the like use) for the roles
 * that can change most. A code is checked against the service's clock and works once: the time step
 * it matched is taken in one conditional UPDATE, so of parallel requests with one code only one passes.
 *
 * A set factor is replaced only with its current code (`start` with `code`): a session alone, left
 * open or stolen, must not swap the owner's phone for another. Wrong codes on set-up, confirm and
 * remove count against the login guard like wrong passwords (the account's e-mail, the caller's address).
 */
export function createSecondFactor(deps: { db: Db; clock: Clock; guard: ReturnType<typeof createLoginGuard> }) {
  const { db, clock, guard } = deps;

  /** The time step the code matched, or null for a wrong code or one already used. */
  async function matchedStep(user: UserRow, secret: string, code: string): Promise<number | null> {
    const now = Math.floor(clock() / 1000);
    const result = await verify({ secret, token: code, epoch: now, epochTolerance: TOLERANCE_SECONDS });
    if (!result.valid) return null;
    // The start of the 30-second step the code belongs to.
    const stepStart = (Math.floor(now / PERIOD_SECONDS) + result.delta) * PERIOD_SECONDS;
    return user.totpLastEpoch !== null && stepStart <= user.totpLastEpoch ? null : stepStart;
  }

  /**
   * Checks a code a signed-in user typed, counted by the login guard: `take` writes what the right code
   * allows, taking its step, and says whether it was still free. A wrong or used code stays a failure.
   */
  async function checked(
    user: UserRow,
    secret: string,
    code: string,
    address: string,
    take: (step: number) => boolean,
  ): Promise<void> {
    const claim = guard.claim(user.email, address);
    const step = await matchedStep(user, secret, code);
    if (step === null || !take(step)) throw wrongCode();
    guard.release(claim);
  }

  function userOf(userId: number): UserRow {
    const user = findUser(db, userId);
    if (!user) throw new AppError('not_found', `user ${userId} does not exist`);
    return user;
  }

  return {
    /**
     * A new secret to scan; it counts only after `confirm` with a code it made. With a factor set, the
     * current code of that one is needed (until the confirm, the old one stays in force).
     */
    async start(userId: number, code?: string, address = 'internal'): Promise<{ secret: string; uri: string }> {
      const user = userOf(userId);
      if (!(SECOND_FACTOR_ROLES as readonly string[]).includes(user.role)) {
        throw new AppError('forbidden', 'a second factor is for admins and dispatchers');
      }
      const secret = generateSecret();
      if (user.totpSecret) {
        if (code === undefined) {
          throw new AppError('validation_failed', 'a second factor is set: its current code is needed to replace it', [
            { field: 'code', message: 'the current code of the factor you have' },
          ]);
        }
        const current = user.totpSecret;
        await checked(user, current, code, address, (step) =>
          claimSecondFactorStep(db, userId, step, { totpPendingSecret: secret }, { totpSecret: current }),
        );
      } else if (!startFirstSecondFactor(db, userId, secret)) {
        // A factor was confirmed in the meantime (another process): it is not replaced without its code.
        return this.start(userId, code, address);
      }
      return { secret, uri: generateURI({ issuer: 'wijkmatch', label: user.email, secret }) };
    },

    async confirm(userId: number, code: string, address = 'internal'): Promise<void> {
      const user = userOf(userId);
      const pending = user.totpPendingSecret;
      if (!pending) {
        throw new AppError('validation_failed', 'no second factor is being set up', [
          { field: 'code', message: 'start the set-up first' },
        ]);
      }
      await checked(user, pending, code, address, (step) =>
        claimSecondFactorStep(
          db,
          userId,
          step,
          { totpSecret: pending, totpPendingSecret: null },
          { totpPendingSecret: pending, ...(user.totpSecret ? { totpSecret: user.totpSecret } : {}) },
        ),
      );
    },

    async remove(userId: number, code: string, address = 'internal'): Promise<void> {
      const user = userOf(userId);
      const secret = user.totpSecret;
      if (!secret) throw wrongCode();
      await checked(user, secret, code, address, (step) =>
        claimSecondFactorStep(
          db,
          userId,
          step,
          { totpSecret: null, totpPendingSecret: null, totpLastEpoch: null },
          { totpSecret: secret },
        ),
      );
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
      return step !== null && claimSecondFactorStep(db, user.id, step, {}, { totpSecret: user.totpSecret });
    },
  };
}
