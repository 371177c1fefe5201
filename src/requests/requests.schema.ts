import { CHANNELS, REQUEST_STATUSES, URGENCIES } from '../domain.js';
import { DateTime, DurationMinutes, Instant, LatLon, SkillCodes } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { weightFields } from '../settings/settings.schema.js';

const MAX_WINDOW_DAYS = 14;

export const RequestCreate = z
  .strictObject({
    residentId: z.number().int().positive(),
    skills: SkillCodes,
    window: z.strictObject({ start: DateTime, end: DateTime }),
    durationMinutes: DurationMinutes.optional(),
    urgency: z.enum(URGENCIES).optional().openapi({ description: 'default normal' }),
    description: z.string().trim().max(2000).optional(),
    channel: z.enum(CHANNELS).optional().openapi({ description: 'default phone' }),
  })
  .superRefine((r, ctx) => {
    const start = Date.parse(r.window.start);
    const end = Date.parse(r.window.end);
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['window', 'end'], message: 'end must be after start' });
    else if (end - start > MAX_WINDOW_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['window', 'end'],
        message: `a window spans at most ${MAX_WINDOW_DAYS} days`,
      });
    } else if (r.durationMinutes !== undefined && r.durationMinutes * 60_000 > end - start) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'the job does not fit in its window' });
    } else if (r.durationMinutes === undefined && end - start > 12 * 3_600_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['durationMinutes'],
        message: 'required when the window is longer than 12 hours',
      });
    }
  })
  .openapi('RequestCreate');
export type RequestCreate = z.infer<typeof RequestCreate>;

export const WeightsPreviewBody = z
  .strictObject({ weights: z.strictObject(weightFields).partial() })
  .openapi('WeightsPreview', { description: 'weights to try instead of the settings; those left out stay as set' });

export const SplitBody = z.strictObject({ parts: z.number().int().min(2).max(4) }).openapi('SplitRequest', {
  description: 'into how many jobs of equal length (to five minutes) an open request is split, each for its own helper',
});

export const WidenBody = z
  .strictObject({ window: z.strictObject({ start: DateTime, end: DateTime }) })
  .superRefine((b, ctx) => {
    const span = Date.parse(b.window.end) - Date.parse(b.window.start);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['window', 'end'], message: 'end must be after start' });
    else if (span > MAX_WINDOW_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['window', 'end'],
        message: `a window spans at most ${MAX_WINDOW_DAYS} days`,
      });
    }
  })
  .openapi('WidenRequest', {
    description: 'a wider window around the current one (it starts no later and ends no earlier), so more helpers fit',
  });

export const RequestQuery = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(REQUEST_STATUSES)).optional())
    .openapi({ description: 'one status or several, comma-separated' }),
  residentId: z.coerce.number().int().positive().optional(),
  helperId: z.coerce.number().int().positive().optional(),
  from: DateTime.optional().openapi({ description: 'windows ending after this' }),
  to: DateTime.optional().openapi({ description: 'windows starting before this' }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  order: z.enum(['asc', 'desc']).optional().openapi({
    description: "by the window's start: asc (default) the earliest first, desc the latest first (a history)",
  }),
});
export type RequestQuery = z.infer<typeof RequestQuery>;

export const CompleteBody = z
  .strictObject({
    hours: z.number().positive().max(24),
    note: z.string().trim().max(2000).optional(),
    reciprocity: z.string().trim().max(500).optional().openapi({ description: 'what the resident did in return' }),
  })
  .openapi('CompleteRequest');

export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi('CancelRequest');

export const ReassignBody = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'why the helper cannot come; kept on the proposal for staff, never in the event log' }),
  })
  .openapi('ReassignRequest');

const Interval = z.object({ start: Instant, end: Instant });

export const HelpRequest = z
  .object({
    id: z.number().int(),
    residentId: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    skills: z.array(z.string()),
    window: Interval,
    durationMinutes: z.number().int(),
    urgency: z.enum(URGENCIES),
    description: z.string().nullable(),
    channel: z.enum(CHANNELS),
    location: LatLon,
    helperId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'the assigned helper; with a supervised pair, the learner' }),
    supervisorHelperId: z.number().int().nullable().openapi({
      description:
        "a supervised pair's competent or mentor helper, beside the learner; both hold the job and its hours",
    }),
    scheduled: Interval.nullable(),
    hours: z.number().nullable(),
    completionNote: z.string().nullable(),
    reciprocity: z.string().nullable(),
    cancelReason: z.string().nullable(),
    overrideReason: z.string().nullable().openapi({
      description:
        'why a dispatcher assigned this helper outside their hours, reach or weekly cap; null when the matching allowed it',
    }),
    needsDispatcher: z.boolean().openapi({ description: 'proposing stopped; a dispatcher must choose' }),
    usualHelperId: z
      .number()
      .int()
      .nullable()
      .openapi({
        description:
          "the resident's usual helper (most of their jobs, at least two) when this job went to somebody else: " +
          'continuity broke; null when it was kept',
      }),
    seriesId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'the regular help this request is one occurrence of' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Request');
export type HelpRequest = z.infer<typeof HelpRequest>;
