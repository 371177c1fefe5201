import type { CandidatesService } from '../candidates/candidates.service.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { planRound } from '../matching/round.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { openRequestsBefore, type RequestRow } from '../requests/requests.repo.js';
import type { RoundResult } from './rounds.schema.js';

export function createRoundsService(deps: {
  work: UnitOfWork;
  candidates: CandidatesService;
  proposals: ProposalsService;
}) {
  const { work, candidates, proposals } = deps;

  /**
   * Proposes every open request at once, maximising the total score, in one transaction: what the
   * round read is what it writes against, also with a second process on the file.
   */
  function run(actor: string, which: (request: RequestRow) => boolean = () => true): RoundResult {
    return work(actor, (w) => {
      const open = openRequestsBefore(w.tx, w.now).filter(which);
      if (open.length === 0) return { proposals: [], totalScore: 0, unmatched: [] };
      const { jobs, helpers, ctx } = candidates.loadMany(w.tx, open, w.now);
      const plan = planRound(jobs, helpers, ctx);
      return {
        proposals: plan.proposals.map((p) => proposals.proposeCandidateIn(w, p.requestId, p.candidate)),
        totalScore: plan.totalScore,
        unmatched: plan.unmatched,
      };
    });
  }

  return {
    run: (actor: string) => run(actor),
    /**
     * The clock's round: the open requests that wait for a helper (nobody could come when they were
     * made, or auto-propose is off), not those flagged for a dispatcher, who decides there.
     */
    runScheduled: () => run('system:clock', (request) => !request.needsDispatcher).proposals.length,
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
