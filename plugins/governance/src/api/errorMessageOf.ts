import { ResponseError } from '@backstage/errors';

/** Enough for any message the backend writes; a proxy's error page is cut. */
const MAX_LENGTH = 500;

/**
 * What went wrong, in the backend's words when it answered with an error
 * (`justification: must say why the check is waived`), rather than the bare
 * status line a `ResponseError` carries.
 */
export function errorMessageOf(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  if (ResponseError.is(error)) message = error.cause.message;
  return message.length > MAX_LENGTH
    ? `${message.slice(0, MAX_LENGTH)}…`
    : message;
}
