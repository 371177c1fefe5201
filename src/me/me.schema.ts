import { PROPOSAL_STATUSES, REQUEST_STATUSES, ROOM_WAYS } from '../domain.js';

const PairRole = z.enum(['learner', 'supervisor']);
import { z } from '../http/zod.js';

const Neighbourhood = z
  .object({
    postcode: z.string().openapi({ description: 'the four postcode digits only' }),
    city: z.string().nullable(),
    wijk: z.string().nullable().openapi({ description: 'the CBS wijk, when the address was looked up' }),
    buurt: z.string().nullable().openapi({ description: 'the CBS buurt, when the address was looked up' }),
  })
  .openapi('Neighbourhood');

/** What a helper sees of a job: never the resident's name, phone, street or notes before accepting. */
const JobView = {
  requestId: z.number().int(),
  skills: z.array(z.string()),
  description: z
    .string()
    .nullable()
    .openapi({ description: "the resident's own words: only once the job is assigned" }),
  start: z.string(),
  end: z.string(),
  neighbourhood: Neighbourhood,
  distanceKm: z.number(),
};

export const MyProposal = z
  .object({
    id: z.number().int(),
    status: z.enum(PROPOSAL_STATUSES),
    expiresAt: z.string(),
    alsoAsked: z.number().int().openapi({
      description: 'other helpers asked for this job at the same time: the first to accept gets it',
    }),
    seriesId: z.number().int().nullable().openapi({
      description:
        'the regular help this date is one of: all its dates are accepted in one go with POST /me/series/{id}/accept',
    }),
    pair: z
      .object({
        role: PairRole,
        agreed: z.boolean().openapi({ description: 'this helper said yes and waits for the other' }),
        partnerAgreed: z.boolean(),
      })
      .nullable()
      .openapi({
        description:
          "a supervised pair: the job is the two helpers' once both said yes; who the other is shows once it is theirs",
      }),
    makesRoom: z
      .object({
        way: z.enum(ROOM_WAYS),
        job: z.object({ requestId: z.number().int(), skills: z.array(z.string()), start: z.string(), end: z.string() }),
        movesTo: z.object({ start: z.string(), end: z.string() }).nullable(),
      })
      .nullable()
      .openapi({
        description:
          'the helper holds a less urgent job (`job`) at this time: a yes moves it to `movesTo` in its own window ' +
          '(`move`), or gives it to another helper (`handover`)',
      }),
    ...JobView,
  })
  .openapi('MyProposal');

export const MyJob = z
  .object({
    ...JobView,
    status: z.enum(REQUEST_STATUSES),
    hours: z.number().nullable(),
    resident: z
      .object({
        name: z.string(),
        phone: z.string().nullable(),
        address: z.object({
          street: z.string().nullable(),
          houseNumber: z.string().nullable(),
          houseNumberAddition: z.string().nullable(),
          postcode: z.string(),
          city: z.string().nullable(),
        }),
        location: z.object({ lat: z.number(), lon: z.number() }).openapi({ description: 'for the route' }),
      })
      .nullable()
      .openapi({ description: 'only while the job is assigned to this helper' }),
    pair: z
      .object({ role: PairRole, partnerName: z.string() })
      .nullable()
      .openapi({ description: "a supervised pair: this helper's part and the name of the one they do it with" }),
  })
  .openapi('MyJob');

export type MyProposal = z.infer<typeof MyProposal>;
export type MyJob = z.infer<typeof MyJob>;

const Hours = z.number().openapi({ description: 'hours, one decimal' });

export const MyHours = z
  .object({
    total: Hours,
    jobs: z.number().int(),
    byTrack: z.array(z.object({ track: z.string(), hours: Hours })),
    bySkill: z
      .array(z.object({ skill: z.string(), hours: Hours }))
      .openapi({ description: 'a job with two skills counts for both' }),
  })
  .openapi('MyHours');
export type MyHours = z.infer<typeof MyHours>;
