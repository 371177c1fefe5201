/**
 * Parkstad towns with their centres, postcode ranges and a few real street names: the month's
 * simulation places its people around them. The service itself knows only real addresses.
 */
export interface Town {
  name: string;
  centre: { lat: number; lon: number };
  postcodes: [number, number];
  streets: string[];
}

export const TOWNS: Town[] = [
  {
    name: 'Landgraaf',
    centre: { lat: 50.8915, lon: 6.0259 },
    postcodes: [6371, 6374],
    streets: [
      'Hoofdstraat',
      'Kerkstraat',
      'Heigank',
      'Brugstraat',
      'Op de Kamp',
      'Eikenderweg',
      'Wilhelminastraat',
      'Lauradorp',
    ],
  },
  {
    name: 'Heerlen',
    centre: { lat: 50.8882, lon: 5.9795 },
    postcodes: [6411, 6419],
    streets: [
      'Akerstraat',
      'Geleenstraat',
      'Schandelerboord',
      'Molenberglaan',
      'Kennedylaan',
      'Grasbroekerweg',
      'Valkenburgerweg',
      'Heesbergstraat',
    ],
  },
  {
    name: 'Kerkrade',
    centre: { lat: 50.8659, lon: 6.0625 },
    postcodes: [6461, 6468],
    streets: [
      'Hoofdstraat',
      'Markt',
      'Nieuwstraat',
      'Holzkuilstraat',
      'Einsteinstraat',
      'Kaalheidersteenweg',
      'Pannesheiderstraat',
      'Dr. Poelsplein',
    ],
  },
  {
    name: 'Brunssum',
    centre: { lat: 50.9468, lon: 5.9702 },
    postcodes: [6441, 6446],
    streets: [
      'Akerstraat',
      'Prins Hendriklaan',
      'Rumpenerstraat',
      'Kerkraderweg',
      'Op de Gracht',
      'Lindeplein',
      'Schiffelerstraat',
      'Heidestraat',
    ],
  },
];

/** The Parkstad town a postcode belongs to ("6411 AB" → Heerlen), by its four digits. */
export function townOfPostcode(postcode: string): Town | undefined {
  const digits = Number(/^\s*(\d{4})/.exec(postcode)?.[1]);
  return TOWNS.find((town) => digits >= town.postcodes[0] && digits <= town.postcodes[1]);
}
