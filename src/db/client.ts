import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { RunResult } from 'better-sqlite3';
import { failingFastWhenBusy } from './busy.js';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction on it: what repositories take. */
export type Queryable = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/**
 * Opens the SQLite file with the pragmas every connection needs and applies the committed migrations.
 * The file holds care data: it is readable by the service's own user only (0600), and SQLite gives its
 * `-wal` and `-shm` files the same mode.
 * `synchronous=FULL` because a committed assignment must survive a power cut. A second process may hold
 * the write lock (a backup, an import, a second server): a write then waits a moment at most and fails
 * as `database_busy` (503, Retry-After), and while the lock stays held writes fail without waiting
 * (busy.ts), so the event loop never stands still for long.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') ownerOnly(path);
  const sqlite = cachingStatements(failingFastWhenBusy(new Database(path)));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/** Creates the database file (and its folder) for the service's user alone, and narrows an old one. */
function ownerOnly(path: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  for (const side of [`${path}-wal`, `${path}-shm`]) if (existsSync(side)) chmodSync(side, 0o600);
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle asks better-sqlite3 to compile every query anew, which costs more than running it; the same
 * SQL text gets the same compiled statement back, reset to plain rows (drizzle switches some to raw).
 */
function cachingStatements(sqlite: Database.Database): Database.Database {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      statement = compile(source);
      cache.set(source, statement);
    } else if (statement.reader) {
      statement.raw(false);
    }
    return statement;
  }) as typeof sqlite.prepare;
  return sqlite;
}

export { schema };
