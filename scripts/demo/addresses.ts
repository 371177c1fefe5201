/**
 * Demo addresses on real Parkstad streets: each street with the postcode of a stretch of it, the house
 * numbers along that stretch and its two ends, so a house is placed along the street by its number, in
 * the CBS wijk and buurt it lies in. The ends were read off the map by hand (to some tens of metres);
 * the wijk and buurt codes follow CBS's form (WK/BU + municipality code + number), their numbering is the
 * demo's (invented: not CBS's codes). The places are marked approximate, from the postcode table, since no
 * geocoder placed them. Everything is embedded: seeding needs no geocoder and no network.
 */
import type { Place } from '../../src/addresses/addresses.types.js';
import type { Random } from './random.js';

interface Street {
  street: string;
  postcode: string;
  city: string;
  numbers: [number, number];
  from: [lat: number, lon: number];
  to: [lat: number, lon: number];
  wijk: [code: string, name: string];
  buurt: [code: string, name: string];
}

const HEERLEN_CENTRUM: Street['wijk'] = ['WK091700', 'Heerlen-Centrum'];
const HEERLERBAAN: Street['wijk'] = ['WK091703', 'Heerlerbaan'];
const MOLENBERG: Street['wijk'] = ['WK091702', 'Molenberg'];
const HEERLERHEIDE: Street['wijk'] = ['WK091705', 'Heerlerheide'];
const HOENSBROEK: Street['wijk'] = ['WK091708', 'Hoensbroek'];
const SCHAESBERG: Street['wijk'] = ['WK088201', 'Schaesberg'];
const NIEUWENHAGEN: Street['wijk'] = ['WK088202', 'Nieuwenhagen'];
const UBACH: Street['wijk'] = ['WK088203', 'Ubach over Worms'];
const KERKRADE_WEST: Street['wijk'] = ['WK171101', 'Kerkrade-West'];
const KERKRADE_OOST: Street['wijk'] = ['WK171102', 'Kerkrade-Oost'];
const BRUNSSUM_CENTRUM: Street['wijk'] = ['WK089900', 'Brunssum-Centrum'];
const BRUNSSUM_NOORD: Street['wijk'] = ['WK089901', 'Brunssum-Noord'];
const TREEBEEK: Street['wijk'] = ['WK089903', 'Treebeek'];

