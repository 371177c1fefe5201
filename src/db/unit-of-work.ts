import type { EventBus } from '../events/event-bus.js';
import { appendEvent } from '../events/events.repo.js';
import type { AppEvent, RecordEvent } from '../events/events.types.js';
import { isBusyError } from './busy.js';
import type { Db, Queryable } from './client.js';

export type Clock = () => number;

/**
 * How long a grouped write is tried again while another process holds the write lock, before it fails
 * as `database_busy`: as long as busy_timeout let it wait before (a second server's group commit holds
 * the lock for a few ms, tens on a loaded machine), now without holding the event loop; an import or a
 * backup holds it much longer, and the reply must still come within a second.
 */
const GROUPED_WAIT_MS = 250;
const RETRY_DELAYS_MS = [2, 5, 10, 20, 40, 50];

export interface Work {
  tx: Queryable;
  record: RecordEvent;
  now: number;
}

type WorkFn<T> = (work: Work) => T;

export interface UnitOfWork {
  /** The write in a transaction of its own, now: for callers that must see it done before going on. */
  <T>(actor: string | null, fn: WorkFn<T>): T;
  /**
   * The write joins the others that arrive in this tick (group commit): one `BEGIN IMMEDIATE … COMMIT`
   * for all of them, each in its own savepoint, so one that throws rolls back only its own changes and
   * gets its own error. Every promise settles only after the commit, so nothing is acknowledged that a
   * crash could still lose; the events are published after it, in seq order. While another process
   * holds the write lock the group is tried again on a timer, for up to 250 ms.
   */
  grouped<T>(actor: string | null, fn: WorkFn<T>): Promise<T>;
}

interface Pending {
  actor: string | null;
  fn: WorkFn<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown; events: AppEvent[] } | { ok: false; error: unknown };

/**
 * Runs a write as one `BEGIN IMMEDIATE` transaction (the write lock is taken up front, so two
 * processes queue on busy_timeout instead of failing mid-way), appends its events in that same
 * transaction, and publishes them only after the commit.
 *
 * The work queries through the database itself rather than drizzle's transaction wrapper: better-sqlite3
 * has one connection and runs every statement on it inside the open transaction, and the database,
 * unlike a wrapper made per transaction, keeps its prepared queries (see prepared.ts).
 *
 * With `synchronous=FULL` every commit waits for the disk on the event loop; `grouped` lets the writes
 * of one tick share that wait.
 */
export function createUnitOfWork(db: Db, bus: EventBus, clock: Clock): UnitOfWork {
  // Called inside an open transaction, a better-sqlite3 transaction function runs as a savepoint.
  const transaction = db.$client.transaction((run: () => unknown) => run());
  let queue: Pending[] = [];

  function runIn<T>(actor: string | null, fn: WorkFn<T>, events: AppEvent[]): T {
    const now = clock();
    const record: RecordEvent = (type, data) => {
      events.push(appendEvent(db, type, data, now, actor));
    };
    return fn({ tx: db, record, now });
  }

  /**
   * `deadline`: until when a batch that found the write lock held is tried again. Nothing of it ran
   * (BEGIN IMMEDIATE itself failed), so trying again from scratch is safe, and waiting with a timer
   * keeps the event loop free, unlike busy_timeout (see busy.ts).
   */
  function flush(batch: Pending[], deadline: number, attempt: number): void {
    const outcomes: Outcome[] = [];
    let began = false;
    try {
      transaction.immediate(() => {
        began = true;
        for (const job of batch) {
          const events: AppEvent[] = [];
          try {
            outcomes.push({ ok: true, value: transaction(() => runIn(job.actor, job.fn, events)), events });
          } catch (error) {
            // An error that ended the whole transaction (a full disk, say) must not let the rest commit
            // one by one outside it.
            if (!db.$client.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      if (!began && isBusyError(error) && performance.now() + delay < deadline) {
        setTimeout(() => flush(batch, deadline, attempt + 1), delay);
        return;
      }
      for (const job of batch) job.reject(error);
      return;
    }
    // Settled first: the callers go on only after this function returns, so the events still go out
    // before any reply, and a listener that throws cannot leave a caller waiting for ever.
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
    for (const outcome of outcomes) if (outcome.ok) bus.publish(outcome.events);
  }

  const work = (<T>(actor: string | null, fn: WorkFn<T>): T => {
    const committed: AppEvent[] = [];
    const result = transaction.immediate(() => {
      committed.length = 0;
      return runIn(actor, fn, committed);
    }) as T;
    bus.publish(committed);
    return result;
  }) as UnitOfWork;

  work.grouped = <T>(actor: string | null, fn: WorkFn<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // After this tick's I/O callbacks: every request that arrived with this one is in the queue by then.
      if (queue.length === 0) {
        setImmediate(() => {
          const batch = queue;
          queue = [];
          flush(batch, performance.now() + GROUPED_WAIT_MS, 0);
        });
      }
      queue.push({ actor, fn, resolve: resolve as (value: unknown) => void, reject });
    });

  return work;
}
