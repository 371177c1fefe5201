import type Database from 'better-sqlite3';

/**
 * How long a write waits for another process's write lock. better-sqlite3 waits on the event loop, so
 * this is how long every request stands still: long enough for a second server's commit (a few ms, up
 * to ~30 ms with `synchronous=FULL` on a loaded disk), short beside the second that the API promises.
 */
export const BUSY_WAIT_MS = 50;

/**
 * After a write found the lock held, writes do not wait at all for this long (from the last one that
 * found it held): a backup or an import holds it for seconds, and twelve requests each waiting their
 * 50 ms, one after the other on the one event loop, stalled the server for all of them. The first write
 * that gets the lock ends it, so the moment the lock is released writes go through again.
 */
export const BUSY_WINDOW_MS = 1_000;

export function isBusyError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code?.toString().startsWith('SQLITE_BUSY') ?? false;
}

type Run = (...args: unknown[]) => unknown;

/**
 * Makes the connection's writes fail fast while another process holds the write lock: the first write
 * that finds it held waits `BUSY_WAIT_MS` (busy_timeout) and fails, and writes after it, until one gets
 * the lock or `BUSY_WINDOW_MS` passes without one finding it held, try once without waiting
 * (busy_timeout 0). They still ask SQLite, which costs microseconds: so a write after the lock is
 * released succeeds at once. Reads need no lock in WAL mode and are not touched.
 *
 * Every write goes through a statement that writes or a transaction function, both wrapped here: the
 * connection's `prepare` (before the statement cache, so a statement is wrapped once, when compiled)
 * and `transaction` (its BEGIN is better-sqlite3's own statement). Call before `cachingStatements`.
 */
export function failingFastWhenBusy(sqlite: Database.Database): Database.Database {
  const now = () => performance.now();
  let failFastUntil: number | null = null;
  sqlite.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);

  function before(): void {
    if (failFastUntil !== null && now() >= failFastUntil) waitAgain();
  }
  function waitAgain(): void {
    failFastUntil = null;
    sqlite.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
  }
  function failed(err: unknown): void {
    if (!isBusyError(err)) return;
    if (failFastUntil === null) sqlite.pragma('busy_timeout = 0');
    failFastUntil = now() + BUSY_WINDOW_MS;
  }
  /** `acquires`: the call holds the write lock once it succeeds (a write, BEGIN IMMEDIATE). */
  function guard<F extends Run>(run: F, acquires = true): F {
    return function guarded(this: unknown, ...args: unknown[]) {
      before();
      let result: unknown;
      try {
        result = run.apply(this, args);
      } catch (err) {
        failed(err);
        throw err;
      }
      if (acquires && failFastUntil !== null) waitAgain();
      return result;
    } as F;
  }

  const compile = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = compile(source);
    if (statement.readonly) return statement;
    const writer = statement as unknown as Record<'run' | 'get' | 'all', Run>;
    for (const method of ['run', 'get', 'all'] as const) writer[method] = guard(writer[method]);
    return statement;
  }) as typeof sqlite.prepare;

  // A deferred transaction takes the lock at its first write, a statement guarded above; one that only
  // reads says nothing about the lock.
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: Run) => {
    const native = transaction(fn) as unknown as Record<'default' | 'deferred' | 'immediate' | 'exclusive', Run>;
    const variants = {
      default: guard(native.default, false),
      deferred: guard(native.deferred, false),
      immediate: guard(native.immediate),
      exclusive: guard(native.exclusive),
    };
    for (const variant of Object.values(variants)) Object.assign(variant, variants, { database: sqlite });
    return variants.default;
  }) as unknown as typeof sqlite.transaction;
  return sqlite;
}
