import { and, asc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export type MessageRow = typeof outbox.$inferSelect;

export interface NewMessage {
  key: string;
  helperId?: number | null;
  to: string;
  subject: string;
  body: string;
}

/** Queues a message once per key: making the same message again is a no-op. True when it is new. */
export function enqueueMessage(db: Queryable, message: NewMessage, now: number): boolean {
  const result = db
    .insert(outbox)
    .values({ ...message, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing({ target: outbox.key })
    .run();
  return result.changes === 1;
}

export function dueMessages(db: Queryable, now: number, limit: number): MessageRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

export function markSent(db: Queryable, id: number, now: number): void {
  db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

export function markRetry(db: Queryable, id: number, attempts: number, nextAttemptAt: number, error: string): void {
  db.update(outbox).set({ attempts, nextAttemptAt, lastError: error }).where(eq(outbox.id, id)).run();
}

export function findMessage(db: Queryable, id: number): MessageRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}
