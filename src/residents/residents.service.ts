import { type Accessor, appendAudit } from '../audit/audit.service.js';
import type { AddressesService } from '../addresses/addresses.service.js';
import type { Place } from '../addresses/addresses.types.js';
import { neighbourhoodOf, placeColumnsOf, placeOf, presentPlace } from '../addresses/place.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork, Work } from '../db/unit-of-work.js';
import { once } from '../idempotency/idempotency.js';
import { AppError, notFound } from '../errors.js';
import { isoOrNull } from '../http/present.js';
import { findHelper } from '../helpers/helpers.repo.js';
import type { Queryable } from '../db/client.js';
import { requestEvent } from '../requests/requests.presenter.js';
import {
  findResident,
  insertResident,
  type NewResidentRow,
  relocateLiveRequests,
  type ResidentRow,
  searchResidents,
  updateResident,
} from './residents.repo.js';
import type { Resident, ResidentCreate, ResidentPatch } from './residents.schema.js';

export function presentResident(row: ResidentRow): Resident {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    address: {
      street: row.street,
      houseNumber: row.houseNumber,
      houseNumberAddition: row.houseNumberAddition,
      postcode: row.postcode,
      city: row.city,
    },
    location: { lat: row.lat, lon: row.lon },
    ...presentPlace(row),
    languages: row.languages,
    notes: row.notes,
    excludedHelperIds: row.excludedHelperIds,
    erasedAt: isoOrNull(row.erasedAt),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function columnsOf(input: ResidentPatch, place: Place | null): Partial<NewResidentRow> {
  const { address: _address, location: _location, ...rest } = input;
  return { ...rest, ...placeColumnsOf(input, place) };
}

const pinOrAddressIssue = {
  field: 'location',
  message: 'give a location, or an address with postcode and house number to look up',
};

function assertHelpersExist(tx: Queryable, ids: readonly number[] | undefined): void {
  const details = (ids ?? []).flatMap((id, i) =>
    findHelper(tx, id) ? [] : [{ field: `excludedHelperIds.${i}`, message: `helper ${id} does not exist` }],
  );
  if (details.length > 0) throw new AppError('validation_failed', 'unknown helpers', details);
}

/** How a change is made: where the address was found, and who made it, for the access log. */
interface ChangeOptions {
  place?: Place | null;
  /** Appends the access-log entry in the change's own transaction. */
  accessor?: Accessor;
}

/** Inside a transaction: saves a resident (a home given, the helpers they refuse known), as create and imports do. */
function createIn(w: Work, input: ResidentCreate, options: ChangeOptions = {}): Resident {
  const { place = null, accessor } = options;
  const columns = columnsOf(input, place);
  if (columns.lat === undefined || columns.lon === undefined)
    throw new AppError('validation_failed', 'where does the resident live?', [pinOrAddressIssue]);
  const { tx, record, now } = w;
  assertHelpersExist(tx, input.excludedHelperIds);
  const row = insertResident(tx, {
    languages: [],
    excludedHelperIds: [],
    ...columns,
    name: input.name,
    postcode: columns.postcode ?? input.address.postcode,
    lat: columns.lat,
    lon: columns.lon,
    createdAt: now,
    updatedAt: now,
  });
  record('resident.created', { residentId: row.id });
  if (accessor) appendAudit(tx, accessor, 'create', [row.id], now);
  return presentResident(row);
}

export function createResidentsService(deps: { db: Db; work: UnitOfWork; addresses: AddressesService }) {
  const { db, work, addresses } = deps;
  return {
    /**
     * Where the input's address is, when no `location` pins it: looked up before `create` or `update`
     * writes anything, so a failed look-up leaves nothing behind.
     */
    locate: (input: ResidentPatch): Promise<Place | null> => placeOf(addresses, input),

    /**
     * Saves a resident at `input.location`, or at the `place` found for their address; with an
     * idempotency key, a retry of the same body returns the first reply.
     */
    create(input: ResidentCreate, actor: string, options: ChangeOptions & { idempotencyKey?: string } = {}): Resident {
      const { idempotencyKey, ...rest } = options;
      return work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createResident', body: input }, () =>
          createIn(w, input, rest),
        ),
      );
    },

    createIn,

    /** A new place moves the resident's jobs not yet done with them, so their candidates follow. */
    update(id: number, patch: ResidentPatch, actor: string, options: ChangeOptions = {}): Resident {
      const { place = null, accessor } = options;
      if (patch.address && !patch.location && !place)
        throw new AppError('validation_failed', 'a new address must be looked up or pinned', [pinOrAddressIssue]);
      return work(actor, ({ tx, record, now }) => {
        assertHelpersExist(tx, patch.excludedHelperIds);
        const before = findResident(tx, id);
        if (!before) throw notFound('resident', id);
        const row = updateResident(tx, id, { ...columnsOf(patch, place), updatedAt: now })!;
        record('resident.updated', { residentId: row.id });
        if (accessor) appendAudit(tx, accessor, 'update', [row.id], now);
        if (row.lat !== before.lat || row.lon !== before.lon) {
          for (const moved of relocateLiveRequests(tx, id, { lat: row.lat, lon: row.lon }, now))
            record('request.updated', requestEvent(moved));
        }
        return presentResident(row);
      });
    },

    /** The resident's CBS wijk and buurt, for who may see the neighbourhood but not the house. */
    neighbourhood(id: number) {
      const row = findResident(db, id);
      if (!row) throw notFound('resident', id);
      return neighbourhoodOf(row);
    },

    get(id: number): Resident {
      const row = findResident(db, id);
      if (!row) throw notFound('resident', id);
      return presentResident(row);
    },

    search(q: string | undefined, ids?: readonly number[]): Resident[] {
      return searchResidents(db, q, ids).map(presentResident);
    },
  };
}

export type ResidentsService = ReturnType<typeof createResidentsService>;
