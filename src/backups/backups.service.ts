import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import type { Logger } from '../logger.js';

const PREFIX = 'wijkmatch-';
const SUFFIX = '.sqlite';
/** A backup younger than this counts as tonight's: a restart in the morning does not take another. */
const FRESH_MS = 20 * 3_600_000;

/** "20261123-023000" (UTC): sorts in time order and says when the backup was taken. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function takenAt(name: string): number {
  const s = name.slice(PREFIX.length, PREFIX.length + 15);
  return Date.parse(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );
}

/** What SQLite says of a database file: "ok" when it is sound. */
export function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** `integrityOf` on a worker thread, for the running service. */
function integrityOffThread(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./integrity.worker.mjs', import.meta.url), { workerData: { path } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the integrity check stopped (exit code ${code})`)));
  });
}

/**
 * A backup is one file, for the service's user alone: the copy takes the live database's WAL mode,
 * which would leave `-wal` and `-shm` files beside it at every open; in rollback mode it has none.
 */
function selfContained(path: string): void {
  chmodSync(path, 0o600);
  const copy = new Database(path);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Online backups with SQLite's backup API (better-sqlite3's `backup()`): copied page by page while
 * the service keeps writing; writes made through this connection during the copy are in it too.
 */
export function createBackupsService(deps: { db: Db; clock: Clock; dir: string; keep: number; log: Logger }) {
  const { db, clock, dir, keep, log } = deps;

  /**
   * The backup folder, for the service's user alone: `mkdir`'s mode applies only to a folder it
   * creates, so one that was already there (made by hand or by a deploy script, often 0755) is
   * narrowed too, before a copy of residents' data goes into it.
   */
  function ownerOnlyFolder(): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }

  function list(): string[] {
    ownerOnlyFolder();
    return readdirSync(dir)
      .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
      .sort();
  }

  return {
    list,

    async backupNow(): Promise<string> {
      ownerOnlyFolder();
      const path = join(dir, `${PREFIX}${stamp(clock())}${SUFFIX}`);
      // Per process: two instances on one database may back up in the same second.
      const partial = `${path}.${process.pid}.partial`;
      await db.$client.backup(partial);
      selfContained(partial);
      const integrity = await integrityOffThread(partial);
      if (integrity !== 'ok') {
        rmSync(partial, { force: true });
        throw new Error(`backup failed its integrity check: ${integrity}`);
      }
      renameSync(partial, path);
      for (const old of list().slice(0, -keep)) rmSync(join(dir, old), { force: true });
      log.info({ backup: path, bytes: statSync(path).size }, 'backup written');
      return path;
    },

    /** The nightly job: one backup a night, caught up at start-up when the last one is too old. */
    async backupIfDue(): Promise<number> {
      const newest = list().at(-1);
      if (newest && takenAt(newest) > clock() - FRESH_MS) return 0;
      await this.backupNow();
      return 1;
    },
  };
}

export type BackupsService = ReturnType<typeof createBackupsService>;
