import { once } from '../idempotency/idempotency.js';
import type { Identity } from '../auth/auth.types.js';
import type { Db, Queryable } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Track } from '../domain.js';
import { AppError, notFound } from '../errors.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { localDay } from '../matching/calendar.js';
import { completedByHelper } from '../requests/requests.repo.js';
import { mayCoach, sightOf } from './learning.access.js';
import { findPlan, insertSignOff, type SignOffRow, signOffsOf, userNames } from './learning.repo.js';
import type { StatementPeriod, StatementSignOff } from './statement.schema.js';

const TZ = 'Europe/Amsterdam';

export interface HoursStatement {
  name: string;
  track: Track;
  coach: string | null;
  from: string | null;
  to: string | null;
  requiredHours: number | null;
  jobs: Array<{ date: string; skills: string[]; hours: number }>;
  total: number;
  /** The coach's latest sign-off of exactly this period, with the totals it froze. */
  signOff: StatementSignOff | null;
}

function presentSignOff(row: SignOffRow, names: ReadonlyMap<number, string>): StatementSignOff {
  return {
    id: row.id,
    helperId: row.helperId,
    from: row.periodFrom,
    to: row.periodTo,
    totalHours: row.totalHours,
    jobs: row.jobs,
    requiredHours: row.requiredHours,
    signedBy: { id: row.signedBy, name: names.get(row.signedBy) ?? null },
    signedAt: new Date(row.signedAt).toISOString(),
  };
}

export function createStatementService(deps: { db: Db; work: UnitOfWork }) {
  const { db, work } = deps;

  function visiblePlan(tx: Queryable, identity: Identity, helperId: number) {
    const helper = findHelper(tx, helperId);
    const plan = findPlan(tx, helperId);
    if (!helper || !sightOf(identity, helperId, plan)) throw notFound('helper', helperId);
    return { helper, plan };
  }

  function present(tx: Queryable, rows: SignOffRow[]): StatementSignOff[] {
    const names = userNames(tx, [...new Set(rows.map((r) => r.signedBy))]);
    return rows.map((row) => presentSignOff(row, names));
  }

  /**
   * The hours statement for a school: the completed jobs of a period (the practice period unless
   * given) with their hours, the total against the hours required, and the coach who signs it.
   */
  function statementIn(tx: Queryable, identity: Identity, helperId: number, range: StatementPeriod): HoursStatement {
    const { helper, plan } = visiblePlan(tx, identity, helperId);
    const from = range.from ?? plan?.periodStart ?? null;
    const to = range.to ?? plan?.outflowDate ?? plan?.periodEnd ?? null;
    const jobs = completedByHelper(tx, helperId).flatMap((job) => {
      const date = localDay(job.scheduledStart!, TZ).date;
      if ((from && date < from) || (to && date > to)) return [];
      return [{ date, skills: job.skills, hours: job.hours ?? 0 }];
    });
    const coachId = plan?.coachUserId ?? null;
    const signed = signOffsOf(tx, helperId).filter((r) => r.periodFrom === from && r.periodTo === to);
    return {
      name: helper.name,
      track: helper.track,
      coach: coachId === null ? null : (userNames(tx, [coachId]).get(coachId) ?? null),
      from,
      to,
      requiredHours: plan?.requiredHours ?? null,
      jobs,
      total: Math.round(jobs.reduce((sum, j) => sum + j.hours, 0) * 10) / 10,
      signOff: signed.length > 0 ? present(tx, [signed[0]!])[0]! : null,
    };
  }

  return {
    statement(identity: Identity, helperId: number, range: StatementPeriod = {}): HoursStatement {
      return statementIn(db, identity, helperId, range);
    },

    /**
     * The participant's coach signs off the statement of a period (the practice period unless given):
     * who, when, and its totals as they stand now, kept as they were.
     */
    signOff(
      identity: Identity,
      helperId: number,
      range: StatementPeriod,
      actor: string,
      idempotencyKey?: string,
    ): StatementSignOff {
      const call = { actor, key: idempotencyKey, operation: 'signOffStatement', body: { helperId, range } };
      return work(actor, (w) =>
        once(w, call, () => {
          const { tx, now } = w;
          const statement = statementIn(tx, identity, helperId, range);
          // Only their own coach: anyone else who may read it is not a coach, and the route refuses them.
          if (identity.kind !== 'staff' || !mayCoach(identity, findPlan(tx, helperId)))
            throw notFound('helper', helperId);
          if (!statement.from || !statement.to)
            throw new AppError('validation_failed', 'no period', [
              { field: statement.from ? 'to' : 'from', message: 'give the period, or set the practice period first' },
            ]);
          const row = insertSignOff(tx, {
            helperId,
            periodFrom: statement.from,
            periodTo: statement.to,
            totalHours: statement.total,
            jobs: statement.jobs.length,
            requiredHours: statement.requiredHours,
            signedBy: identity.userId,
            signedAt: now,
          });
          return present(tx, [row])[0]!;
        }),
      );
    },

    /** Every sign-off of the participant's statements, newest first. */
    signOffs(identity: Identity, helperId: number): StatementSignOff[] {
      visiblePlan(db, identity, helperId);
      return present(db, signOffsOf(db, helperId));
    },
  };
}

export type StatementService = ReturnType<typeof createStatementService>;
