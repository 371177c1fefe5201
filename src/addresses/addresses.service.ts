import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import type { Address, AddressSuggestions } from './addresses.schema.js';
import { SUGGEST_INPUT } from './addresses.schema.js';
import {
  type AddressQuery,
  type GeocodedAddress,
  type Geocoder,
  GeocoderUnreachable,
  type Place,
} from './addresses.types.js';
import { cachedAnswer, storeAnswer } from './geocoder-cache.repo.js';
import { findCentroid, hasCentroids } from './postcodes.repo.js';

const DAY = 86_400_000;
/** "No such address" is asked again after a day: a new building gets its address in the register. */
const NOT_FOUND_KEPT = DAY;
/** Suggestions follow the register within a week. */
const SUGGESTIONS_KEPT = 7 * DAY;
/** Answers kept per transaction when many addresses are looked up at once. */
const CACHE_BATCH = 100;

type Store = (key: string, answer: unknown) => void;

/** "12a" → 12 and "A"; "12-2" → 12 and "2": the number is what a geocoder searches on. No house has number 0. */
function splitHouseNumber(houseNumber: string): { number: number; rest: string } | null {
  const match = /^(\d{1,5})\s*[-/ ]?\s*([A-Za-z0-9 -]*)$/.exec(houseNumber.trim());
  if (!match || Number(match[1]) === 0) return null;
  return { number: Number(match[1]), rest: match[2]!.trim() };
}

/** Letters and digits only, upper case: "a-2", "A 2" and "A2" are one addition. */
const normalAddition = (addition: string | null | undefined) =>
  (addition ?? '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/** The query for an address, or a 400 naming the field that makes it unsearchable. */
export function queryOf(address: Address, field = 'address'): AddressQuery {
  const details = [];
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(address.postcode))
    details.push({ field: `${field}.postcode`, message: 'a full postcode (6371 AB) is needed to find the address' });
  const split = address.houseNumber ? splitHouseNumber(address.houseNumber) : null;
  if (!split)
    details.push({ field: `${field}.houseNumber`, message: 'a house number (12, 12A) is needed to find the address' });
  if (details.length > 0 || !split) throw new AppError('validation_failed', 'the address cannot be looked up', details);
  return {
    postcode: address.postcode,
    houseNumber: split.number,
    addition: normalAddition(address.houseNumberAddition ?? split.rest),
  };
}

/** The address with the asked addition; without one asked, the plain number, else the first of the building. */
function pick(found: GeocodedAddress[], addition: string): GeocodedAddress | undefined {
  const exact = found.find((a) => normalAddition(a.houseNumberAddition) === addition);
  if (exact || addition) return exact;
  return found[0];
}

export interface LocateOptions {
  /** Ask the geocoder again even when its answer is cached (re-geocoding). */
  fresh?: boolean;
  /** The field the error details name: `address` in a body. */
  field?: string;
  /**
   * With the geocoder unreachable, place the address by the postcode table (default). Re-geocoding
   * says no: it would trade a house's point for a postcode's.
   */
  fallback?: boolean;
}

/**
 * Where an address is: the geocoder (its answers cached in SQLite, so each address is asked once),
 * else the imported postcode table (approximate). The rest of the service asks only `locate`.
 */
