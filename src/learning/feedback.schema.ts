import { z } from '../http/zod.js';

const Satisfaction = z.number().int().min(1).max(5).openapi({ description: "the resident's satisfaction, 1–5" });

export const JobFeedbackInput = z
  .strictObject({
    satisfaction: Satisfaction.nullable(),
    observation: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .openapi({ description: "the coach's observation of the participant at work (their coach only)" }),
  })
  .partial()
  .openapi('JobFeedbackInput');
export type JobFeedbackInput = z.infer<typeof JobFeedbackInput>;

export const MyJobFeedback = z.strictObject({ satisfaction: Satisfaction }).openapi('MyJobFeedback');

export const JobFeedback = z
  .object({
    requestId: z.number().int(),
    satisfaction: z.number().int().nullable(),
    satisfactionBy: z.enum(['staff', 'helper']).nullable(),
    observation: z.string().nullable().optional().openapi({ description: 'only for the participant and their coach' }),
  })
  .openapi('JobFeedback');
export type JobFeedback = z.infer<typeof JobFeedback>;
