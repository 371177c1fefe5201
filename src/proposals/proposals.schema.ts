import { Breakdown } from '../candidates/candidates.schema.js';
import { PROPOSAL_STATUSES } from '../domain.js';
import { Instant } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const ProposeBody = z
  .strictObject({
    helperId: z.number().int().positive().optional().openapi({ description: 'default: the best candidate' }),
  })
  .openapi('ProposeRequest');

export const AssignBody = z
  .strictObject({ helperId: z.number().int().positive() })
  .openapi('AssignRequest', { description: 'the helper agreed already, by phone or in person' });

export const DeclineBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).openapi('DeclineProposal');

export const Proposal = z
  .object({
    id: z.number().int(),
    requestId: z.number().int(),
    helperId: z.number().int(),
    status: z.enum(PROPOSAL_STATUSES),
    score: z.number(),
    distanceKm: z.number(),
    breakdown: Breakdown,
    start: Instant,
    end: Instant,
    expiresAt: Instant,
    createdAt: Instant,
    respondedAt: Instant.nullable(),
    declineReason: z.string().nullable(),
  })
  .openapi('Proposal');
export type Proposal = z.infer<typeof Proposal>;
