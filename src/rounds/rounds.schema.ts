import { EXCLUSION_REASONS } from '../domain.js';
import { z } from '../http/zod.js';
import { ROUND_REASONS } from '../matching/round.js';
import { Proposal } from '../proposals/proposals.schema.js';

const ReasonCounts = z.partialRecord(z.enum([...EXCLUSION_REASONS, ...ROUND_REASONS]), z.number().int()).openapi({
  description:
    'helpers excluded per reason; tried = had this request before, taken = feasible but given another job this round',
});

export const RoundResult = z
  .object({
    proposals: z.array(Proposal).openapi({
      description: "by request; a supervised pair's two halves (role learner and supervisor) side by side",
    }),
    pairs: z.number().int().min(0).openapi({ description: 'how many of the requests went to a supervised pair' }),
    totalScore: z.number().openapi({
      description: 'the scores of what was proposed, a supervised pair once, at its own score (the mean of its halves)',
    }),
    unmatched: z.array(z.object({ requestId: z.number().int(), reasons: ReasonCounts })),
    exact: z.boolean().openapi({
      description: 'whether the plan is proven optimal; false when the solver reached its time limit first',
    }),
    gap: z.number().min(0).max(1).openapi({
      description:
        'how far the urgency-weighted objective may lie below the optimum, as a share of the proven bound (0 when exact)',
    }),
  })
  .openapi('MatchingRound');
export type RoundResult = z.infer<typeof RoundResult>;
