import type { Queryable } from './client.js';

const byDatabase = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * A query built and compiled once per database, then run with placeholders: building a drizzle query
 * costs more than running it, which matters on hot paths such as accepting a proposal.
 *
 *   prepared(db, 'findProposal', () => db.select().from(proposals).where(eq(proposals.id, sql.placeholder('id'))).prepare())
 */
export function prepared<T>(db: Queryable, key: string, build: () => T): T {
  let cache = byDatabase.get(db);
  if (!cache) {
    cache = new Map();
    byDatabase.set(db, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build();
    cache.set(key, query);
  }
  return query;
}
