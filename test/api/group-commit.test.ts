import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/client.js';
import { createUnitOfWork, type UnitOfWork } from '../../src/db/unit-of-work.js';
import { EventBus } from '../../src/events/event-bus.js';
import type { AppEvent } from '../../src/events/events.types.js';
import { AppError } from '../../src/errors.js';
import { MONDAY_8AM, tempDbPath } from '../support/app.js';

describe('group commit in the unit of work', () => {
  let temp: ReturnType<typeof tempDbPath>;
  let db: Db;
  let other: Database.Database;
  let work: UnitOfWork;
  let published: AppEvent[];

  /** What a second connection sees: only what is committed. */
  const committedHelperEvents = () =>
    (
      other.prepare("select data from events where type = 'helper.created' order by seq").all() as { data: string }[]
    ).map((r) => (JSON.parse(r.data) as { helperId: number }).helperId);

  beforeEach(() => {
    temp = tempDbPath();
    db = openDatabase(temp.path);
    other = new Database(temp.path, { readonly: true });
    const bus = new EventBus();
    published = [];
    bus.subscribe((event) => published.push(event));
    work = createUnitOfWork(db, bus, () => MONDAY_8AM);
  });

  afterEach(() => {
    other.close();
    db.$client.close();
    temp.cleanup();
  });

  it('commits the writes of one tick once, and answers each only after that commit', async () => {
    const seenFromOutside: number[][] = [];
    const writes = [1, 2, 3].map((helperId) =>
      work.grouped('test', (w) => {
        w.record('helper.created', { helperId });
        seenFromOutside.push(committedHelperEvents());
        return helperId;
      }),
    );
    // Nothing runs before the tick ends: the three are queued together.
    expect(seenFromOutside).toEqual([]);
    const answers: Array<{ value: number; committed: number[]; published: number }> = [];
    for (const write of writes)
      void write.then((value) =>
        answers.push({ value, committed: committedHelperEvents(), published: published.length }),
      );
    await Promise.all(writes);

    // While they ran, none was committed: one transaction held all three.
    expect(seenFromOutside).toEqual([[], [], []]);
    // Each was answered with all three on disk, and after all three were published.
    expect(answers).toEqual([1, 2, 3].map((value) => ({ value, committed: [1, 2, 3], published: 3 })));
    expect(published.map((e) => e.data)).toEqual([{ helperId: 1 }, { helperId: 2 }, { helperId: 3 }]);
    expect(published.map((e) => e.seq)).toEqual([1, 2, 3].map((i) => published[0]!.seq + i - 1));
  });

  it('rolls back only the savepoint of a write that fails, which gets its own error', async () => {
    const outcomes = await Promise.allSettled([
      work.grouped('test', (w) => w.record('helper.created', { helperId: 1 })),
      work.grouped('test', (w) => {
        w.record('helper.created', { helperId: 2 });
        db.$client.prepare(`insert into settings (key, value) values ('group-commit-test', '1')`).run();
        throw new AppError('helper_busy', 'no');
      }),
      work.grouped('test', (w) => w.record('helper.created', { helperId: 3 })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (outcomes[1] as PromiseRejectedResult).reason as AppError;
    expect(failure).toBeInstanceOf(AppError);
    expect(failure.code).toBe('helper_busy');
    expect(committedHelperEvents()).toEqual([1, 3]);
    expect(other.prepare(`select count(*) as n from settings where key = 'group-commit-test'`).get()).toEqual({ n: 0 });
    // The failed write's events are neither kept nor published, and the seqs have no hole.
    expect(published.map((e) => e.data)).toEqual([{ helperId: 1 }, { helperId: 3 }]);
    expect(published[1]!.seq).toBe(published[0]!.seq + 1);
  });

  it('fails every write of the group, and publishes nothing, when the commit itself cannot happen', async () => {
    // Another connection holds the write lock longer than busy_timeout: BEGIN IMMEDIATE gives up.
    db.$client.pragma('busy_timeout = 50');
    const writer = new Database(temp.path);
    writer.exec('begin immediate');
    const outcomes = await Promise.allSettled(
      [1, 2].map((helperId) => work.grouped('test', (w) => w.record('helper.created', { helperId }))),
    );
    writer.exec('rollback');
    writer.close();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(published).toEqual([]);
    expect(committedHelperEvents()).toEqual([]);
  });

  it('starts a new group for writes made after a group was answered', async () => {
    await work.grouped('test', (w) => w.record('helper.created', { helperId: 1 }));
    const seen: number[][] = [];
    await work.grouped('test', (w) => {
      seen.push(committedHelperEvents());
      w.record('helper.created', { helperId: 2 });
    });
    expect(seen).toEqual([[1]]);
    expect(committedHelperEvents()).toEqual([1, 2]);
  });
});
