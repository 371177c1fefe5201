import { LatLon, Postcode } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { LOCATION_SOURCES } from './addresses.types.js';

/** A Dutch address as a person types it; with a full postcode and a house number it can be found. */
export const Address = z
  .strictObject({
    street: z.string().trim().min(1).max(120).optional(),
    houseNumber: z.string().trim().min(1).max(20).optional().openapi({ example: '12' }),
    houseNumberAddition: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .optional()
      .openapi({ description: 'huisletter and/or toevoeging: "A", "2", "A-2"' }),
    postcode: Postcode,
    city: z.string().trim().min(1).max(80).optional(),
  })
  .openapi('Address');
export type Address = z.infer<typeof Address>;

export const StoredAddress = z
  .object({
    street: z.string().nullable(),
    houseNumber: z.string().nullable(),
    houseNumberAddition: z.string().nullable(),
    postcode: z.string(),
    city: z.string().nullable(),
  })
  .openapi('StoredAddress');
export type StoredAddress = z.infer<typeof StoredAddress>;

export const Neighbourhood = z
  .object({
    wijk: z.string().nullable().openapi({ description: 'the CBS wijk (district) name' }),
    wijkCode: z.string().nullable().openapi({ example: 'WK088201' }),
    buurt: z.string().nullable().openapi({ description: 'the CBS buurt (neighbourhood) name' }),
    buurtCode: z.string().nullable().openapi({ example: 'BU08820100' }),
  })
  .openapi('CbsNeighbourhood');

export const LocationSource = z.enum(LOCATION_SOURCES).openapi('LocationSource', {
  description: 'pdok: the geocoder; postcode-table: a centroid (approximate); manual: a pin',
});

/** What a reply says about where a resident or helper is, beside `location`. */
export const placeFields = {
  locationSource: LocationSource,
  locationApproximate: z.boolean().openapi({ description: 'placed at a postcode centroid, not at the house' }),
  neighbourhood: Neighbourhood.nullable(),
};

export const AddressLookupQuery = z.strictObject({
  postcode: Postcode,
  houseNumber: z.string().trim().min(1).max(20),
  houseNumberAddition: z.string().trim().min(1).max(10).optional(),
});

export const FoundAddress = z
  .object({
    address: StoredAddress,
    location: LatLon,
    ...placeFields,
    locationSource: z.enum(['pdok', 'postcode-table']),
  })
  .openapi('FoundAddress');
export type FoundAddress = z.infer<typeof FoundAddress>;

/** What may be typed: a postcode or the start of one, then perhaps a house number. Nothing else leaves. */
export const SUGGEST_INPUT = /^\s*([1-9]\d{3})\s?([A-Za-z]{0,2})(?:\s+(\d{1,5}))?\s*$/;

export const AddressSuggestQuery = z.strictObject({
  q: z
    .string()
    .max(20)
    .regex(SUGGEST_INPUT, 'expected a postcode, perhaps with a house number: 6371 AB 12')
    .openapi({ example: '6371AB 12' }),
});

export const MapSettings = z
  .object({
    tileUrl: z.string().openapi({ example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }),
    attribution: z.string(),
  })
  .openapi('MapSettings');
export type MapSettings = z.infer<typeof MapSettings>;

export const AddressSuggestions = z
  .object({
    suggestions: z.array(
      z.object({
        label: z.string(),
        street: z.string().nullable(),
        houseNumber: z.string(),
        houseNumberAddition: z.string().nullable(),
        postcode: z.string(),
        city: z.string().nullable(),
      }),
    ),
    available: z.boolean().openapi({ description: 'false when no geocoder is configured or reachable' }),
  })
  .openapi('AddressSuggestions');
export type AddressSuggestions = z.infer<typeof AddressSuggestions>;
