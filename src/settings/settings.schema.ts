import { CRITERIA, type Criterion, URGENCIES, type Urgency } from '../domain.js';
import { z } from '../http/zod.js';

const Weight = z.number().min(0).max(100);
const Minutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);

const weightFields = Object.fromEntries(CRITERIA.map((c) => [c, Weight])) as Record<Criterion, typeof Weight>;
const minuteFields = Object.fromEntries(URGENCIES.map((u) => [u, Minutes])) as Record<Urgency, typeof Minutes>;

export const SettingsPatch = z
  .strictObject({
    weights: z.strictObject(weightFields).partial(),
    distanceHalfKm: z.number().positive().max(50),
    responseMinutes: z.strictObject(minuteFields).partial(),
    maxProposalTries: z.number().int().min(1).max(20),
    seriesDaysAhead: z.number().int().min(1).max(60),
    retentionMonths: z.number().int().min(1).max(120),
    auditRetentionYears: z.number().int().min(5, 'at least 5 years (NEN 7513)').max(50),
  })
  .partial()
  .openapi('SettingsPatch');
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsView = z
  .object({
    weights: z.object(weightFields),
    distanceHalfKm: z.number(),
    timeZone: z.string(),
    responseMinutes: z.object(minuteFields),
    maxProposalTries: z.number().int(),
    seriesDaysAhead: z.number().int(),
    retentionMonths: z.number().int(),
    auditRetentionYears: z.number().int(),
  })
  .openapi('Settings');
