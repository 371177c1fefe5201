import type { CandidatesService } from '../candidates/candidates.service.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { planRound } from '../matching/round.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { openRequestsBefore } from '../requests/requests.repo.js';
import type { RoundResult } from './rounds.schema.js';

export function createRoundsService(deps: {
  work: UnitOfWork;
  candidates: CandidatesService;
  proposals: ProposalsService;
}) {
  const { work, candidates, proposals } = deps;
  return {
    /**
     * Proposes every open request at once, maximising the total score, in one transaction: what the
     * round read is what it writes against, also with a second process on the file.
     */
    run(actor: string): RoundResult {
      return work(actor, (w) => {
        const open = openRequestsBefore(w.tx, w.now);
        if (open.length === 0) return { proposals: [], totalScore: 0, unmatched: [] };
        const { jobs, helpers, ctx } = candidates.loadMany(w.tx, open, w.now);
        const plan = planRound(jobs, helpers, ctx);
        return {
          proposals: plan.proposals.map((p) => proposals.proposeCandidateIn(w, p.requestId, p.candidate)),
          totalScore: plan.totalScore,
          unmatched: plan.unmatched,
        };
      });
    },
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
