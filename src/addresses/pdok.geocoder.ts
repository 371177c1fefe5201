import { z } from 'zod';
import {
  type AddressQuery,
  type AddressSuggestion,
  type GeocodedAddress,
  type Geocoder,
  GeocoderUnreachable,
} from './addresses.types.js';

/** The fields read from a Locatieserver address document; asked for by `fl`, so nothing else travels. */
const FIELDS = [
  'id',
  'weergavenaam',
  'straatnaam',
  'huisnummer',
  'huisletter',
  'huisnummertoevoeging',
  'postcode',
  'woonplaatsnaam',
  'centroide_ll',
  'wijknaam',
  'wijkcode',
  'buurtnaam',
  'buurtcode',
].join(',');

const text = z.string().nullish();
const AddressDoc = z.looseObject({
  weergavenaam: text,
  straatnaam: text,
  huisnummer: z.coerce.number().int(),
  huisletter: text,
  huisnummertoevoeging: text,
  postcode: z.string(),
  woonplaatsnaam: text,
  centroide_ll: z.string().regex(/^POINT\(\s*-?[\d.]+\s+-?[\d.]+\s*\)$/),
  wijknaam: text,
  wijkcode: text,
  buurtnaam: text,
  buurtcode: text,
});
type AddressDoc = z.infer<typeof AddressDoc>;

const Answer = z.looseObject({ response: z.looseObject({ docs: z.array(z.unknown()) }) });

/** "12", "A" and "2" → "A-2": how a Dutch address writes the letter and the addition together. */
function additionOf(doc: Pick<AddressDoc, 'huisletter' | 'huisnummertoevoeging'>): string | null {
  const letter = doc.huisletter ?? '';
  const suffix = doc.huisnummertoevoeging ?? '';
  const addition = letter && suffix ? `${letter}-${suffix}` : letter || suffix;
  return addition || null;
}

/** `centroide_ll` is WKT in WGS84 with the longitude first: "POINT(6.0259 50.8915)". */
function pointOf(wkt: string): { lat: number; lon: number } {
  const [lon, lat] = wkt
    .replace(/^POINT\(|\)$/g, '')
    .trim()
    .split(/\s+/)
    .map(Number);
  return { lat: lat!, lon: lon! };
}

function addressOf(doc: AddressDoc): GeocodedAddress {
  return {
    street: doc.straatnaam ?? null,
    houseNumber: String(doc.huisnummer),
    houseNumberAddition: additionOf(doc),
    postcode: doc.postcode.replace(/\s/g, '').toUpperCase(),
    city: doc.woonplaatsnaam ?? null,
    location: pointOf(doc.centroide_ll),
    neighbourhood: {
      wijk: doc.wijknaam ?? null,
      wijkCode: doc.wijkcode ?? null,
      buurt: doc.buurtnaam ?? null,
      buurtCode: doc.buurtcode ?? null,
    },
  };
}

/** The address documents of an answer; a document in another shape is not an address and is left out. */
function addressDocs(docs: unknown[]): AddressDoc[] {
  return docs.flatMap((doc) => {
    const parsed = AddressDoc.safeParse(doc);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A failure worth one more try: the network, a timeout, the server's own trouble. */
const RETRYABLE = (status: number) => status === 429 || status >= 500;

/**
 * The PDOK Locatieserver v3_1 adapter (`free` and `suggest`). Only the postcode and the house number
 * are sent: never a name, a street typed by a person, or anything else about who lives there. Each
 * call has a timeout and is tried once more on a network error, a timeout or a 5xx.
 */
export function pdokGeocoder(options: { url: string; timeoutMs: number }): Geocoder {
  async function get(endpoint: 'free' | 'suggest', params: [string, string][]): Promise<unknown[]> {
    const url = `${options.url}/${endpoint}?${new URLSearchParams(params)}`;
    let reason = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const res = await fetch(url, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (res.ok) {
          const answer = Answer.safeParse(await res.json());
          if (!answer.success) throw new GeocoderUnreachable('the answer is not a Locatieserver response');
          return answer.data.response.docs;
        }
        reason = `HTTP ${res.status}`;
        if (!RETRYABLE(res.status)) break;
      } catch (err) {
        if (err instanceof GeocoderUnreachable) throw err;
        reason = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'no connection';
      }
    }
    throw new GeocoderUnreachable(reason);
  }

  return {
    async find(query: AddressQuery) {
      const docs = await get('free', [
        ['q', `${query.postcode} ${query.houseNumber}`],
        ['fq', 'type:adres'],
        ['fq', `postcode:${query.postcode}`],
        ['fq', `huisnummer:${query.houseNumber}`],
        ['fl', FIELDS],
        ['rows', '50'],
      ]);
      return addressDocs(docs).map(addressOf);
    },

    async suggest(postcodePrefix: string, houseNumber: string | null, rows: number): Promise<AddressSuggestion[]> {
      const docs = await get('suggest', [
        ['q', houseNumber ? `${postcodePrefix} ${houseNumber}` : postcodePrefix],
        ['fq', 'type:adres'],
        ['fl', FIELDS],
        ['rows', String(rows)],
      ]);
      return addressDocs(docs)
        .filter((doc) => doc.postcode.replace(/\s/g, '').toUpperCase().startsWith(postcodePrefix))
        .map((doc) => {
          const { street, houseNumber: number, houseNumberAddition, postcode, city } = addressOf(doc);
          const label =
            doc.weergavenaam ??
            `${street ?? ''} ${number}${houseNumberAddition ? `-${houseNumberAddition}` : ''}, ${postcode} ${city ?? ''}`.trim();
          return { label, street, houseNumber: number, houseNumberAddition, postcode, city };
        });
    },
  };
}
