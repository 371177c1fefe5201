import { ResidentCreate } from '../residents/residents.schema.js';
import type { ResidentsService } from '../residents/residents.service.js';
import type { ImportKind } from './import-kind.js';
import { type ColumnIndex, list } from './import-rows.js';
import { ADDRESS_COLUMNS, addressBody, homeMissing } from './address-columns.js';
import { residentsAtPostcodes } from './imports.repo.js';

/** The resident fields a list (a municipality's, a care organisation's) can fill, and their usual headers. */
export const RESIDENT_COLUMNS = {
  name: ['name', 'naam'],
  phone: ['phone', 'telefoon', 'telefoonnummer'],
  ...ADDRESS_COLUMNS,
  languages: ['languages', 'talen'],
  notes: ['notes', 'notities', 'opmerkingen'],
} as const;
export type ResidentColumn = keyof typeof RESIDENT_COLUMNS;

/** Letters and digits only, upper case: "12 a", "12-A" and "12A" are one house. */
const house = (...parts: (string | null | undefined)[]) =>
  parts
    .join('')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();

/** One person at one address: the name (any case or spacing) and the house. */
export function residentKey(r: {
  name: string;
  postcode: string;
  houseNumber?: string | null;
  houseNumberAddition?: string | null;
}): string {
  return [
    r.name.trim().replace(/\s+/g, ' ').toLowerCase(),
    r.postcode,
    house(r.houseNumber, r.houseNumberAddition),
  ].join('|');
}

/**
 * Residents from a list: every row is a new resident, placed by their address (or a pin); a row for a
 * resident already stored (the same name at the same house), or twice in the file, is rejected.
 */
export function residentImport(deps: { residents: ResidentsService }): ImportKind<ResidentColumn, ResidentCreate> {
  return {
    columns: RESIDENT_COLUMNS,
    missing: (columns: ColumnIndex<ResidentColumn>) => [
      ...(columns.name === undefined ? (['name'] as const) : []),
      ...(columns.postcode === undefined ? (['postcode'] as const) : []),
      ...homeMissing(columns).filter((field) => field !== 'postcode'),
    ],
    body(cell) {
      const { location, address } = addressBody(cell);
      return {
        name: cell('name'),
        phone: cell('phone') || undefined,
        location,
        // The API needs a postcode even beside a pin; an empty one is named at its column.
        address: address ?? { postcode: '' },
        languages: cell('languages') ? list(cell('languages')).map((l) => l.toLowerCase()) : undefined,
        notes: cell('notes') || undefined,
      };
    },
    schema: ResidentCreate,
    check: () => [],
    identity: {
      field: 'name',
      key: (input) => residentKey({ name: input.name, ...input.address }),
      duplicate: 'the same name and address as row',
    },
    stored(db, inputs) {
      const rows = residentsAtPostcodes(db, [...new Set(inputs.map((i) => i.address.postcode))]);
      return new Map(rows.map((r) => [residentKey(r), r.id]));
    },
    whenStored: { action: 'reject', message: (id) => `already stored as resident ${id}` },
    write: (w, row, _actor, accessor) =>
      deps.residents.createIn(w, row.input, { place: row.place, ...(accessor ? { accessor } : {}) }).id,
  };
}
