import { CRITERIA, type Criterion, EXCLUSION_REASONS } from '../domain.js';
import { Instant } from '../http/common.schema.js';
import { z } from '../http/zod.js';

const CriterionScore = z.object({
  value: z.number().min(0).max(1).openapi({ description: 'the criterion, 0..1' }),
  weight: z.number(),
  points: z.number().openapi({ description: 'share of the score: the points add up to it' }),
});

export const Breakdown = z
  .object(Object.fromEntries(CRITERIA.map((c) => [c, CriterionScore])) as Record<Criterion, typeof CriterionScore>)
  .openapi('ScoreBreakdown');

export const Candidates = z
  .object({
    candidates: z.array(
      z.object({
        helperId: z.number().int(),
        score: z.number().min(0).max(100),
        distanceKm: z.number(),
        start: Instant.openapi({ description: 'the earliest start inside the window this helper can make' }),
        end: Instant,
        breakdown: Breakdown,
      }),
    ),
    excluded: z.array(z.object({ helperId: z.number().int(), reasons: z.array(z.enum(EXCLUSION_REASONS)).readonly() })),
  })
  .openapi('Candidates');
export type Candidates = z.infer<typeof Candidates>;
