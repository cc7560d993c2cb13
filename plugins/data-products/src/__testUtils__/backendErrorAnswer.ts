import { ResponseError } from '@backstage/errors';

/**
 * The client's error for a backend's answer of `status` with these headers,
 * its body `error` as Backstage's error handler writes it.
 */
export const backendErrorAnswer = (
  status: number,
  error: { name: string; message: string },
  headers: Record<string, string> = {},
) =>
  ResponseError.fromResponse(
    new Response(JSON.stringify({ error, response: { statusCode: status } }), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    }) as any,
  );
