import { eq, sql } from 'drizzle-orm';
import type { Queryable } from './client.js';
import { prepared } from './prepared.js';
import { revisions } from './schema/index.js';

export type RevisionName = 'helpers';

export function renewRevision(db: Queryable, name: RevisionName): void {
  db.insert(revisions)
    .values({ name, stamp: sql`random()` })
    .onConflictDoUpdate({ target: revisions.name, set: { stamp: sql`random()` } })
    .run();
}

export function currentRevision(db: Queryable, name: RevisionName): number {
  const query = prepared(db, 'revisions.current', () =>
    db
      .select({ stamp: revisions.stamp })
      .from(revisions)
      .where(eq(revisions.name, sql.placeholder('name')))
      .prepare(),
  );
  return query.get({ name })?.stamp ?? 0;
}
