import type { Identity } from '../auth/auth.types.js';
import type { Db } from '../db/client.js';
import type { Track } from '../domain.js';
import { notFound } from '../errors.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { localDay } from '../matching/calendar.js';
import { completedByHelper } from '../requests/requests.repo.js';
import { sightOf } from './learning.access.js';
import { findPlan, userNames } from './learning.repo.js';

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
}

export function createStatementService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /**
     * The hours statement for a school: the completed jobs of a period (the practice period unless
     * given) with their hours, the total against the hours required, and the coach who signs it.
     */
    statement(identity: Identity, helperId: number, range: { from?: string; to?: string } = {}): HoursStatement {
      const helper = findHelper(db, helperId);
      const plan = findPlan(db, helperId);
      if (!helper || !sightOf(identity, helperId, plan)) throw notFound('helper', helperId);
      const from = range.from ?? plan?.periodStart ?? null;
      const to = range.to ?? plan?.outflowDate ?? plan?.periodEnd ?? null;
      const jobs = completedByHelper(db, helperId).flatMap((job) => {
        const date = localDay(job.scheduledStart!, TZ).date;
        if ((from && date < from) || (to && date > to)) return [];
        return [{ date, skills: job.skills, hours: job.hours ?? 0 }];
      });
      const coachId = plan?.coachUserId ?? null;
      return {
        name: helper.name,
        track: helper.track,
        coach: coachId === null ? null : (userNames(db, [coachId]).get(coachId) ?? null),
        from,
        to,
        requiredHours: plan?.requiredHours ?? null,
        jobs,
        total: Math.round(jobs.reduce((sum, j) => sum + j.hours, 0) * 10) / 10,
      };
    },
  };
}

export type StatementService = ReturnType<typeof createStatementService>;
