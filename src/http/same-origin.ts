import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { originAllowed } from './session.js';

/** The origin a `Referer` names; an unreadable one is no origin we know. */
function refererOrigin(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * For the pages' own form posts (log in, log out): a browser says where the form was, in `Origin`, or
 * failing that in `Referer`; one from another site is refused, so no page elsewhere can log a desk
 * into an account of its choosing or log it out. SameSite=Strict covers the cookie, not the login
 * itself. Neither header means no browser page is involved (a script, curl), as for the API.
 */
export function sameOriginForm(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
    if (originAllowed(origin, req.get('host'), allowedOrigins)) return next();
    next(new AppError('forbidden', 'a form from another site may not post here'));
  };
}
