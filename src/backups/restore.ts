import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { integrityOf } from './backups.service.js';

/**
 * Puts a backup in place of the database file. The service must be stopped. The backup is checked
 * first; the current file (with its WAL) is kept beside it, not overwritten.
 */
export function restoreBackup(backup: string, target: string, now = Date.now()): { keptAs: string | null } {
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
  return { keptAs };
}
