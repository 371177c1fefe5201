import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.parse.failed')
    return new AppError('invalid_json', 'the body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
  if (parserError?.type === 'entity.too.large') return new AppError('payload_too_large', 'the body is too large');
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return new AppError('validation_failed', 'unsupported body encoding', [
      { field: 'body', message: 'use UTF-8 JSON' },
    ]);
  }
  return null;
}

/** The one place errors become responses: the contract's JSON body, never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = asAppError(err);
  if (known) {
    if (known.retryAfterSeconds !== undefined) res.set('Retry-After', String(known.retryAfterSeconds));
    res.status(known.status).json({ error: known.toBody() });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  res
    .status(500)
    .json({ error: { code: 'internal', message: `internal error (request ${String(req.id)})`, details: [] } });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.path}`, details: [] } });
};
