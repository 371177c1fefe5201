import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import type { Logger } from '../logger.js';
import { dueMessages, markRetry, markSent } from './messages.repo.js';
import type { Transport } from './transport.js';

const MINUTE = 60_000;
/** Retries wait 1, 2, 4 … minutes, at most six hours: a mail server that is down for a day loses nothing. */
const MAX_BACKOFF = 6 * 60 * MINUTE;
const BATCH = 50;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF, 2 ** Math.max(0, attempts - 1) * MINUTE);
}

export function createMessagesService(deps: { db: Db; clock: Clock; transport: Transport; log: Logger }) {
  const { db, clock, log, transport } = deps;
  let running: Promise<number> | null = null;

  async function deliver(): Promise<number> {
    let sent = 0;
    for (const message of dueMessages(db, clock(), BATCH)) {
      try {
        await transport.send(message);
        markSent(db, message.id, clock());
        sent += 1;
      } catch (err) {
        const attempts = message.attempts + 1;
        markRetry(
          db,
          message.id,
          attempts,
          clock() + backoffMs(attempts),
          String((err as Error).message).slice(0, 500),
        );
        log.warn({ messageId: message.id, attempts, transport: transport.name }, 'message not sent; will retry');
      }
    }
    return sent;
  }

  return {
    /** Sends what is due; a second call while one runs waits for it instead of sending twice. */
    deliverDue(): Promise<number> {
      running ??= deliver().finally(() => (running = null));
      return running;
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
