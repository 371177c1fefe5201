import { z } from '../http/zod.js';
import { Helper } from '../helpers/helpers.schema.js';
import { Proposal } from '../proposals/proposals.schema.js';
import { HelpRequest } from '../requests/requests.schema.js';

export const Board = z
  .object({
    seq: z.number().int().openapi({ description: 'the last event included: resume from here' }),
    requests: z.array(HelpRequest),
    proposals: z.array(Proposal),
    helpers: z.array(Helper.extend({ hoursThisWeek: z.number() })),
  })
  .openapi('Board');
export type Board = z.infer<typeof Board>;
