/**
 * Restores a backup made by the nightly job. Stop the service first.
 * Run: npm run restore -- db/backups/wijkmatch-20261123-023000.sqlite [target, default WIJKMATCH_DB]
 */
import { restoreBackup } from '../src/backups/restore.js';
import { integrityOf } from '../src/backups/backups.service.js';
import { loadConfig } from '../src/config.js';

const [backup, target = loadConfig().dbPath] = process.argv.slice(2);
if (!backup) {
  console.error('usage: npm run restore -- <backup file> [database file]');
  process.exit(2);
}
const { keptAs, erasedAgain } = restoreBackup(backup, target);
console.log(`restored ${backup} → ${target} (integrity: ${integrityOf(target)})`);
if (keptAs) console.log(`the previous database is kept as ${keptAs}`);
for (const [who, ids] of Object.entries(erasedAgain))
  if (ids.length) console.log(`erased again, as they were after the backup: ${who} ${ids.join(', ')}`);
