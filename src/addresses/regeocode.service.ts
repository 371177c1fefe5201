import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { HelpersService } from '../helpers/helpers.service.js';
import { countHelpersWithAddress, helpersWithAddress } from '../helpers/helpers.repo.js';
import { countResidentsWithAddress, residentsWithAddress } from '../residents/residents.repo.js';
import type { ResidentsService } from '../residents/residents.service.js';
import type { AddressesService } from './addresses.service.js';
import type { LocationSource, Place } from './addresses.types.js';

/** Where a run stands: everything up to these ids is done, and what failed on the way. */
export interface RegeocodeState {
  residentsAfter: number;
  helpersAfter: number;
  failures: RegeocodeFailure[];
  /**
   * Addresses left alone because they were pinned by hand, which migration 0006 made every older row:
   * the summary says so, or a run would look finished with most addresses never asked.
   */
  skippedManual: number;
}

export interface RegeocodeFailure {
  kind: 'resident' | 'helper';
  id: number;
  code: string;
  message: string;
}

export const FRESH_STATE: RegeocodeState = { residentsAfter: 0, helpersAfter: 0, failures: [], skippedManual: 0 };

export interface RegeocodeOptions {
  /** Also look up those pinned by hand (a pin is kept otherwise: a person chose it). */
  includeManual?: boolean;
  /** Called after every address with the state to keep: a run stopped here goes on from it. */
  checkpoint: (state: RegeocodeState) => void;
  progress?: (done: number, total: number) => void;
}

interface Stored {
  id: number;
  street: string | null;
  houseNumber: string | null;
  houseNumberAddition: string | null;
  postcode: string | null;
  city: string | null;
  lat: number;
  lon: number;
  locationSource: LocationSource;
  buurtCode: string | null;
  wijkCode: string | null;
}

const BATCH = 200;

const unchanged = (row: Stored, place: Place) =>
  row.lat === place.location.lat &&
  row.lon === place.location.lon &&
  row.locationSource === place.source &&
  row.buurtCode === place.neighbourhood.buurtCode &&
  row.wijkCode === place.neighbourhood.wijkCode &&
  row.street === place.street &&
  row.city === place.city;

/**
 * Looks up every stored address again (residents, then helpers, by id), asking the geocoder afresh,
 * and saves what changed through the services, so requests and candidates follow. Resumable: it goes
 * on from `state`. An unreachable geocoder stops the run (a postcode's centroid must not replace a
 * house's point); an address it cannot find is listed and the run goes on.
 */
export function createRegeocodeService(deps: {
  db: Db;
  addresses: AddressesService;
  residents: ResidentsService;
  helpers: HelpersService;
}) {
  const { db, addresses, residents, helpers } = deps;

  function eligible(row: Stored): boolean {
    // Without a geocoder only the table can answer: it must not replace the geocoder's points.
    return addresses.online || row.locationSource !== 'pdok';
  }

  return {
    /** `stopped` says why the run ended early; run again with `state` to go on. */
    async run(
      start: RegeocodeState,
      options: RegeocodeOptions,
    ): Promise<{ state: RegeocodeState; stopped: string | null }> {
      // A state kept by an older version has no count of pins.
      const state = { ...FRESH_STATE, ...start, failures: [...start.failures] };
      const includeManual = options.includeManual ?? false;
      const total =
        countResidentsWithAddress(db, state.residentsAfter) + countHelpersWithAddress(db, state.helpersAfter);
      let done = 0;
      const kinds = [
        { kind: 'resident' as const, after: 'residentsAfter' as const, list: residentsWithAddress, service: residents },
        { kind: 'helper' as const, after: 'helpersAfter' as const, list: helpersWithAddress, service: helpers },
      ];
      for (const { kind, after, list, service } of kinds) {
        for (let batch = list(db, state[after], BATCH); batch.length > 0; batch = list(db, state[after], BATCH)) {
          for (const row of batch) {
            if (row.locationSource === 'manual' && !includeManual) state.skippedManual++;
            else if (eligible(row)) {
              const address = {
                postcode: row.postcode!,
                houseNumber: row.houseNumber!,
                ...(row.houseNumberAddition ? { houseNumberAddition: row.houseNumberAddition } : {}),
                ...(row.street ? { street: row.street } : {}),
                ...(row.city ? { city: row.city } : {}),
              };
              try {
                const place = await addresses.locate(address, { fresh: true, fallback: false });
                if (!unchanged(row, place)) service.update(row.id, { address }, 'system:regeocode', { place });
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                if (err.code === 'geocoder_unavailable') return { state, stopped: err.message };
                state.failures.push({ kind, id: row.id, code: err.code, message: err.message });
              }
            }
            state[after] = row.id;
            options.checkpoint(state);
            options.progress?.(++done, total);
          }
        }
      }
      return { state, stopped: null };
    },
  };
}

export type RegeocodeService = ReturnType<typeof createRegeocodeService>;
