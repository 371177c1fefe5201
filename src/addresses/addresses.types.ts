/** Where a stored point came from: the geocoder, the imported postcode table, or a person's pin. */
export const LOCATION_SOURCES = ['pdok', 'postcode-table', 'manual'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/** The CBS neighbourhood of an address: wijk (district) and buurt (neighbourhood), names and codes. */
export interface Neighbourhood {
  wijk: string | null;
  wijkCode: string | null;
  buurt: string | null;
  buurtCode: string | null;
}

/** What is asked of a geocoder: nothing but the postcode and the house number ever leaves the service. */
export interface AddressQuery {
  /** "6371AB": four digits and two capitals, no space. */
  postcode: string;
  houseNumber: number;
  /** The huisletter and/or huisnummertoevoeging, as one string ("A", "2", "A-2"); empty when none. */
  addition: string;
}

/** A found address. */
export interface GeocodedAddress {
  street: string | null;
  houseNumber: string;
  houseNumberAddition: string | null;
  postcode: string;
  city: string | null;
  location: { lat: number; lon: number };
  neighbourhood: Neighbourhood;
}

/** A found address with where it came from; a postcode table's centroid is approximate. */
export interface Place extends GeocodedAddress {
  source: Exclude<LocationSource, 'manual'>;
  approximate: boolean;
}

/** One address offered while typing. */
export interface AddressSuggestion {
  label: string;
  street: string | null;
  houseNumber: string;
  houseNumberAddition: string | null;
  postcode: string;
  city: string | null;
}

/** The geocoder did not answer (down, slow, or an error): the caller may fall back to the table. */
export class GeocoderUnreachable extends Error {
  constructor(readonly reason: string) {
    super(`geocoder unreachable: ${reason}`);
    this.name = 'GeocoderUnreachable';
  }
}

/**
 * The port every geocoder adapter fills. A failure to get an answer throws `GeocoderUnreachable`;
 * an answer without addresses means there is no such address.
 */
export interface Geocoder {
  /** Every address at this postcode and house number (12, 12A, 12-2 …): the caller picks the addition. */
  find(query: AddressQuery): Promise<GeocodedAddress[]>;
  /** Addresses starting with the typed postcode (and house number), best first. */
  suggest(postcodePrefix: string, houseNumber: string | null, rows: number): Promise<AddressSuggestion[]>;
}
