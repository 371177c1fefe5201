import { inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers } from '../db/schema/index.js';

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
