import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

/** What a proxy or client may choose as the request id: short, and nothing a log reader could trip on. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id in the logs and in a 500's message: the caller's `X-Request-Id` when it is a plain
 * token of at most 64 characters (a proxy's id ties its log to ours), otherwise one of our own, so no
 * client writes 3,000 characters or a forged log line into every entry of its request.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
