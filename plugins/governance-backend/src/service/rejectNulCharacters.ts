import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';

/** Deeper than any request of this API nests; deeper would overflow the stack. */
const MAX_DEPTH = 64;

/** The path of the first string in `value` holding a NUL, if any. */
function pathOfNul(
  value: unknown,
  path: string,
  depth = 0,
): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path || '(body)' : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) {
    throw new InputError(
      `${path}: nests deeper than ${MAX_DEPTH} levels, more than any request needs`,
    );
  }
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNul(item, path ? `${path}.${key}` : key, depth + 1);
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
