import { ResponseError } from '@backstage/errors';

/**
 * The client's error for the data products backend's answer of `status`
 * with these headers, its body saying the search index is still being built
 * (the backend's 503 before its first build).
 */
export const searchIndexAnswer = (
  status: number,
  headers: Record<string, string> = {},
) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'ServiceUnavailableError',
          message: 'The data product search index is still being built',
        },
      }),
      {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      },
    ) as any,
  );
