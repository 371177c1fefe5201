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
    proposals: z.array(Proposal),
    totalScore: z.number(),
    unmatched: z.array(z.object({ requestId: z.number().int(), reasons: ReasonCounts })),
  })
  .openapi('MatchingRound');
export type RoundResult = z.infer<typeof RoundResult>;
