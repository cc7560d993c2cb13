import { ResponseError } from '@backstage/errors';

/**
 * The backend's own words when it refused a request as the client's (a
 * 4xx, such as a name longer than it searches), which asking again gets
 * again; undefined for an error that may pass: a 5xx, no answer, or a 408
 * or 429, which ask to be asked again.
 */
export function clientErrorMessage(error: unknown): string | undefined {
  if (!ResponseError.is(error)) return undefined;
  const { statusCode } = error;
  const mayPass =
    statusCode < 400 ||
    statusCode >= 500 ||
    statusCode === 408 ||
    statusCode === 429;
  return mayPass ? undefined : error.cause.message;
}
