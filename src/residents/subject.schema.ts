import { AuditEntry } from '../audit/audit.schema.js';
import { z } from '../http/zod.js';
import { Proposal } from '../proposals/proposals.schema.js';
import { HelpRequest } from '../requests/requests.schema.js';
import { Series } from '../series/series.schema.js';
import { Resident } from './residents.schema.js';

/** What the resident said of a job; the coach's observation is the helper's data, not theirs. */
const ResidentFeedback = z
  .object({
    satisfaction: z.number().int().nullable().openapi({ description: "the resident's satisfaction, 1–5" }),
    satisfactionBy: z.enum(['staff', 'helper']).nullable(),
  })
  .openapi({ description: 'after the job, when it was asked' });

export const ResidentExport = z
  .object({
    resident: Resident,
    requests: z.array(HelpRequest.extend({ proposals: z.array(Proposal), feedback: ResidentFeedback.nullable() })),
    series: z.array(Series),
    audit: z.array(AuditEntry),
  })
  .openapi('ResidentExport');
export type ResidentExport = z.infer<typeof ResidentExport>;

export const Erased = z.object({ residentId: z.number().int(), erased: z.literal(true) }).openapi('Erased');
