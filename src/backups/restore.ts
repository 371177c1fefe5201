import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { eraseHelper, eraseResident } from '../retention/retention.repo.js';
import { integrityOf } from './backups.service.js';

/** Who was erased: the people whose erasure a restore must not undo. */
const ERASABLE = { residents: eraseResident, helpers: eraseHelper } as const;
type Erasable = keyof typeof ERASABLE;
export type ErasedAgain = Record<Erasable, number[]>;

/**
 * Puts a backup in place of the database file. The service must be stopped. The backup is checked
 * first; the current file (with its WAL) is kept beside it, not overwritten. A resident or helper
 * erased since the backup was made is erased again in it: an erasure is a promise to the person that a
 * restore must not undo.
 */
export function restoreBackup(
  backup: string,
  target: string,
  now = Date.now(),
): { keptAs: string | null; erasedAgain: ErasedAgain } {
  const integrity = integrityOf(backup);
  if (integrity !== 'ok') throw new Error(`the backup is damaged: ${integrity}`);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${now}`;
    renameSync(target, keptAs);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    }
  }
  copyFileSync(backup, `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  return { keptAs, erasedAgain: keptAs ? eraseAgain(target, erasedIn(keptAs)) : { residents: [], helpers: [] } };
}

/** The residents and helpers erased in a database, each with when. */
function erasedIn(path: string): Record<Erasable, Map<number, number>> {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  const erased = (table: Erasable) => {
    const rows = sqlite.prepare(`select id, erased_at as at from ${table} where erased_at is not null`).all();
    return new Map((rows as { id: number; at: number }[]).map((r) => [r.id, r.at]));
  };
  try {
    return { residents: erased('residents'), helpers: erased('helpers') };
  } finally {
    sqlite.close();
  }
}

/** Erases those people again where the restored file still knows them, each as they were erased then. */
function eraseAgain(target: string, erased: Record<Erasable, Map<number, number>>): ErasedAgain {
  const db = openDatabase(target);
  const stillThere = (table: Erasable) =>
    db.$client
      .prepare(`select id from ${table} where erased_at is null`)
      .all()
      .map((r) => (r as { id: number }).id)
      .filter((id) => erased[table].has(id));
  try {
    const again = { residents: stillThere('residents'), helpers: stillThere('helpers') };
    db.$client.transaction(() => {
      for (const table of ['residents', 'helpers'] as const)
        for (const id of again[table]) ERASABLE[table](db, id, erased[table].get(id)!);
    })();
    return again;
  } finally {
    db.$client.close();
  }
}
