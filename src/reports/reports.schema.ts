import { OUTFLOW_KINDS } from '../domain.js';
import { LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { DEMAND_BY, HOURS_BY, PARTICIPANTS_BY, QUALITY_MEASURES, WHY_UNMET } from './reports.types.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

/** A report covers at most this many days: five years, the longest a subsidy period runs. */
export const MAX_PERIOD_DAYS = 5 * 366;
const DAY_MS = 86_400_000;

const periodFields = {
  from: LocalDate.openapi({ description: 'first local day (Europe/Amsterdam), inclusive' }),
  to: LocalDate.openapi({ description: 'last local day, inclusive' }),
  format: z
    .enum(REPORT_FORMATS)
    .optional()
    .openapi({ description: 'overrides `Accept`: json (default), csv or xlsx (what a download link asks for)' }),
};

function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  else if (days >= MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${MAX_PERIOD_DAYS} days` });
}

export const HoursQuery = z
  .strictObject({
    ...periodFields,
    by: z.enum(HOURS_BY).default('track').openapi({
      description:
        'per helper (admin and dispatcher only), per helper track, per skill of the job, or per local ISO week (2026-W48) or month (2026-11) of its start',
    }),
  })
  .superRefine(checkPeriod);
export type HoursQuery = z.infer<typeof HoursQuery>;

export const DemandQuery = z
  .strictObject({
    ...periodFields,
    by: z.enum(DEMAND_BY).default('neighbourhood').openapi({
      description:
        "per CBS buurt or wijk of the resident's address, per requested skill, per urgency, or per channel it came in by",
    }),
  })
  .superRefine(checkPeriod);
export type DemandQuery = z.infer<typeof DemandQuery>;

const suppressed = z.boolean().openapi({
  description: 'the cell covers fewer residents than the threshold: its numbers are withheld (null)',
});

/** A count that suppression may withhold. */
const Count = z.number().int().nullable();

export const HoursRow = z
  .object({
    key: z
      .string()
      .openapi({ description: 'the helper id, track code, skill code, week (2026-W48) or month (2026-11)' }),
    name: z.string().optional().openapi({ description: "by helper: the helper's name" }),
    hours: z.number().nullable(),
    practiceHours: z.number().nullable().optional().openapi({
      description:
        'by helper: hours of the jobs they completed in their practice period (learning plan) up to `to`, against `requiredHours`; null without a period',
    }),
    requiredHours: z
      .number()
      .nullable()
      .optional()
      .openapi({ description: 'by helper: the practice hours their learning plan requires; null without' }),
    jobs: Count,
    suppressed,
  })
  .openapi('HoursRow');
export type HoursRow = z.infer<typeof HoursRow>;

export const HoursReport = z
  .object({
    from: LocalDate,
    to: LocalDate,
    by: z.enum(HOURS_BY),
    rows: z.array(HoursRow),
    total: z.object({ hours: z.number().nullable(), jobs: Count, suppressed }),
    threshold: z.number().int().openapi({ description: 'cells covering fewer residents than this are suppressed' }),
  })
  .openapi('HoursReport', {
    description:
      'Completed jobs whose window starts in [from, to]. By skill a job counts under each skill it needed, so rows may add up to more than the total.',
  });
export type HoursReport = z.infer<typeof HoursReport>;

const WhyUnmetCounts = z.record(z.enum(WHY_UNMET), z.number().int()).openapi('WhyUnmet', {
  description: [
    'The unmet requests by why nobody came; they add up to `unmet` (null when that is withheld).',
    'Taken when the request was cancelled before anyone was assigned, or its window passed unassigned (else when it was last flagged with nobody left to propose), by ranking every helper as at the last moment the job still fitted.',
    'Each helper counts once: under their answer if asked (declined: said no or took it back; unanswered: no answer in time), else under the first exclusion reason the matching found, else notAsked (could have come, never asked).',
    'A request counts under the reason of the helpers who came furthest, in this order from the most basic: noHelpers, inactive, skills, excluded, workshops, supervision, distance, closed, availability (weekly hours and absences), busy, hours (weekly cap), declined, unanswered, notAsked.',
    'unrecorded: unmet before the reasons were kept.',
  ].join(' '),
});

export const DemandRow = z
  .object({
    key: z.string().openapi({
      description: 'the CBS buurt or wijk code ("unknown" when not known), skill code, urgency or channel',
    }),
    wijk: z.string().nullable().optional().openapi({ description: 'by neighbourhood or wijk: the CBS wijk name' }),
    buurt: z.string().nullable().optional().openapi({ description: 'by neighbourhood: the CBS buurt name' }),
    requests: Count,
    served: Count.openapi({ description: 'a helper was booked: completed, or assigned' }),
    unmet: Count.openapi({
      description: 'no helper came: cancelled before anyone was assigned, or still unassigned after its window ended',
    }),
    cancelled: Count.openapi({ description: 'cancelled after a helper had been assigned' }),
    pending: Count.openapi({ description: 'unassigned, its window not yet over' }),
    whyUnmet: WhyUnmetCounts.nullable(),
    suppressed,
  })
  .openapi('DemandRow');
export type DemandRow = z.infer<typeof DemandRow>;

export const DemandReport = z
  .object({
    from: LocalDate,
    to: LocalDate,
    by: z.enum(DEMAND_BY),
    rows: z.array(DemandRow),
    total: DemandRow.omit({ key: true, wijk: true, buurt: true }),
    threshold: z.number().int().openapi({ description: 'cells covering fewer residents than this are suppressed' }),
  })
  .openapi('DemandReport', {
    description:
      'Requests whose window starts in [from, to]: requests = served + unmet + cancelled + pending. By skill a request counts under each skill it asked for.',
  });
export type DemandReport = z.infer<typeof DemandReport>;

export const ParticipantsQuery = z
  .strictObject({
    ...periodFields,
    by: z
      .enum(PARTICIPANTS_BY)
      .default('track')
      .openapi({ description: 'per helper track, or per kind of participant' }),
  })
  .superRefine(checkPeriod);
export type ParticipantsQuery = z.infer<typeof ParticipantsQuery>;

const ParticipantCounts = {
  enrolled: z.number().int().openapi({ description: 'in the programme for at least a day of the period' }),
  new: z.number().int().openapi({ description: 'started in the period (active from, else registered)' }),
  ended: z.number().int().openapi({ description: 'their active period ended in the period' }),
  working: z.number().int().openapi({ description: 'completed at least one job in the period' }),
  hours: z.number().openapi({ description: 'hours of the jobs they completed in the period' }),
  outflow: z.record(z.enum(OUTFLOW_KINDS), z.number().int()).openapi({
    description: "left the programme in the period (their learning plan's outflow date), per where they went",
  }),
};

export const ParticipantsRow = z
  .object({ key: z.string().openapi({ description: 'the track or kind' }), ...ParticipantCounts })
  .openapi('ParticipantsRow');
export type ParticipantsRow = z.infer<typeof ParticipantsRow>;

export const ParticipantsReport = z
  .object({
    from: LocalDate,
    to: LocalDate,
    by: z.enum(PARTICIPANTS_BY),
    rows: z.array(ParticipantsRow),
    total: z.object(ParticipantCounts),
  })
  .openapi('ParticipantsReport', {
    description: 'Helpers per track or kind over a period. About participants, not residents: nothing is withheld.',
  });
export type ParticipantsReport = z.infer<typeof ParticipantsReport>;

export const QualityQuery = z.strictObject(periodFields).superRefine(checkPeriod);
export type QualityQuery = z.infer<typeof QualityQuery>;

export const QualityRow = z
  .object({
    key: z.enum(QUALITY_MEASURES),
    value: z.number().nullable(),
    count: z.number().int().nullable().openapi({ description: 'what the measure is over: requests, jobs or helpers' }),
    suppressed,
  })
  .openapi('QualityRow');
export type QualityRow = z.infer<typeof QualityRow>;

export const QualityReport = z
  .object({
    from: LocalDate,
    to: LocalDate,
    rows: z.array(QualityRow),
    threshold: z.number().int().openapi({ description: 'measures about fewer residents than this are suppressed' }),
  })
  .openapi('QualityReport', {
    description: [
      'Over the requests whose window starts in the period.',
      'matchedBeforeStart: of the requests a helper accepted, the share accepted before the window began (count: those requests).',
      'timeToMatch…Minutes: from entering the request to the accepted proposal, median and 90th percentile (nearest rank).',
      'continuity: residents with two or more completed jobs in the period; of their jobs after the first, the share done by a helper who had done one of theirs before in the period (count: those jobs).',
      'hoursPerHelperMedian and hoursGini: completed hours over the helpers enrolled in the period, those without a job included (count: helpers); 0 is an even spread.',
    ].join(' '),
  });
export type QualityReport = z.infer<typeof QualityReport>;
