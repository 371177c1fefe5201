import type { EventBus } from '../events/event-bus.js';
import { appendEvent } from '../events/events.repo.js';
import type { AppEvent, RecordEvent } from '../events/events.types.js';
import type { Db, Queryable } from './client.js';

export type Clock = () => number;

export interface Work {
  tx: Queryable;
  record: RecordEvent;
  now: number;
}

export type UnitOfWork = <T>(actor: string | null, fn: (work: Work) => T) => T;

/**
 * Runs a write as one `BEGIN IMMEDIATE` transaction (the write lock is taken up front, so two
 * processes queue on busy_timeout instead of failing mid-way), appends its events in that same
 * transaction, and publishes them only after the commit.
 *
 * The work queries through the database itself rather than drizzle's transaction wrapper: better-sqlite3
 * has one connection and runs every statement on it inside the open transaction, and the database,
 * unlike a wrapper made per transaction, keeps its prepared queries (see prepared.ts).
 */
export function createUnitOfWork(db: Db, bus: EventBus, clock: Clock): UnitOfWork {
  return (actor, fn) => {
    const committed: AppEvent[] = [];
    const result = db.transaction(
      () => {
        committed.length = 0;
        const now = clock();
        const record: RecordEvent = (type, data) => {
          committed.push(appendEvent(db, type, data, now, actor));
        };
        return fn({ tx: db, record, now });
      },
      { behavior: 'immediate' },
    );
    bus.publish(committed);
    return result;
  };
}
