import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/**
 * A database file as an older version left it: migrated up to and including the migration `tag`
 * (e.g. "0017_series_pause") and no further, open for the test to write rows the way that version
 * did. Opening it with `openDatabase` afterwards runs the migrations after it, as an upgrade would.
 */
export function databaseMigratedTo(path: string, tag: string): Database.Database {
  const folder = mkdtempSync(join(tmpdir(), 'wijkmatch-migrations-'));
  try {
    cpSync(MIGRATIONS, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === tag);
    if (last < 0) throw new Error(`no migration ${tag}`);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
    const sqlite = new Database(path);
    sqlite.pragma('foreign_keys = ON');
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    return sqlite;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
