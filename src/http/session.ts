import { parseCookie } from 'cookie';
import type { Request } from 'express';

/** The pages' session: the same token as the API's bearer, in an HttpOnly cookie. */
export const SESSION_COOKIE = 'wijkmatch_session';

export function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  return parseCookie(cookieHeader)[SESSION_COOKIE] || null;
}

export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/**
 * Whether a browser's `Origin` may use our session: one of the configured origins, or the origin of
 * the host the browser itself addressed. No `Origin` at all means no browser page is involved.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]) {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  if (!host) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}