export function createAddressesService(deps: {
  db: Db;
  clock: Clock;
  geocoder: Geocoder | null;
  tiles: { url: string; attribution: string };
}) {
  const { db, clock, geocoder } = deps;

  /** Keeps an answer at once: one write (and its fsync) per answer. */
  const storeNow: Store = (key, answer) => storeAnswer(db, key, answer, clock());

  async function cached<T>(
    key: string,
    keepMs: (answer: T) => number,
    ask: () => Promise<T>,
    fresh = false,
    store = storeNow,
  ): Promise<T> {
    const hit = fresh ? undefined : cachedAnswer(db, key);
    if (hit && clock() - hit.fetchedAt < keepMs(hit.answer as T)) return hit.answer as T;
    const answer = await ask();
    store(key, answer);
    return answer;
  }

  function fromTable(address: Address, query: AddressQuery): Place | null {
    const row = findCentroid(db, query.postcode);
    if (!row) return null;
    return {
      street: address.street ?? row.street ?? null,
      houseNumber: address.houseNumber ?? String(query.houseNumber),
      houseNumberAddition: address.houseNumberAddition ?? null,
      postcode: query.postcode,
      city: address.city ?? row.city ?? null,
      location: { lat: row.lat, lon: row.lon },
      neighbourhood: { wijk: row.wijkName, wijkCode: row.wijkCode, buurt: row.buurtName, buurtCode: row.buurtCode },
      source: 'postcode-table',
      approximate: true,
    };
  }

  function notFound(field: string, which: 'address' | 'addition' | 'postcode'): AppError {
    const details =
      which === 'addition'
        ? [{ field: `${field}.houseNumberAddition`, message: 'this house number has no such addition' }]
        : which === 'postcode'
          ? [{ field: `${field}.postcode`, message: 'the postcode table does not know this postcode' }]
          : [
              { field: `${field}.postcode`, message: 'no address with this postcode and house number' },
              { field: `${field}.houseNumber`, message: 'no address with this postcode and house number' },
            ];
    return new AppError('address_not_found', 'the address does not exist', details);
  }

  async function locate(address: Address, options: LocateOptions = {}, store = storeNow): Promise<Place> {
    const field = options.field ?? 'address';
    const query = queryOf(address, field);
    let unreachable: GeocoderUnreachable | null = null;
    if (geocoder) {
      try {
        const found = await cached(
          `find:${query.postcode}:${query.houseNumber}`,
          (answer: GeocodedAddress[]) => (answer.length === 0 ? NOT_FOUND_KEPT : Infinity),
          () => geocoder.find(query),
          options.fresh,
          store,
        );
        if (found.length === 0) throw notFound(field, 'address');
        const place = pick(found, query.addition);
        if (!place) throw notFound(field, 'addition');
        return { ...place, source: 'pdok', approximate: false };
      } catch (err) {
        if (!(err instanceof GeocoderUnreachable)) throw err;
        if (options.fallback === false)
          throw new AppError('geocoder_unavailable', 'the geocoder is unreachable: try again later', [
            { field, message: err.reason },
          ]);
        unreachable = err;
      }
    }
    const place = fromTable(address, query);
    if (place) return place;
    if (!hasCentroids(db)) {
      throw new AppError(
        'geocoder_unavailable',
        `${unreachable ? 'the geocoder is unreachable' : 'no geocoder is configured'} and no postcode table is loaded: try again later, import one (npm run import:postcodes), or pin the address on the map (location)`,
        [{ field, message: unreachable?.reason ?? 'WIJKMATCH_GEOCODER_URL is off' }],
      );
    }
    if (unreachable) {
      throw new AppError(
        'geocoder_unavailable',
        'the geocoder is unreachable and the postcode table does not have this postcode: try again later or pin the address on the map (location)',
        [{ field: `${field}.postcode`, message: unreachable.reason }],
      );
    }
    throw notFound(field, 'postcode');
  }

  return {
    /** True when a geocoder is configured (it may still be unreachable). */
    online: geocoder !== null,

    /** The tiles the pages' maps show under the points. */
    tiles: deps.tiles,

    locate: (address: Address, options: LocateOptions = {}) => locate(address, options),

    /**
     * Many addresses at once (an import): `width` look-ups in flight, their answers cached in one
     * transaction per hundred rather than one write each. Each is a place or the error `locate`
     * would throw; an unreachable geocoder with nothing to fall back on fails them all.
     */
    async locateAll(
      addresses: readonly Address[],
      options: { width: number; onEach?: () => void },
    ): Promise<({ place: Place } | { error: AppError })[]> {
      const pending: [string, unknown][] = [];
      const flush = () => {
        const now = clock();
        db.transaction((tx) => {
          for (const [key, answer] of pending.splice(0)) storeAnswer(tx, key, answer, now);
        });
      };
      const store: Store = (key, answer) => {
        if (pending.push([key, answer]) >= CACHE_BATCH) flush();
      };
      const results: ({ place: Place } | { error: AppError })[] = new Array(addresses.length);
      let next = 0;
      const worker = async () => {
        while (next < addresses.length) {
          const at = next++;
          try {
            results[at] = { place: await locate(addresses[at]!, {}, store) };
          } catch (err) {
            if (!(err instanceof AppError) || err.code === 'geocoder_unavailable') throw err;
            results[at] = { error: err };
          }
          options.onEach?.();
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(options.width, addresses.length) }, worker));
      } finally {
        flush();
      }
      return results;
    },

    /** Addresses for what is typed (a postcode, perhaps a house number); empty when no geocoder answers. */
    async suggest(q: string, rows = 10): Promise<AddressSuggestions> {
      const match = SUGGEST_INPUT.exec(q);
      if (!geocoder || !match) return { suggestions: [], available: false };
      const prefix = `${match[1]}${match[2]!.toUpperCase()}`;
      const number = match[3] ?? null;
      try {
        const suggestions = await cached(
          `suggest:${prefix}:${number ?? ''}:${rows}`,
          () => SUGGESTIONS_KEPT,
          () => geocoder.suggest(prefix, number, rows),
        );
        return { suggestions, available: true };
      } catch (err) {
        if (err instanceof GeocoderUnreachable) return { suggestions: [], available: false };
        throw err;
      }
    },
  };
}

export type AddressesService = ReturnType<typeof createAddressesService>;
