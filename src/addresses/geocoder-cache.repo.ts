import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { geocoderCache } from '../db/schema/index.js';

export interface CachedAnswer {
  answer: unknown;
  fetchedAt: number;
}

export function cachedAnswer(db: Queryable, key: string): CachedAnswer | undefined {
  return prepared(db, 'geocoderCache.find', () =>
    db
      .select({ answer: geocoderCache.answer, fetchedAt: geocoderCache.fetchedAt })
      .from(geocoderCache)
      .where(eq(geocoderCache.key, sql.placeholder('key')))
      .prepare(),
  ).get({ key });
}

export function storeAnswer(db: Queryable, key: string, answer: unknown, fetchedAt: number): void {
  db.insert(geocoderCache)
    .values({ key, answer, fetchedAt })
    .onConflictDoUpdate({ target: geocoderCache.key, set: { answer, fetchedAt } })
    .run();
}
