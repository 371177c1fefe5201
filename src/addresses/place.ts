import type { Address } from './addresses.schema.js';
import type { AddressesService } from './addresses.service.js';
import type { LocationSource, Neighbourhood, Place } from './addresses.types.js';

/** The columns a resident or helper keeps about their place (see db/schema/addresses.ts). */
export interface PlaceColumns {
  street?: string | null;
  houseNumber?: string | null;
  houseNumberAddition?: string | null;
  postcode?: string;
  city?: string | null;
  lat?: number;
  lon?: number;
  locationSource?: LocationSource;
  wijkCode?: string | null;
  wijkName?: string | null;
  buurtCode?: string | null;
  buurtName?: string | null;
}

interface PlaceInput {
  address?: Address | undefined;
  location?: { lat: number; lon: number } | undefined;
}

/**
 * Finds the input's address when no `location` pins it. Called before any write, so a failed look-up
 * leaves nothing half-written; `null` when there is nothing to look up.
 */
export async function placeOf(addresses: AddressesService, input: PlaceInput): Promise<Place | null> {
  if (input.location || !input.address) return null;
  return addresses.locate(input.address);
}

const NO_NEIGHBOURHOOD = { wijkCode: null, wijkName: null, buurtCode: null, buurtName: null };

/**
 * The columns to write for the input: the found place (street and city as the register spells them),
 * or the typed address with its pin. A pin says nothing of the neighbourhood, so that is cleared.
 */
export function placeColumnsOf(input: PlaceInput, place: Place | null): PlaceColumns {
  if (place) {
    return {
      street: place.street ?? input.address?.street ?? null,
      houseNumber: place.houseNumber,
      houseNumberAddition: place.houseNumberAddition,
      postcode: place.postcode,
      city: place.city ?? input.address?.city ?? null,
      lat: place.location.lat,
      lon: place.location.lon,
      locationSource: place.source,
      wijkCode: place.neighbourhood.wijkCode,
      wijkName: place.neighbourhood.wijk,
      buurtCode: place.neighbourhood.buurtCode,
      buurtName: place.neighbourhood.buurt,
    };
  }
  const { address, location } = input;
  return {
    ...(address
      ? {
          street: address.street ?? null,
          houseNumber: address.houseNumber ?? null,
          houseNumberAddition: address.houseNumberAddition ?? null,
          postcode: address.postcode,
          city: address.city ?? null,
        }
      : {}),
    ...(location
      ? { lat: location.lat, lon: location.lon, locationSource: 'manual' as const, ...NO_NEIGHBOURHOOD }
      : {}),
  };
}

interface StoredPlace {
  locationSource: LocationSource;
  wijkCode: string | null;
  wijkName: string | null;
  buurtCode: string | null;
  buurtName: string | null;
}

export function neighbourhoodOf(row: StoredPlace): Neighbourhood | null {
  if (!row.wijkCode && !row.wijkName && !row.buurtCode && !row.buurtName) return null;
  return { wijk: row.wijkName, wijkCode: row.wijkCode, buurt: row.buurtName, buurtCode: row.buurtCode };
}

/** The reply's `locationSource`, `locationApproximate` and `neighbourhood`. */
export function presentPlace(row: StoredPlace) {
  return {
    locationSource: row.locationSource,
    locationApproximate: row.locationSource === 'postcode-table',
    neighbourhood: neighbourhoodOf(row),
  };
}
