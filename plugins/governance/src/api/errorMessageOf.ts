import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words when it answered with an error
 * (`justification: must say why the check is waived`), rather than the bare
 * status line a `ResponseError` carries.
 */
export function errorMessageOf(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
