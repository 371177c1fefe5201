import { CRITERIA, type Criterion, URGENCIES, type Urgency } from '../domain.js';
import { z } from '../http/zod.js';

const Weight = z.number().min(0).max(100);
const Minutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);

const FanOut = z.number().int().min(1).max(10);
const SkillCodes = z.array(z.string().min(1).max(60)).max(100);

/** Each criterion's weight, as settings store it and a preview tries it. */
export const weightFields = Object.fromEntries(CRITERIA.map((c) => [c, Weight])) as Record<Criterion, typeof Weight>;
const minuteFields = Object.fromEntries(URGENCIES.map((u) => [u, Minutes])) as Record<Urgency, typeof Minutes>;
const fanOutFields = Object.fromEntries(URGENCIES.map((u) => [u, FanOut])) as Record<Urgency, typeof FanOut>;
const FAN_OUT_DESCRIPTION =
  'how many helpers a new request of each urgency is offered to at once: the first to accept gets it, ' +
  'the others are withdrawn at once; a decline or expiry is replaced by the next best';

const WORKSHOPS_FIRST_DESCRIPTION =
  "skills whose job may be a helper's first job only once they attended every active workshop of their track; " +
  'a helper who held a job before is past it';

const SUPERVISED_DESCRIPTION =
  'skills a learner may not do alone: a helper at level learning in one of them is not proposed such a job';

const PRACTICE_DESCRIPTION =
  'the workload criterion also weighs the practice period: a participant behind the hours their learning plan ' +
  'requires by the job (spread evenly over the period) ranks higher, one ahead of them lower';

const MAKE_ROOM_DESCRIPTION =
  'with auto-propose on, a request with fewer free helpers than its fan-out is also offered to helpers who hold a ' +
  'less urgent job at that time that can move within its own window, or (starting two hours or more from now) go ' +
  'to another helper who can come: their yes moves that job, or hands it over to the next best';

const CHAIN_DESCRIPTION =
  "the distance criterion measures from the helper's nearest other job that day when it is nearer than home: " +
  'jobs near each other are chained; the reach limit still counts from home';

export const SettingsPatch = z
  .strictObject({
    weights: z.strictObject(weightFields).partial(),
    distanceHalfKm: z.number().positive().max(50),
    responseMinutes: z.strictObject(minuteFields).partial(),
    fanOut: z.strictObject(fanOutFields).partial().openapi({ description: FAN_OUT_DESCRIPTION }),
    lastCallUntilStart: z.boolean().openapi({
      description:
        'once every feasible helper has been asked, an urgent or high proposal stays open until the job starts',
    }),
    usualHelperFirst: z
      .boolean()
      .openapi({ description: "a new request goes first to the helper who did most of the resident's jobs" }),
    holdUntilStart: z.boolean().openapi({
      description:
        'a proposal stays open until the job starts; once its response time has passed unanswered, the next best ' +
        'helper is asked as well: the first to accept gets the job (with auto-propose on)',
    }),
    answerHabits: z.boolean().openapi({
      description:
        "with holdUntilStart, the next best is asked once the helper's own usual answer time has passed " +
        '(four in five of their last 20 answers came no later; at least 5 answers) if that is sooner',
    }),
    practiceHours: z.boolean().openapi({ description: PRACTICE_DESCRIPTION }),
    chainTrips: z.boolean().openapi({ description: CHAIN_DESCRIPTION }),
    makeRoom: z.boolean().openapi({ description: MAKE_ROOM_DESCRIPTION }),
    maxProposalTries: z
      .number()
      .int()
      .min(1)
      .max(20)
      .openapi({ description: 'rounds of asking before a dispatcher is asked: this many times the fan-out proposals' }),
    workshopsFirstSkills: SkillCodes.openapi({ description: WORKSHOPS_FIRST_DESCRIPTION }),
    supervisedSkills: SkillCodes.openapi({ description: SUPERVISED_DESCRIPTION }),
    seriesDaysAhead: z.number().int().min(1).max(60),
    retentionMonths: z.number().int().min(1).max(120),
    auditRetentionYears: z.number().int().min(5, 'at least 5 years (NEN 7513)').max(50),
  })
  .partial()
  .openapi('SettingsPatch');
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsView = z
  .object({
    weights: z.object(weightFields),
    distanceHalfKm: z.number(),
    timeZone: z.string(),
    responseMinutes: z.object(minuteFields),
    fanOut: z.object(fanOutFields).openapi({ description: FAN_OUT_DESCRIPTION }),
    lastCallUntilStart: z.boolean(),
    usualHelperFirst: z.boolean(),
    holdUntilStart: z.boolean(),
    answerHabits: z.boolean(),
    practiceHours: z.boolean().openapi({ description: PRACTICE_DESCRIPTION }),
    chainTrips: z.boolean().openapi({ description: CHAIN_DESCRIPTION }),
    makeRoom: z.boolean().openapi({ description: MAKE_ROOM_DESCRIPTION }),
    maxProposalTries: z.number().int(),
    workshopsFirstSkills: z.array(z.string()).openapi({ description: WORKSHOPS_FIRST_DESCRIPTION }),
    supervisedSkills: z.array(z.string()).openapi({ description: SUPERVISED_DESCRIPTION }),
    seriesDaysAhead: z.number().int(),
    retentionMonths: z.number().int(),
    auditRetentionYears: z.number().int(),
  })
  .openapi('Settings');
