import type { CandidatesService } from '../candidates/candidates.service.js';
import type { UnitOfWork, Work } from '../db/unit-of-work.js';
import type { UNMET_MOMENTS } from '../db/schema/request-unmet.js';
import { listExcluded } from '../matching/rank.js';
import { proposalsOfRequest } from '../proposals/proposals.repo.js';
import type { RequestRow } from '../requests/requests.repo.js';
import { passedUnrecorded, saveUnmet } from './unmet.repo.js';
import { whyUnmet } from './why-unmet.js';

const MINUTE = 60_000;
/** The start grid of the matching core (placement.ts): a start later than this before the end fits nothing. */
const GRID_MS = 5 * MINUTE;

/**
 * Records why requests nobody took went unmet (see request_unmet), for the demand report: who could
 * have come, and why each helper did not. The helpers are ranked as at the latest moment the job still
 * fitted: now, or once that has passed, the window's start.
 */
export function createUnmetService(deps: { work: UnitOfWork; candidates: CandidatesService }) {
  const { work, candidates } = deps;

  function recordIn(w: Work, request: RequestRow, moment: (typeof UNMET_MOMENTS)[number]): void {
    const fits = w.now + request.durationMinutes * MINUTE + GRID_MS <= request.windowEnd;
    const ranking = candidates.rank(w.tx, request, fits ? w.now : request.windowStart);
    const asked = new Map(proposalsOfRequest(w.tx, request.id).map((p) => [p.helperId, p.status]));
    const why = whyUnmet({ candidates: ranking.candidates, excluded: listExcluded(ranking.excluded) }, asked);
    saveUnmet(w.tx, { requestId: request.id, ...why, moment, recordedAt: w.now });
  }

  return {
    recordIn,
    /** The clock's part: every request whose window passed with nobody assigned; how many were recorded. */
    recordPassed(): number {
      return work('system:clock', (w) => {
        const passed = passedUnrecorded(w.tx, w.now);
        for (const request of passed) recordIn(w, request, 'window');
        return passed.length;
      });
    },
  };
}

export type UnmetService = ReturnType<typeof createUnmetService>;
