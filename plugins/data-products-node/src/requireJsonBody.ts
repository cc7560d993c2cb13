import type { IncomingMessage } from 'http';

/** Backstage's error handler answers with an error's `status`. */
class UnsupportedMediaTypeError extends Error {
  readonly status = 415;

  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/**
 * Express middleware answering 415 to a request body that is not
 * `application/json`: `express.json()` leaves one of another type unread,
 * and the route would answer as if no body was sent. No body at all,
 * `Content-Length: 0` included, passes, for the route to refuse for what it
 * lacks. Typed on Node's request, which Express's extends.
 *
 * @public
 */
export function requireJsonBody(
  req: IncomingMessage,
  _res: unknown,
  next: () => void,
): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  const type = req.headers['content-type']
    ?.split(';')[0]
    .trim()
    .toLocaleLowerCase('en-US');
  if (hasBody && type !== 'application/json') {
    throw new UnsupportedMediaTypeError(
      `Content-Type ${
        req.headers['content-type'] ?? '(none)'
      } is not supported; send application/json`,
    );
  }
  next();
}
