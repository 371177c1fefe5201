import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers, residents, settings } from '../db/schema/index.js';

/** The helpers with these e-mail addresses: an imported row with one updates that helper. */
export function helpersByEmail(db: Queryable, emails: readonly string[]): Map<string, number> {
  if (emails.length === 0) return new Map();
  const rows = db
    .select({ id: helpers.id, email: helpers.email })
    .from(helpers)
    .where(inArray(helpers.email, [...emails]))
    .all();
  return new Map(rows.map((r) => [r.email!, r.id]));
}

/** The residents living at these postcodes, with what tells one person at one house. */
export function residentsAtPostcodes(db: Queryable, postcodes: readonly string[]) {
  if (postcodes.length === 0) return [];
  return db
    .select({
      id: residents.id,
      name: residents.name,
      postcode: residents.postcode,
      houseNumber: residents.houseNumber,
      houseNumberAddition: residents.houseNumberAddition,
    })
    .from(residents)
    .where(inArray(residents.postcode, [...postcodes]))
    .all();
}

const mappingKey = (kind: string) => `imports.mapping.${kind}`;

/** The organisation's saved column mapping for one kind of import: {field: column header}. */
export function savedMapping(db: Queryable, kind: string): Record<string, string> {
  const row = db
    .select()
    .from(settings)
    .where(eq(settings.key, mappingKey(kind)))
    .get();
  return (row?.value ?? {}) as Record<string, string>;
}

export function saveMapping(db: Queryable, kind: string, mapping: Record<string, string>): void {
  db.insert(settings)
    .values({ key: mappingKey(kind), value: mapping })
    .onConflictDoUpdate({ target: settings.key, set: { value: mapping } })
    .run();
}
