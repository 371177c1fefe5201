import type { Db } from '../db/client.js';
import type { SeriesService } from '../series/series.service.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { notFound } from '../errors.js';
import { once } from '../idempotency/idempotency.js';
import { deleteClosure, insertClosure, listClosures, type ClosureRow } from './closures.repo.js';
import type { Closure, ClosureCreate } from './closures.schema.js';

const present = (row: ClosureRow): Closure => ({ id: row.id, from: row.from, to: row.to, reason: row.reason });

/** Periods the organisation is closed: requests can still be entered, but no job is planned then. */
export function createClosuresService(deps: {
  db: Db;
  work: UnitOfWork;
  /** Regular help pauses on closed days: what is planned there already is taken back. */
  series: Pick<SeriesService, 'pauseIn'>;
}) {
  const { db, work, series } = deps;
  return {
    list: (): Closure[] => listClosures(db).map(present),
    /** With an idempotency key, a retry of the same body returns the first reply. */
    create: (input: ClosureCreate, actor: string, idempotencyKey?: string): Closure =>
      work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createClosure', body: input }, () => {
          const row = insertClosure(w.tx, { ...input, createdAt: w.now });
          w.record('closure.created', { closureId: row.id, from: row.from, to: row.to });
          series.pauseIn(w, row.from, row.to, row.reason);
          return present(row);
        }),
      ),
    remove: (id: number, actor: string): Closure =>
      work(actor, ({ tx, record }) => {
        const row = deleteClosure(tx, id);
        if (!row) throw notFound('closure', id);
        record('closure.deleted', { closureId: row.id, from: row.from, to: row.to });
        return present(row);
      }),
  };
}

export type ClosuresService = ReturnType<typeof createClosuresService>;
