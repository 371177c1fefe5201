import { Column, is, Param, Placeholder } from 'drizzle-orm';
import type { Queryable } from './client.js';

const byDatabase = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * A query built and compiled once per database, then run with placeholders: building a drizzle query
 * costs more than running it, which matters on hot paths such as accepting a proposal.
 *
 *   prepared(db, 'findProposal', () => db.select().from(proposals).where(eq(proposals.id, sql.placeholder('id'))).prepare())
 *
 * A query whose result is a flat row of table columns also gets the quick way through below.
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
    quicken(query);
    cache.set(key, query);
  }
  return query;
}

/** The parts of drizzle's better-sqlite3 prepared query that its `get` and `all` use. */
interface DrizzlePrepared {
  stmt: { raw(): { get(...params: unknown[]): unknown[] | undefined; all(...params: unknown[]): unknown[][] } };
  query: { params: unknown[] };
  fields?: Array<{ path: string[]; field: unknown }>;
  customResultMapper?: unknown;
  get(values?: Record<string, unknown>): unknown;
  all(values?: Record<string, unknown>): unknown;
}

function isDrizzlePrepared(query: unknown): query is DrizzlePrepared {
  const q = query as Partial<DrizzlePrepared> | null;
  return typeof q?.stmt?.raw === 'function' && Array.isArray(q.query?.params) && Array.isArray(q.fields);
}

/**
 * Drizzle fills a query's placeholders and maps its rows generically, asking of every parameter and
 * every column of every row what kind of thing it is; that cost a round more than SQLite's own work on
 * the same rows. For a flat row of table columns (no joins, no computed fields) the answers are worked
 * out here once, and `get`/`all` return exactly what drizzle's would: the same keys in the same order,
 * each value through its column's own decoder, null as null.
 */
function quicken(query: unknown): void {
  if (!isDrizzlePrepared(query) || query.customResultMapper) return;
  const fields = query.fields!;
  if (!fields.every(({ path, field }) => path.length === 1 && is(field, Column))) return;
  const keys = fields.map(({ path }) => path[0]!);
  const decoders = fields.map(({ field }) => {
    const column = field as Column;
    return column.mapFromDriverValue === Column.prototype.mapFromDriverValue ? null : column;
  });
  const params = query.query.params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name, encoder: null, value: undefined };
    if (is(p, Param) && is(p.value, Placeholder)) return { name: p.value.name, encoder: p.encoder, value: undefined };
    return { name: null, encoder: null, value: p };
  });
  const fill = (values: Record<string, unknown> = {}): unknown[] =>
    params.map(({ name, encoder, value }) => {
      if (name === null) return value;
      if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
      return encoder ? encoder.mapToDriverValue(values[name]) : values[name];
    });
  const map = (row: unknown[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const raw = row[i];
      result[keys[i]!] = raw === null ? null : decoders[i] ? decoders[i]!.mapFromDriverValue(raw) : raw;
    }
    return result;
  };
  const stmt = query.stmt;
  query.get = (values) => {
    const row = stmt.raw().get(...fill(values));
    return row ? map(row) : undefined;
  };
  query.all = (values) =>
    stmt
      .raw()
      .all(...fill(values))
      .map(map);
}
