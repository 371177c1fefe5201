import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError, notFound } from '../errors.js';
import { findHelper } from '../helpers/helpers.repo.js';
import type { Queryable } from '../db/client.js';
import {
  findResident,
  insertResident,
  type NewResidentRow,
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
    address: { street: row.street, houseNumber: row.houseNumber, postcode: row.postcode, city: row.city },
    location: { lat: row.lat, lon: row.lon },
    languages: row.languages,
    notes: row.notes,
    excludedHelperIds: row.excludedHelperIds,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function columnsOf(input: ResidentPatch): Partial<NewResidentRow> {
  const { address, location, ...rest } = input;
  return {
    ...rest,
    ...(address
      ? {
          street: address.street ?? null,
          houseNumber: address.houseNumber ?? null,
          postcode: address.postcode,
          city: address.city ?? null,
        }
      : {}),
    ...(location ? { lat: location.lat, lon: location.lon } : {}),
  };
}

function assertHelpersExist(tx: Queryable, ids: readonly number[] | undefined): void {
  const details = (ids ?? []).flatMap((id, i) =>
    findHelper(tx, id) ? [] : [{ field: `excludedHelperIds.${i}`, message: `helper ${id} does not exist` }],
  );
  if (details.length > 0) throw new AppError('validation_failed', 'unknown helpers', details);
}

export function createResidentsService(deps: { db: Db; work: UnitOfWork }) {
  const { db, work } = deps;
  return {
    create(input: ResidentCreate, actor: string): Resident {
      return work(actor, ({ tx, record, now }) => {
        assertHelpersExist(tx, input.excludedHelperIds);
        const row = insertResident(tx, {
          languages: [],
          excludedHelperIds: [],
          ...columnsOf(input),
          name: input.name,
          postcode: input.address.postcode,
          lat: input.location.lat,
          lon: input.location.lon,
          createdAt: now,
          updatedAt: now,
        });
        record('resident.created', { residentId: row.id });
        return presentResident(row);
      });
    },

    update(id: number, patch: ResidentPatch, actor: string): Resident {
      return work(actor, ({ tx, record, now }) => {
        assertHelpersExist(tx, patch.excludedHelperIds);
        const row = updateResident(tx, id, { ...columnsOf(patch), updatedAt: now });
        if (!row) throw notFound('resident', id);
        record('resident.updated', { residentId: row.id });
        return presentResident(row);
      });
    },

    get(id: number): Resident {
      const row = findResident(db, id);
      if (!row) throw notFound('resident', id);
      return presentResident(row);
    },

    search(q: string | undefined): Resident[] {
      return searchResidents(db, q).map(presentResident);
    },
  };
}

export type ResidentsService = ReturnType<typeof createResidentsService>;
