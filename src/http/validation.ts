import type { ZodError } from 'zod';
import { AppError } from '../errors.js';

/** Turns zod issues into the contract's error details, each naming its field ("window.start"). */
export function validationError(error: ZodError, where: 'body' | 'query' | 'params' | 'headers'): AppError {
  const details = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      field: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || where,
      in: where,
      message: issue.message,
    }));
  });
  return new AppError('validation_failed', `invalid ${where}`, details.flat());
}
