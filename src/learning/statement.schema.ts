import { Instant, LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const StatementPeriod = z
  .strictObject({
    from: LocalDate.optional().openapi({ description: 'default: the start of the practice period' }),
    to: LocalDate.optional().openapi({ description: 'default: the outflow, else the end of the practice period' }),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'to must not be before from', path: ['to'] })
  .openapi('StatementPeriod');
export type StatementPeriod = z.infer<typeof StatementPeriod>;

export const StatementSignOff = z
  .object({
    id: z.number().int(),
    helperId: z.number().int(),
    from: LocalDate,
    to: LocalDate,
    totalHours: z.number().openapi({ description: 'the hours of the completed jobs in the period when signed' }),
    jobs: z.number().int(),
    requiredHours: z.number().nullable(),
    signedBy: z.object({ id: z.number().int(), name: z.string().nullable() }),
    signedAt: Instant,
  })
  .openapi('StatementSignOff', { description: "the coach's sign-off of an hours statement, its totals frozen" });
export type StatementSignOff = z.infer<typeof StatementSignOff>;
