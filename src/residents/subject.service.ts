import { type Accessor, appendAudit, type AuditService } from '../audit/audit.service.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { notFound } from '../errors.js';
import { findFeedback } from '../learning/feedback.repo.js';
import { presentProposal } from '../proposals/proposals.presenter.js';
import { proposalsOfRequest } from '../proposals/proposals.repo.js';
import { presentRequest } from '../requests/requests.presenter.js';
import { listRequests } from '../requests/requests.repo.js';
import { eraseResident } from '../retention/retention.repo.js';
import type { SeriesService } from '../series/series.service.js';
import { findResident } from './residents.repo.js';
import { presentResident } from './residents.service.js';
import type { ResidentExport } from './subject.schema.js';

/** Every request a resident ever made, however many: an export leaves nothing out. */
const ALL = Number.MAX_SAFE_INTEGER;

/** The resident's rights over their data (AVG art. 15 and 17): see all of it, and have it erased. */
export function createSubjectService(deps: {
  db: Db;
  work: UnitOfWork;
  audit: AuditService;
  series: Pick<SeriesService, 'list'>;
}) {
  const { db, work, audit, series } = deps;
  return {
    /** Everything kept about one resident, the trail of who saw it included. */
    export(residentId: number): ResidentExport {
      const resident = findResident(db, residentId);
      if (!resident) throw notFound('resident', residentId);
      return {
        resident: presentResident(resident),
        requests: listRequests(db, { residentId, limit: ALL }).map((row) => {
          const feedback = findFeedback(db, row.id);
          return {
            ...presentRequest(row),
            proposals: proposalsOfRequest(db, row.id).map(presentProposal),
            feedback: feedback
              ? { satisfaction: feedback.satisfaction, satisfactionBy: feedback.satisfactionBy }
              : null,
          };
        }),
        series: series.list({ residentId }),
        audit: audit.list({ residentId, limit: ALL }),
      };
    },

    /**
     * Erases the resident's personal data and free texts everywhere the service keeps them (their
     * record, requests, proposals, series, the event log, messages); the ids stay for the statistics.
     */
    erase(residentId: number, actor: string, accessor?: Accessor): void {
      work(actor, ({ tx, record, now }) => {
        const resident = findResident(tx, residentId);
        if (!resident) throw notFound('resident', residentId);
        eraseResident(tx, residentId, now);
        record('resident.erased', { residentId, onRequest: true });
        if (accessor) appendAudit(tx, accessor, 'erase', [residentId], now);
      });
    },
  };
}

export type SubjectService = ReturnType<typeof createSubjectService>;
