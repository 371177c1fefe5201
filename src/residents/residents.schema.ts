import { Address, placeFields, StoredAddress } from '../addresses/addresses.schema.js';
import { Instant, Language, LatLon, Phone } from '../http/common.schema.js';
import { z } from '../http/zod.js';

const residentFields = {
  name: z.string().trim().min(1).max(120),
  phone: Phone.optional(),
  address: Address,
  location: LatLon.optional().openapi({
    description: 'a pin; without it the address (postcode and house number) is looked up',
  }),
  languages: z.array(Language).max(10).optional(),
  notes: z.string().max(4000).optional(),
  excludedHelperIds: z.array(z.number().int().positive()).max(200).optional(),
};

export const ResidentCreate = z.strictObject(residentFields).openapi('ResidentCreate');
export type ResidentCreate = z.infer<typeof ResidentCreate>;

/** On a change, `null` clears the phone or the notes. */
export const ResidentPatch = z
  .strictObject({ ...residentFields, phone: Phone.nullable(), notes: z.string().max(4000).nullable() })
  .partial()
  .openapi('ResidentPatch');
export type ResidentPatch = z.infer<typeof ResidentPatch>;

export const ResidentQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'name, phone or postcode' }),
  ids: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[1-9]\d{0,8}$/, 'a resident id')
            .transform(Number),
        )
        .min(1)
        .max(200)
        .optional(),
    )
    .openapi({ description: 'only these residents, comma-separated ids (at most 200): the names a list shows' }),
});

export const Resident = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phone: z.string().nullable(),
    address: StoredAddress,
    location: LatLon,
    ...placeFields,
    languages: z.array(z.string()),
    notes: z.string().nullable(),
    excludedHelperIds: z.array(z.number().int()),
    erasedAt: Instant.nullable().openapi({
      description: 'when their personal data was erased (on request or by retention)',
    }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Resident');
export type Resident = z.infer<typeof Resident>;
