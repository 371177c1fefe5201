import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError } from '../errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
  code?: string;
}

interface SqliteError {
  code?: string;
}

function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  // Another process holds the write lock (a restore, a second instance): nothing was written.
  if ((err as SqliteError)?.code?.startsWith('SQLITE_BUSY')) {
    return new AppError('database_busy', 'the database is busy; try again in a moment', [], { retryAfterSeconds: 1 });
  }
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.parse.failed')
    return new AppError('invalid_json', 'the body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
  if (parserError?.type === 'entity.too.large') return new AppError('payload_too_large', 'the body is too large');
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return new AppError('validation_failed', 'unsupported body encoding', [
      { field: 'body', message: 'use UTF-8 JSON' },
    ]);
  }
  // Bytes that do not inflate as their Content-Encoding says: zlib's and brotli's errors, passed on by
  // the parser with a 400 and no type (before, a 500, even on the unauthenticated login).
  if (parserError?.status === 400 && parserError.type === undefined && /^(Z_|ERR_)/.test(parserError.code ?? '')) {
    return new AppError('validation_failed', 'the body does not decode as its Content-Encoding says', [
      { field: 'body', message: 'send it as its Content-Encoding says, or uncompressed' },
    ]);
  }
  // The router cannot percent-decode a path parameter (`/helpers/%E0%A4%A`): no route has seen it yet.
  if (err instanceof URIError && parserError.status === 400) {
    return new AppError('validation_failed', 'the path is not valid percent-encoding', [
      { field: 'path', in: 'params', message: 'malformed percent-encoding' },
    ]);
  }
  return null;
}

/** The status and contract body of an error: the one place errors become replies, never a stack trace. */
export function errorReply(err: unknown, req: Request): { status: number; body: object; retryAfterSeconds?: number } {
  const known = asAppError(err);
  if (known)
    return {
      status: known.status,
      body: { error: known.toBody() },
      ...(known.retryAfterSeconds !== undefined ? { retryAfterSeconds: known.retryAfterSeconds } : {}),
    };
  req.log.error({ err }, 'unhandled error');
  return {
    status: 500,
    body: { error: { code: 'internal', message: `internal error (request ${String(req.id)})`, details: [] } },
  };
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const reply = errorReply(err, req);
  if (reply.retryAfterSeconds !== undefined) res.set('Retry-After', String(reply.retryAfterSeconds));
  res.status(reply.status).json(reply.body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.path}`, details: [] } });
};
