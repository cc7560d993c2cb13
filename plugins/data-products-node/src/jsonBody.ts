import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/** The text of the body V8 quotes in some of its messages. */
const QUOTED_BODY = /, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s;

/** What `express.json()` reads in its strict mode: an object or array. */
const OBJECT_OR_ARRAY = /^[ \t\n\r]*[{[]/;

/**
 * `express.json()`, but a body that does not parse is a 400 saying so, as
 * other bad requests are, not repeating the body: express's own error is
 * named only SyntaxError and carries the whole body, which may hold what
 * the caller would not see logged or shown back.
 *
 * @public
 */
export function jsonBody(options: {
  limit: number | string;
  strict?: boolean;
}): RequestHandler {
  const parse = express.json(options);
  const strict = options.strict ?? true;
  return (req, res, next) =>
    parse(req, res, error => {
      const failed = error as
        | (Error & { type?: string; body?: string })
        | undefined;
      if (failed?.type !== 'entity.parse.failed') {
        next(error);
        return;
      }
      const why =
        !strict || OBJECT_OR_ARRAY.test(failed.body ?? '')
          ? failed.message.replace(QUOTED_BODY, '')
          : 'expected a JSON object';
      next(new InputError(`request body is not valid JSON: ${why}`));
    });
}
