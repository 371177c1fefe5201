import type { z } from 'zod';
import type { Address } from '../addresses/addresses.schema.js';
import type { Place } from '../addresses/addresses.types.js';
import type { Accessor } from '../audit/audit.service.js';
import type { Db } from '../db/client.js';
import type { Work } from '../db/unit-of-work.js';
import type { ColumnIndex, Columns } from './import-rows.js';

/** A row that passed its checks, with the place its address was found at (null: pinned, or no address). */
export interface PlannedRow<T> {
  row: number;
  action: 'create' | 'update';
  id: number | null;
  input: T;
  place: Place | null;
}

/**
 * What one kind of import (helpers, residents) brings to the shared machinery: its columns, how a row
 * becomes the API's body, what makes two rows one person, and how a checked row is written.
 */
export interface ImportKind<F extends string, T extends { address?: Address | undefined; location?: unknown }> {
  columns: Columns<F>;
  /** The fields the file has no column for but needs (a home: an address, or a pin). */
  missing(columns: ColumnIndex<F>): F[];
  /** The row as the body its `POST` takes, before validation. */
  body(cell: (field: F) => string): Record<string, unknown>;
  schema: z.ZodType<T>;
  /** Problems the schema cannot see (an unknown skill), by field. */
  check(input: T): { field: F; message: string }[];
  /** What makes two rows the same person, and the field a duplicate is blamed on; null: no key. */
  identity: { field: F; key(input: T): string | null; duplicate: string };
  /** The stored records with these keys, by key. */
  stored(db: Db, inputs: readonly T[]): Map<string, number>;
  /** A stored match is updated (a helper, by e-mail address), or the row rejected (a resident). */
  whenStored: { action: 'update' } | { action: 'reject'; message: (id: number) => string };
  /** Writes one planned row inside the import's transaction; the id of what it created or updated. */
  write(w: Work, row: PlannedRow<T>, actor: string, accessor: Accessor | null): number;
}
