import { LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Helper } from '../helpers/helpers.schema.js';
import { Proposal } from '../proposals/proposals.schema.js';
import { HelpRequest } from '../requests/requests.schema.js';

/**
 * A request as every board holds it: without the office's free texts (why it was cancelled or assigned
 * anyway, the note on completion), which staff read on `GET /requests/:id`.
 */
export const BoardRequest = HelpRequest.omit({ cancelReason: true, overrideReason: true, completionNote: true })
  .extend({
    overridden: z
      .boolean()
      .openapi({ description: "assigned outside the helper's hours, reach or cap; why is on the request itself" }),
  })
  .openapi('BoardRequest');
export type BoardRequest = z.infer<typeof BoardRequest>;

export const Board = z
  .object({
    seq: z.number().int().openapi({ description: 'the last event included: resume from here' }),
    requests: z.array(BoardRequest),
    proposals: z.array(Proposal),
    helpers: z.array(Helper.extend({ hoursThisWeek: z.number() })),
    residents: z
      .array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          postcode: z.string(),
          city: z.string().nullable(),
          wijk: z.string().nullable().openapi({ description: 'the CBS wijk, when the address was found' }),
          buurt: z.string().nullable().openapi({ description: 'the CBS buurt, when the address was found' }),
        }),
      )
      .openapi({ description: "the residents of the board's requests, for the cards" }),
    closedDays: z
      .array(z.object({ date: LocalDate, reason: z.string() }))
      .openapi({ description: 'days from today through the next two weeks on which nothing is planned' }),
  })
  .openapi('Board');
export type Board = z.infer<typeof Board>;
