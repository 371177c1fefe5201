/** The API over the page's session cookie (or, on the helper's page, the link's token). */
import { isTextKey } from '../../i18n.js';
import { t } from './i18n.js';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** A refusal by the API, with its contract body: code, message and the fields that failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

let bearer: string | null = null;
let onUnauthorized = () => location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);

/** On the helper's page the API is called with the link's token instead of the session cookie. */
export function authorizeWith(token: string, unauthorized: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

/** Calls `/api/v1`; a lapsed session goes back to the login page. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', t('error.offline'));
  }
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'unauthorized', 'session ended');
  }
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const error = json?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'internal', error.message ?? '', error.details ?? []);
  }
  return json as T;
}

/** A message for an error the user can act on. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'offline') return err.message;
    const own = `error.${err.code}`;
    return isTextKey(own) ? t(own) : t('error.generic', { code: err.code });
  }
  return t('error.generic', { code: 'internal' });
}
