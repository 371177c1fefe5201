/** Every error a client can see: a code from one union, its HTTP status from one exhaustive map. */

export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unauthorized',
  'second_factor_required',
  'forbidden',
  'wrong_password',
  'not_found',
  'email_taken',
  'request_closed',
  'proposal_closed',
  'proposal_expired',
  'proposal_exists',
  'helper_not_feasible',
  'helper_busy',
  'no_candidate',
  'series_stopped',
  'last_admin',
  'job_not_started',
  'request_not_assigned',
  'request_not_open',
  'job_not_completed',
  'idempotency_key_reused',
  'address_not_found',
  'payload_too_large',
  'rate_limited',
  'database_busy',
  'internal',
  'geocoder_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  second_factor_required: 401,
  forbidden: 403,
  wrong_password: 403,
  not_found: 404,
  email_taken: 409,
  request_closed: 409,
  proposal_closed: 409,
  proposal_expired: 409,
  proposal_exists: 409,
  helper_not_feasible: 409,
  helper_busy: 409,
  no_candidate: 409,
  series_stopped: 409,
  last_admin: 409,
  job_not_started: 409,
  request_not_assigned: 409,
  request_not_open: 409,
  job_not_completed: 409,
  idempotency_key_reused: 422,
  address_not_found: 422,
  payload_too_large: 413,
  rate_limited: 429,
  database_busy: 503,
  internal: 500,
  geocoder_unavailable: 503,
};

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;
  /** For 429 and 503: when the client may try again (the `Retry-After` header). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** What a client sees, over HTTP and over the socket alike. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export const notFound = (what: string, id: number | string): AppError =>
  new AppError('not_found', `${what} ${id} does not exist`);
