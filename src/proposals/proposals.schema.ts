import { Breakdown } from '../candidates/candidates.schema.js';
import { PROPOSAL_ROLES, PROPOSAL_STATUSES, ROOM_WAYS } from '../domain.js';
import { Instant } from '../http/common.schema.js';
import { z } from '../http/zod.js';

const SupervisorId = z.number().int().positive().optional().openapi({
  description:
    'a supervised pair: `helperId` is learning a skill of the job that a learner may not do alone, this competent or mentor helper does it with them; the job is theirs once both accepted',
});

export const ProposeBody = z
  .strictObject({
    helperId: z.number().int().positive().optional().openapi({ description: 'default: the best candidate' }),
    supervisorId: SupervisorId,
  })
  // A supervisor goes with a learner: without `helperId` there is nobody to supervise.
  .superRefine((body, ctx) => {
    if (body.supervisorId !== undefined && body.helperId === undefined)
      ctx.addIssue({ code: 'custom', path: ['helperId'], message: 'a supervisor needs the learner they supervise' });
  })
  .openapi('ProposeRequest');

export const AssignBody = z
  .strictObject({
    helperId: z.number().int().positive(),
    supervisorId: SupervisorId.openapi({
      description: 'a supervised pair: this competent or mentor helper with `helperId`, the learner; both assigned',
    }),
    override: z
      .strictObject({ reason: z.string().trim().min(1).max(500) })
      .optional()
      .openapi({
        description:
          "assign although the helper is outside their hours or absent, out of reach or over their weekly cap, for this reason (kept on the request for staff, never in the event log); skills, the resident's exclusions, closures, being inactive and being elsewhere at the time still refuse",
      }),
  })
  .openapi('AssignRequest', { description: 'the helper agreed already, by phone or in person' });

export const DeclineBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).openapi('DeclineProposal');

const MakesRoom = z
  .object({
    requestId: z.number().int(),
    way: z.enum(ROOM_WAYS),
    start: Instant.nullable().openapi({ description: 'a move: the held job’s new start, inside its own window' }),
    end: Instant.nullable(),
  })
  .nullable()
  .openapi('MakesRoom', {
    description:
      'an offer that makes room (setting makeRoom): the helper holds a less urgent job (`requestId`) at this time; ' +
      'their yes moves it to `start`–`end` in its own window (`move`), or gives it back to the next best helper ' +
      '(`handover`); null for an ordinary offer',
  });

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
    askNextAt: Instant.nullable().openapi({
      description: 'held until the job starts: when the next best helper is asked as well if this one has not answered',
    }),
    createdAt: Instant,
    respondedAt: Instant.nullable(),
    declineReason: z.string().nullable(),
    role: z.enum(PROPOSAL_ROLES).openapi({
      description: 'alone, or one half of a supervised pair: the learner or the competent or mentor helper with them',
    }),
    partnerId: z.number().int().nullable().openapi({ description: "the pair's other proposal" }),
    agreedAt: Instant.nullable().openapi({
      description: "a pair's half said yes and waits for the other: still proposed, nothing assigned yet",
    }),
    makesRoom: MakesRoom,
  })
  .openapi('Proposal');
export type Proposal = z.infer<typeof Proposal>;

export const PhoneList = z
  .object({
    requestId: z.number().int(),
    needsDispatcher: z.boolean(),
    helpers: z.array(
      z.object({
        helperId: z.number().int(),
        name: z.string(),
        phone: z.string().nullable(),
        score: z.number(),
        distanceKm: z.number(),
        start: Instant.openapi({ description: 'the earliest start inside the window this helper can make' }),
        end: Instant,
        asked: z
          .enum(PROPOSAL_STATUSES)
          .nullable()
          .openapi({ description: "this helper's last proposal for the request; null when never asked" }),
      }),
    ),
  })
  .openapi('PhoneList', {
    description:
      'who could come now (every hard constraint met), best first, with their phone; those who declined come last',
  });
export type PhoneList = z.infer<typeof PhoneList>;

export const SeriesAcceptance = z
  .object({
    accepted: z.array(Proposal).openapi({ description: 'the dates now the helper’s, earliest first' }),
    skipped: z
      .array(z.object({ proposalId: z.number().int(), code: z.string() }))
      .openapi({ description: 'dates that could not be taken any more, with the error code each would have had' }),
  })
  .openapi('SeriesAcceptance');
export type SeriesAcceptance = z.infer<typeof SeriesAcceptance>;
