import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { eraseResident } from '../retention/retention.repo.js';
import { integrityOf } from './backups.service.js';

/**
 * Puts a backup in place of the database file. The service must be stopped. The backup is checked
 * first; the current file (with its WAL) is kept beside it, not overwritten. A resident erased since
 * the backup was made is erased again in it: an erasure is a promise to the resident that a restore
 * must not undo.
 */
export function restoreBackup(
  backup: string,
  target: string,
  now = Date.now(),
): { keptAs: string | null; erasedAgain: number[] } {
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
  return { keptAs, erasedAgain: keptAs ? eraseAgain(target, erasedIn(keptAs)) : [] };
}

/** The residents erased in a database, with when. */
function erasedIn(path: string): Map<number, number> {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare('select id, erased_at as at from residents where erased_at is not null').all();
    return new Map((rows as { id: number; at: number }[]).map((r) => [r.id, r.at]));
  } finally {
    sqlite.close();
  }
}

/** Erases those residents again where the restored file still knows them, each as it was erased then. */
function eraseAgain(target: string, erased: Map<number, number>): number[] {
  const db = openDatabase(target);
  try {
    const stillThere = db.$client
      .prepare('select id from residents where erased_at is null')
      .all()
      .map((r) => (r as { id: number }).id)
      .filter((id) => erased.has(id));
    db.$client.transaction(() => {
      for (const id of stillThere) eraseResident(db, id, erased.get(id)!);
    })();
    return stillThere;
  } finally {
    db.$client.close();
  }
}
