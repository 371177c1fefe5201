import { OUTFLOW_KINDS, SKILL_LEVELS } from '../domain.js';
import { HelperSkill } from '../helpers/helpers.schema.js';
import { Instant, LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';

const Text = z.string().trim().max(2000).nullable();
const SkillCode = z.string().min(1).max(60);

export const Period = z
  .strictObject({
    start: LocalDate,
    end: LocalDate.optional().openapi({ description: 'default: a year after the start' }),
  })
  .refine((p) => !p.end || p.start <= p.end, { message: 'end must not be before start', path: ['end'] })
  .openapi('PracticePeriod');

export const Outflow = z
  .strictObject({ kind: z.enum(OUTFLOW_KINDS), date: LocalDate })
  .openapi('Outflow', { description: 'where the participant went on to; it ends the practice period' });

export const Goal = z
  .strictObject({
    skill: SkillCode,
    goal: z.string().trim().min(1).max(500),
    done: z.boolean().optional().openapi({ description: 'reached; an open goal is one the learning criterion serves' }),
  })
  .openapi('LearningGoal');

export const LearningPlanPatch = z
  .strictObject({
    questions: z
      .strictObject({
        want: Text.openapi({ description: 'Wat wil ik?' }),
        can: Text.openapi({ description: 'Wat kan ik?' }),
        need: Text.openapi({ description: 'Wat heb ik nodig?' }),
      })
      .partial(),
    goals: z.array(Goal).max(30),
    period: Period.nullable(),
    requiredHours: z.number().min(0).max(5000).nullable(),
    outflow: Outflow.nullable(),
  })
  .partial()
  .openapi('LearningPlanPatch');
export type LearningPlanPatch = z.infer<typeof LearningPlanPatch>;

export const CoachAssignment = z
  .strictObject({ coachId: z.number().int().positive().nullable().openapi({ description: "a coach's user id" }) })
  .openapi('CoachAssignment');

export const LearningFile = z
  .object({
    helperId: z.number().int(),
    name: z.string(),
    track: z.string(),
    coach: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    period: z.object({ start: LocalDate, end: LocalDate }).nullable(),
    active: z.boolean().openapi({ description: 'inside the practice period, before any outflow' }),
    requiredHours: z.number().nullable(),
    hoursDone: z.number().openapi({ description: 'hours of completed jobs in the period (all of them without one)' }),
    outflow: Outflow.nullable(),
    skills: z.array(HelperSkill),
    questions: z
      .object({ want: z.string().nullable(), can: z.string().nullable(), need: z.string().nullable() })
      .optional()
      .openapi({ description: 'only for the participant and their coach' }),
    goals: z.array(Goal).optional().openapi({ description: 'only for the participant and their coach' }),
    jobs: z
      .array(
        z.object({
          requestId: z.number().int(),
          date: LocalDate,
          skills: z.array(z.string()),
          satisfaction: z.number().int().nullable(),
          observation: z
            .string()
            .nullable()
            .optional()
            .openapi({ description: 'only for the participant and their coach' }),
        }),
      )
      .openapi({ description: 'the latest completed jobs, newest first, with the feedback on them' }),
  })
  .openapi('LearningFile');
export type LearningFile = z.infer<typeof LearningFile>;

export const LevelSignOff = z
  .strictObject({
    skill: SkillCode,
    level: z.enum(SKILL_LEVELS),
    observedRequestIds: z
      .array(z.number().int().positive())
      .max(20)
      .openapi({ description: 'completed jobs of this helper the coach based it on; none only to start learning' }),
    note: z.string().trim().max(2000).optional(),
  })
  .openapi('LevelSignOff');
export type LevelSignOff = z.infer<typeof LevelSignOff>;

export const LevelChange = z
  .object({
    id: z.number().int(),
    skill: z.string(),
    from: z.enum(SKILL_LEVELS).nullable().openapi({ description: 'null: the skill was new to the helper' }),
    to: z.enum(SKILL_LEVELS),
    by: z.object({ id: z.number().int().nullable(), name: z.string().nullable() }),
    signedOff: z.boolean().openapi({ description: "the coach's sign-off, or a change the office made" }),
    observedRequestIds: z.array(z.number().int()),
    note: z.string().nullable().optional().openapi({ description: 'only for the participant and their coach' }),
    at: Instant,
  })
  .openapi('LevelChange');
export type LevelChange = z.infer<typeof LevelChange>;

export const Participant = LearningFile.pick({
  helperId: true,
  name: true,
  track: true,
  period: true,
  active: true,
  requiredHours: true,
  hoursDone: true,
  outflow: true,
  skills: true,
}).openapi('Participant');
export type Participant = z.infer<typeof Participant>;
