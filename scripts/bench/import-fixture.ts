import { type PdokAddress } from '../../test/support/pdok.js';

export const ROWS = 5_000;
/** Ten houses a postcode, as in a Dutch street: 500 postcodes. */
export const HOUSES_PER_POSTCODE = 10;

const letter = (n: number) => String.fromCharCode(65 + (n % 26));
const postcodeOf = (i: number) => {
  const street = Math.floor(i / HOUSES_PER_POSTCODE);
  return `${6371 + Math.floor(street / 676)}${letter(Math.floor(street / 26))}${letter(street)}`;
};

/** The import benchmark's 5,000 addresses: the fake geocoder's register and the list's rows. */
export const REGISTER: PdokAddress[] = Array.from({ length: ROWS }, (_, i) => ({
  straatnaam: `Straat ${Math.floor(i / HOUSES_PER_POSTCODE)}`,
  huisnummer: (i % HOUSES_PER_POSTCODE) + 1,
  postcode: postcodeOf(i),
  woonplaatsnaam: 'Landgraaf',
  lat: 50.85 + (i % 100) / 1000,
  lon: 5.95 + Math.floor(i / 100) / 1000,
  wijknaam: 'Schaesberg',
  wijkcode: 'WK088201',
  buurtnaam: 'Schaesberg-Centrum',
  buurtcode: `BU0882010${i % 10}`,
}));
