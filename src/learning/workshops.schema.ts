import { TRACKS } from '../domain.js';
import { LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';

const Title = z.string().trim().min(1).max(200);

export const Workshop = z
  .object({
    id: z.number().int(),
    track: z.enum(TRACKS),
    title: z.string(),
    position: z.number().int(),
    active: z.boolean(),
  })
  .openapi('Workshop');
export type Workshop = z.infer<typeof Workshop>;

export const WorkshopQuery = z.strictObject({ track: z.enum(TRACKS).optional() });

export const WorkshopCreate = z
  .strictObject({
    track: z.enum(TRACKS),
    title: Title,
    position: z.number().int().min(1).max(100).optional().openapi({ description: 'default: after the last' }),
  })
  .openapi('WorkshopCreate');
export type WorkshopCreate = z.infer<typeof WorkshopCreate>;

export const WorkshopPatch = z
  .strictObject({ title: Title, position: z.number().int().min(1).max(100), active: z.boolean() })
  .partial()
  .openapi('WorkshopPatch');
export type WorkshopPatch = z.infer<typeof WorkshopPatch>;

/** A workshop of the participant's track, and when they attended it (null: not yet). */
export const ParticipantWorkshop = Workshop.pick({ id: true, title: true, position: true })
  .extend({ attendedOn: LocalDate.nullable() })
  .openapi('ParticipantWorkshop');
export type ParticipantWorkshop = z.infer<typeof ParticipantWorkshop>;

export const Attendance = z
  .strictObject({
    workshopId: z.number().int().positive(),
    attendedOn: LocalDate.nullable().openapi({ description: 'null: not attended after all' }),
  })
  .openapi('Attendance');
export type Attendance = z.infer<typeof Attendance>;
