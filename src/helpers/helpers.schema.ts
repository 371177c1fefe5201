import { Address, placeFields, StoredAddress } from '../addresses/addresses.schema.js';
import { HELPER_KINDS, SKILL_LEVELS, TRACKS, TRAVEL_MODES } from '../domain.js';
import { Clock, Instant, Language, LatLon, LocalDate, Phone } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const AvailabilitySlot = z
  .strictObject({
    weekday: z.number().int().min(1).max(7).openapi({ description: '1 = Monday … 7 = Sunday' }),
    start: Clock,
    end: Clock,
  })
  .refine((s) => s.start < s.end, { message: 'end must be after start', path: ['end'] })
  .openapi('AvailabilitySlot');

export const Absence = z
  .strictObject({ from: LocalDate, to: LocalDate, reason: z.string().trim().max(200).optional() })
  .refine((a) => a.from <= a.to, { message: 'to must not be before from', path: ['to'] })
  .openapi('Absence');

const SkillCode = z.string().min(1).max(60);

export const HelperSkill = z
  .union([SkillCode, z.strictObject({ code: SkillCode, level: z.enum(SKILL_LEVELS) }).openapi('LevelledSkill')])
  .openapi('HelperSkill', {
    description:
      'a skill code (the helper is competent in it), or {code, level}; replies list competent skills as plain codes and learning and mentor ones as {code, level}',
  });

const helperFields = {
  name: z.string().trim().min(1).max(120),
  kind: z.enum(HELPER_KINDS),
  track: z.enum(TRACKS),
  skills: z.array(HelperSkill).min(1).max(30),
  location: LatLon,
  address: Address.openapi({ description: 'the home address; without a location it is looked up' }),
  maxTravelKm: z.number().positive().max(200),
  travelMode: z.enum(TRAVEL_MODES).openapi({ description: 'default cycling' }),
  availability: z.array(AvailabilitySlot).max(60),
  absences: z.array(Absence).max(200),
  maxHoursPerWeek: z.number().positive().max(80).nullable(),
  languages: z.array(Language).max(10).openapi({ description: 'default ["nl"]' }),
  phone: Phone.nullable(),
  email: z.email().nullable(),
  activeFrom: LocalDate.nullable(),
  activeUntil: LocalDate.nullable(),
};

const activePeriodInOrder = (h: { activeFrom?: string | null; activeUntil?: string | null }) =>
  !h.activeFrom || !h.activeUntil || h.activeFrom <= h.activeUntil;
const activePeriodIssue = { message: 'activeUntil must not be before activeFrom', path: ['activeUntil'] };

export const HelperCreate = z
  .strictObject({
    ...helperFields,
    location: helperFields.location.optional(),
    address: helperFields.address.optional(),
    travelMode: helperFields.travelMode.optional(),
    availability: helperFields.availability.optional(),
    absences: helperFields.absences.optional(),
    maxHoursPerWeek: helperFields.maxHoursPerWeek.optional(),
    languages: helperFields.languages.optional(),
    phone: helperFields.phone.optional(),
    email: helperFields.email.optional(),
    activeFrom: helperFields.activeFrom.optional(),
    activeUntil: helperFields.activeUntil.optional(),
  })
  .refine(activePeriodInOrder, activePeriodIssue)
  .refine((h) => h.location || h.address, {
    message: 'give a location, or an address with postcode and house number to look up',
    path: ['location'],
  })
  .openapi('HelperCreate');
export type HelperCreate = z.infer<typeof HelperCreate>;

export const HelperPatch = z
  .strictObject({ ...helperFields, active: z.boolean() })
  .partial()
  .refine(activePeriodInOrder, activePeriodIssue)
  .openapi('HelperPatch');
export type HelperPatch = z.infer<typeof HelperPatch>;

export const HelperQuery = z.strictObject({
  track: z.enum(TRACKS).optional(),
  skill: z.string().optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional().openapi({ description: 'part of the name' }),
});

export const Helper = z
  .object({
    id: z.number().int(),
    ...helperFields,
    address: StoredAddress.nullable(),
    ...placeFields,
    active: z.boolean(),
    erasedAt: Instant.nullable().openapi({
      description: 'when their personal data was erased (on request or by retention)',
    }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Helper');
export type Helper = z.infer<typeof Helper>;

export const HelperErased = z.object({ helperId: z.number().int(), erased: z.literal(true) }).openapi('HelperErased');
