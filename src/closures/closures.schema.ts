import { LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const ClosureCreate = z
  .strictObject({ from: LocalDate, to: LocalDate, reason: z.string().trim().min(1).max(200) })
  .refine((c) => c.from <= c.to, { message: 'to must not be before from', path: ['to'] })
  .openapi('ClosureCreate');
export type ClosureCreate = z.infer<typeof ClosureCreate>;

export const Closure = z
  .object({ id: z.number().int(), from: LocalDate, to: LocalDate, reason: z.string() })
  .openapi('Closure');
export type Closure = z.infer<typeof Closure>;
