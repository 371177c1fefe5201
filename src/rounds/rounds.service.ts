import type { CandidatesService } from '../candidates/candidates.service.js';
import type { Db } from '../db/client.js';
import type { Clock, UnitOfWork } from '../db/unit-of-work.js';
import { lastSeq } from '../events/events.repo.js';
import type { Logger } from '../logger.js';
import type { Proposal } from '../proposals/proposals.schema.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { openRequestsBefore } from '../requests/requests.repo.js';
import type { RoundPlanner } from './round-planner.js';
import type { RoundResult } from './rounds.schema.js';

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function createRoundsService(deps: {
  db: Db;
  work: UnitOfWork;
  clock: Clock;
  candidates: CandidatesService;
  proposals: ProposalsService;
  planner: RoundPlanner;
  log: Logger;
}) {
  const { db, work, clock, candidates, proposals, planner, log } = deps;

  /** The open requests and everything the plan needs, read in one transaction, with its seq. */
  const read = db.$client.transaction((now: number) => {
    const open = openRequestsBefore(db, now);
    return { seq: lastSeq(db), input: open.length > 0 ? candidates.loadMany(db, open, now) : null };
  });

  /**
   * Proposes every open request at once, maximising the total score; `exact` and `gap` say whether
   * the plan was proven optimal within the solver's time limit, and how close it is if not. The plan is made on a worker
   * thread from one consistent read; the proposals are written in one transaction, as planned when
   * nothing was recorded since the read, else each only if the request is still open and the helper
   * can still come (the others come back as `changed`, for the next round). A supervised pair is
   * written with both halves, and comes back as `changed` when either half can no longer come.
   */
  async function run(actor: string): Promise<RoundResult> {
    const snapshot = read(clock());
    if (!snapshot.input) return { proposals: [], pairs: 0, totalScore: 0, unmatched: [], exact: true, gap: 0 };
    const { jobs, helpers, ctx } = snapshot.input;
    const plan = await planner.plan({ jobs, helpers, ctx });
    const { objective, bound, exact, gap, methods } = plan;
    const planned = {
      requests: jobs.length,
      proposals: plan.proposals.length,
      pairs: plan.pairs.length,
      objective,
      bound,
      gap,
      methods,
    };
    if (exact) log.info(planned, 'round planned, proven optimal');
    else log.warn(planned, 'round planned, the time limit stopped the solver before optimality was proven');
    return work(actor, (w) => {
      const unchanged = lastSeq(w.tx) === snapshot.seq;
      const made: Proposal[] = [];
      const unmatched = [...plan.unmatched];
      let total = 0;
      for (const { requestId, candidate } of plan.proposals) {
        const proposal = unchanged
          ? proposals.proposeCandidateIn(w, requestId, candidate)
          : proposals.proposeCandidateIfStillFeasibleIn(w, requestId, candidate);
        if (proposal) {
          made.push(proposal);
          total += proposal.score;
        } else unmatched.push({ requestId, reasons: { changed: 1 } });
      }
      // A pair is written as a pair proposed by hand is, both halves; it counts once, at its own score.
      let pairs = 0;
      for (const { requestId, pair } of plan.pairs) {
        const halves = unchanged
          ? proposals.proposePairIn(w, requestId, pair)
          : proposals.proposePairIfStillFeasibleIn(w, requestId, pair);
        if (halves) {
          made.push(...halves);
          pairs += 1;
          total += round2((halves[0]!.score + halves[1]!.score) / 2);
        } else unmatched.push({ requestId, reasons: { changed: 1 } });
      }
      made.sort((a, b) => a.requestId - b.requestId || a.id - b.id);
      unmatched.sort((a, b) => a.requestId - b.requestId);
      return { proposals: made, pairs, totalScore: round2(total), unmatched, exact, gap };
    });
  }

  return {
    run,
    /**
     * The clock's round: the open requests that wait for a helper (nobody could come when they were
     * made, or auto-propose is off), flagged ones too: a helper who can come now and was not asked yet
     * gets the offer while the dispatchers see the flag, until the offer goes out.
     */
    runScheduled: async () => (await run('system:clock')).proposals.length,
    /** Stops the planner's worker thread, at shut-down. */
    close: () => planner.close(),
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
