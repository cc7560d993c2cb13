import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';

/** The path of the first string in `value` holding a NUL, if any. */
function pathOfNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path || '(body)' : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNul(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a NUL character anywhere in a request's address or body: Postgres
 * stores none in text and answers such a value with an error, which would
 * be a 500 there while SQLite stored it.
 */
export function rejectNulCharacters(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  if (/%00/.test(req.originalUrl)) {
    throw new InputError(
      `${req.path}: the address must not contain a NUL character (%00)`,
    );
  }
  const field = pathOfNul(req.body, '');
  if (field) {
    throw new InputError(`${field}: must not contain a NUL character`);
  }
  next();
}