export const DEMO_STREETS: Street[] = [
  {
    street: 'Akerstraat',
    postcode: '6411HB',
    city: 'Heerlen',
    numbers: [1, 60],
    from: [50.88705, 5.98275],
    to: [50.88455, 5.98655],
    wijk: HEERLEN_CENTRUM,
    buurt: ['BU09170001', 'Centrum'],
  },
  {
    street: 'Akerstraat',
    postcode: '6417BN',
    city: 'Heerlen',
    numbers: [61, 140],
    from: [50.88455, 5.98655],
    to: [50.88095, 5.99335],
    wijk: HEERLEN_CENTRUM,
    buurt: ['BU09170003', 'Schandelen'],
  },
  {
    street: 'Geleenstraat',
    postcode: '6411HR',
    city: 'Heerlen',
    numbers: [1, 50],
    from: [50.88755, 5.97895],
    to: [50.88935, 5.97555],
    wijk: HEERLEN_CENTRUM,
    buurt: ['BU09170001', 'Centrum'],
  },
  {
    street: 'Molenberglaan',
    postcode: '6416AA',
    city: 'Heerlen',
    numbers: [1, 120],
    from: [50.89575, 5.96805],
    to: [50.89985, 5.97695],
    wijk: MOLENBERG,
    buurt: ['BU09170201', 'Molenberg'],
  },
  {
    street: 'Heerlerbaan',
    postcode: '6418CA',
    city: 'Heerlen',
    numbers: [100, 260],
    from: [50.87455, 5.99955],
    to: [50.86985, 6.01055],
    wijk: HEERLERBAAN,
    buurt: ['BU09170301', 'Heerlerbaan-Centrum'],
  },
  {
    street: 'Ganzeweide',
    postcode: '6413GA',
    city: 'Heerlen',
    numbers: [1, 140],
    from: [50.91035, 5.95245],
    to: [50.90455, 5.96035],
    wijk: HEERLERHEIDE,
    buurt: ['BU09170501', 'Heerlerheide-Centrum'],
  },
  {
    street: 'Hoofdstraat',
    postcode: '6431LA',
    city: 'Hoensbroek',
    numbers: [1, 90],
    from: [50.92305, 5.92705],
    to: [50.91915, 5.93275],
    wijk: HOENSBROEK,
    buurt: ['BU09170801', 'Hoensbroek-Centrum'],
  },
  {
    street: 'Hoofdstraat',
    postcode: '6372AD',
    city: 'Landgraaf',
    numbers: [1, 110],
    from: [50.89905, 6.04005],
    to: [50.89615, 6.04815],
    wijk: SCHAESBERG,
    buurt: ['BU08820101', 'Schaesberg-Centrum'],
  },
  {
    street: 'Op de Kamp',
    postcode: '6372CA',
    city: 'Landgraaf',
    numbers: [1, 70],
    from: [50.89525, 6.03005],
    to: [50.89265, 6.03545],
    wijk: SCHAESBERG,
    buurt: ['BU08820102', 'Op de Kamp'],
  },
  {
    street: 'Heigank',
    postcode: '6373KA',
    city: 'Landgraaf',
    numbers: [1, 150],
    from: [50.90545, 6.03005],
    to: [50.90905, 6.03815],
    wijk: NIEUWENHAGEN,
    buurt: ['BU08820201', 'Nieuwenhagen-Centrum'],
  },
  {
    street: 'Kerkstraat',
    postcode: '6374AA',
    city: 'Landgraaf',
    numbers: [1, 90],
    from: [50.91855, 6.04355],
    to: [50.91495, 6.04905],
    wijk: UBACH,
    buurt: ['BU08820301', 'Waubach'],
  },
  {
    street: 'Wilhelminastraat',
    postcode: '6374BS',
    city: 'Landgraaf',
    numbers: [1, 60],
    from: [50.92155, 6.05105],
    to: [50.92385, 6.05655],
    wijk: UBACH,
    buurt: ['BU08820302', 'Lauradorp'],
  },
  {
    street: 'Hoofdstraat',
    postcode: '6461CN',
    city: 'Kerkrade',
    numbers: [1, 80],
    from: [50.86665, 6.06205],
    to: [50.86425, 6.06985],
    wijk: KERKRADE_OOST,
    buurt: ['BU17110201', 'Kerkrade-Centrum'],
  },
  {
    street: 'Pannesheiderstraat',
    postcode: '6462EA',
    city: 'Kerkrade',
    numbers: [1, 120],
    from: [50.86105, 6.07605],
    to: [50.85805, 6.08655],
    wijk: KERKRADE_OOST,
    buurt: ['BU17110203', 'Bleijerheide'],
  },
  {
    street: 'Kaalheidersteenweg',
    postcode: '6464EA',
    city: 'Kerkrade',
    numbers: [1, 200],
    from: [50.86205, 6.04005],
    to: [50.86985, 6.03255],
    wijk: KERKRADE_WEST,
    buurt: ['BU17110101', 'Kaalheide'],
  },
  {
    street: 'Akerstraat',
    postcode: '6441CR',
    city: 'Brunssum',
    numbers: [1, 100],
    from: [50.94705, 5.97105],
    to: [50.94295, 5.97805],
    wijk: BRUNSSUM_CENTRUM,
    buurt: ['BU08990001', 'Centrum'],
  },
  {
    street: 'Rumpenerstraat',
    postcode: '6443BA',
    city: 'Brunssum',
    numbers: [1, 130],
    from: [50.94005, 5.95605],
    to: [50.94205, 5.94505],
    wijk: BRUNSSUM_CENTRUM,
    buurt: ['BU08990003', 'Rumpen'],
  },
  {
    street: 'Lindeplein',
    postcode: '6444AA',
    city: 'Brunssum',
    numbers: [1, 40],
    from: [50.95575, 5.97105],
    to: [50.95655, 5.97355],
    wijk: BRUNSSUM_NOORD,
    buurt: ['BU08990101', 'Brunssum-Noord'],
  },
  {
    street: 'Kerkraderweg',
    postcode: '6445AA',
    city: 'Brunssum',
    numbers: [1, 110],
    from: [50.93605, 5.97805],
    to: [50.93005, 5.98505],
    wijk: TREEBEEK,
    buurt: ['BU08990301', 'Treebeek'],
  },
];

/** A house on the street, between its ends by its number; odd and even sides a few metres apart. */
export function houseOn(street: Street, number: number): Place {
  const [first, last] = street.numbers;
  const along = last === first ? 0 : (number - first) / (last - first);
  const side = number % 2 === 0 ? 0.00004 : -0.00004;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    street: street.street,
    houseNumber: String(number),
    houseNumberAddition: null,
    postcode: street.postcode,
    city: street.city,
    location: {
      lat: round(street.from[0] + (street.to[0] - street.from[0]) * along + side),
      lon: round(street.from[1] + (street.to[1] - street.from[1]) * along - side),
    },
    neighbourhood: {
      wijk: street.wijk[1],
      wijkCode: street.wijk[0],
      buurt: street.buurt[1],
      buurtCode: street.buurt[0],
    },
    // Placed by the demo's own reckoning, never by PDOK: approximate, as a postcode table's point is.
    source: 'postcode-table',
    approximate: true,
  };
}

/** A house somewhere in the demo streets, drawn by `rnd`; the same draw gives the same house. */
export function demoHouse(rnd: Random): Place {
  const street = rnd.pick(DEMO_STREETS);
  return houseOn(street, rnd.int(street.numbers[0], street.numbers[1]));
}

/** The centre of each street's stretch, as a PC6 centroid: the demo places new addresses offline too. */
export function demoCentroids() {
  return DEMO_STREETS.map((s) => ({
    postcode: s.postcode,
    lat: Math.round(((s.from[0] + s.to[0]) / 2) * 1e6) / 1e6,
    lon: Math.round(((s.from[1] + s.to[1]) / 2) * 1e6) / 1e6,
    city: s.city,
    street: s.street,
    wijkCode: s.wijk[0],
    wijkName: s.wijk[1],
    buurtCode: s.buurt[0],
    buurtName: s.buurt[1],
  }));
}
