import { type ColumnIndex, decimal } from './import-rows.js';

/** Where someone lives, as a list may give it: a pin, or an address the geocoder looks up. */
export const ADDRESS_COLUMNS = {
  lat: ['lat', 'breedtegraad'],
  lon: ['lon', 'lengtegraad'],
  street: ['street', 'straat'],
  houseNumber: ['housenumber', 'huisnummer', 'nr'],
  houseNumberAddition: ['housenumberaddition', 'toevoeging', 'huisletter'],
  postcode: ['postcode', 'postal code'],
  city: ['city', 'woonplaats', 'plaats'],
} as const;
type AddressColumn = keyof typeof ADDRESS_COLUMNS;

/** A home needs a pin (lat and lon) or an address to look up (postcode and house number). */
export function homeMissing(columns: ColumnIndex<AddressColumn>): AddressColumn[] {
  const pin = columns.lat !== undefined && columns.lon !== undefined;
  const address = columns.postcode !== undefined && columns.houseNumber !== undefined;
  if (pin || address) return [];
  return (['postcode', 'houseNumber'] as const).filter((field) => columns[field] === undefined);
}

/** The row's `location` (when both coordinates are given) and `address` (when a postcode is). */
export function addressBody(cell: (field: AddressColumn) => string) {
  const optional = (field: AddressColumn) => cell(field) || undefined;
  const pinned = cell('lat') !== '' || cell('lon') !== '';
  return {
    location: pinned ? { lat: decimal(cell('lat')), lon: decimal(cell('lon')) } : undefined,
    address: cell('postcode')
      ? {
          street: optional('street'),
          houseNumber: optional('houseNumber'),
          houseNumberAddition: optional('houseNumberAddition'),
          postcode: cell('postcode'),
          city: optional('city'),
        }
      : undefined,
  };
}
