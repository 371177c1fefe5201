import { EXCLUSION_REASONS } from '../domain.js';
import type { ErrorCode } from '../errors.js';
import { z } from './zod.js';

export const ErrorDetail = z
  .object({
    field: z.string().optional().openapi({ description: 'the field, dotted ("window.start"), or where: "body"' }),
    in: z.enum(['body', 'query', 'params', 'headers']).optional(),
    message: z.string(),
    reasons: z
      .array(z.enum(EXCLUSION_REASONS))
      .optional()
      .openapi({ description: 'why the helper cannot take the job' }),
  })
  .catchall(z.unknown())
  .openapi('ErrorDetail', { additionalProperties: true });

/** The contract's error body, with the codes one response of one route can carry. */
export function errorBody(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  return z.object({
    error: z.object({ code: z.enum(codes), message: z.string(), details: z.array(ErrorDetail) }),
  });
}

/**
 * A number from a path or a query string, in decimal digits only: `z.coerce` (`Number()`) would also
 * take "0x10", " 7 " and "1e3" as 16, 7 and 1000; anything else stays a string and fails as one.
 */
export const fromDigits = <T extends z.ZodNumber>(number: T) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v), number);

export const IdParams = z.strictObject({ id: fromDigits(z.number().int().positive()) });

export const LatLon = z
  .strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .openapi('LatLon');

/** The skill codes a job needs: at least one. */
export const SkillCodes = z.array(z.string().min(1).max(60)).min(1).max(10);
/** A job's length in minutes; without it the job fills its window. */
export const DurationMinutes = z
  .number()
  .int()
  .min(15)
  .max(12 * 60)
  .openapi({ description: "default: the window's length" });

export const LocalDate = z.iso.date().openapi({ example: '2026-12-01' });
/** An instant as the service writes it: ISO 8601 in UTC (present.ts). */
export const Instant = z.iso.datetime().openapi({ example: '2026-12-01T09:00:00.000Z' });
export const DateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T10:00:00+01:00' });
export const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM')
  .openapi({ example: '09:30' });
export const Language = z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639 code such as nl');
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'expected a phone number');
export const Postcode = z
  .string()
  .trim()
  .regex(/^[1-9]\d{3}\s?[A-Za-z]{2}$|^[1-9]\d{3}$/, 'expected a Dutch postcode such as 6371 AB')
  .transform((p) => p.replace(/\s/g, '').toUpperCase());
