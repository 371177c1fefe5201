import { createHash } from 'node:crypto';
import type { Work } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import { z } from '../http/zod.js';
import { deleteIdempotencyKey, findIdempotencyKey, insertIdempotencyKey } from './idempotency.repo.js';

/**
 * How long a reply is kept for a retry: long enough for a client that lost its connection, short
 * enough that the copy of the personal data in it does not outlive its use. The retention job deletes
 * older ones; until it runs, an older key counts as unused.
 */
export const IDEMPOTENCY_KEY_MS = 24 * 60 * 60_000;

/** The header a client sends to make a create safe to retry. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, '8 to 200 visible ASCII characters, e.g. a UUID')
    .optional()
    .openapi({ description: 'a retry with the same key and body gets the same reply and creates nothing' }),
});

export interface IdempotentCall {
  actor: string;
  key: string | undefined;
  operation: string;
  body: unknown;
}

/**
 * Runs `make` once per caller and key, inside the caller's transaction, and keeps its reply for a
 * day: the same key and body get that reply again; the same key with another body or operation is
 * refused (422).
 */
export function once<T>(w: Work, call: IdempotentCall, make: () => T): T {
  if (call.key === undefined) return make();
  const bodyHash = createHash('sha256').update(JSON.stringify(call.body)).digest('hex');
  let kept = findIdempotencyKey(w.tx, call.actor, call.key);
  if (kept && kept.createdAt <= w.now - IDEMPOTENCY_KEY_MS) {
    deleteIdempotencyKey(w.tx, call.actor, call.key);
    kept = undefined;
  }
  if (kept) {
    if (kept.operation === call.operation && kept.bodyHash === bodyHash) return kept.reply as T;
    throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used for another request', [
      { field: 'idempotency-key', in: 'headers', message: 'already used with another body' },
    ]);
  }
  const reply = make();
  insertIdempotencyKey(w.tx, {
    actor: call.actor,
    key: call.key,
    operation: call.operation,
    bodyHash,
    reply,
    createdAt: w.now,
  });
  return reply;
}
