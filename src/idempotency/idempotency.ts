import { createHash } from 'node:crypto';
import type { Work } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import { z } from '../http/zod.js';
import { findIdempotencyKey, insertIdempotencyKey } from './idempotency.repo.js';

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
 * Runs `make` once per caller and key, inside the caller's transaction, and keeps its reply: the same
 * key and body get that reply again; the same key with another body or operation is refused (422).
 */
export function once<T>(w: Work, call: IdempotentCall, make: () => T): T {
  if (call.key === undefined) return make();
  const bodyHash = createHash('sha256').update(JSON.stringify(call.body)).digest('hex');
  const kept = findIdempotencyKey(w.tx, call.actor, call.key);
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
