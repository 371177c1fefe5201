import { REQUEST_STATUSES, URGENCIES } from '../domain.js';
import { Clock, DurationMinutes, fromDigits, LocalDate, SkillCodes } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { parseClock } from '../matching/calendar.js';

export const SeriesCreate = z
  .strictObject({
    residentId: z.number().int().positive(),
    skills: SkillCodes,
    weekday: z.number().int().min(1).max(7).openapi({ description: '1 = Monday … 7 = Sunday' }),
    start: Clock.openapi({ description: 'local time the window opens' }),
    end: Clock.openapi({ description: 'local time the window closes, the same day' }),
    durationMinutes: DurationMinutes.optional(),
    everyWeeks: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(1)
      .openapi({ description: '1 = every week, 2 = every two weeks' }),
    firstDate: LocalDate.openapi({ description: 'the first occurrence is the first matching weekday from here' }),
    untilDate: LocalDate.optional().openapi({ description: 'the last possible date; open-ended without it' }),
    urgency: z.enum(URGENCIES).optional().openapi({ description: 'default normal' }),
    description: z.string().trim().max(2000).optional(),
  })
  .superRefine((s, ctx) => {
    const minutes = parseClock(s.end) - parseClock(s.start);
    if (minutes <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' });
    else if (s.durationMinutes !== undefined && s.durationMinutes > minutes) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'the job does not fit in its window' });
    }
    if (s.untilDate !== undefined && s.untilDate < s.firstDate) {
      ctx.addIssue({ code: 'custom', path: ['untilDate'], message: 'must not be before firstDate' });
    }
  })
  .openapi('SeriesCreate');
export type SeriesCreate = z.infer<typeof SeriesCreate>;

export const SeriesPause = z
  .strictObject({
    from: LocalDate.openapi({ description: 'the first date without help' }),
    until: LocalDate.openapi({ description: 'the last date without help' }),
  })
  .refine((p) => p.until >= p.from, { path: ['until'], message: 'must not be before from' })
  .openapi('SeriesPause', { description: 'the resident is away, say: no requests on these dates' });
export type SeriesPause = z.infer<typeof SeriesPause>;

export const SeriesQuery = z.strictObject({
  residentId: fromDigits(z.number().int().positive()).optional(),
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((a) => (a === undefined ? undefined : a === 'true')),
});

export const Series = z
  .object({
    id: z.number().int(),
    residentId: z.number().int(),
    skills: z.array(z.string()),
    weekday: z.number().int(),
    start: Clock,
    end: Clock,
    durationMinutes: z.number().int(),
    everyWeeks: z.number().int(),
    firstDate: LocalDate,
    untilDate: LocalDate.nullable(),
    urgency: z.enum(URGENCIES),
    description: z.string().nullable(),
    active: z.boolean(),
    pause: z
      .object({ from: LocalDate, until: LocalDate })
      .nullable()
      .openapi({ description: 'a pause that has not ended yet; its dates get no requests' }),
    upcoming: z
      .array(
        z.object({
          date: LocalDate,
          requestId: z.number().int(),
          status: z.enum(REQUEST_STATUSES),
          helperId: z.number().int().nullable(),
        }),
      )
      .openapi({ description: 'the requests already made for dates from today on' }),
  })
  .openapi('Series');
export type Series = z.infer<typeof Series>;
