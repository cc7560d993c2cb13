import { ResponseError } from '@backstage/errors';

/** The JSON body a Backstage backend answers an error with. */
export function backendErrorBody(
  status: number,
  name: string,
  message: string,
) {
  return {
    error: { name, message },
    request: { method: 'POST', url: '/exemptions' },
    response: { statusCode: status },
  };
}

/** The `ResponseError` the client throws for that answer. */
export function backendError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify(backendErrorBody(status, name, message)), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}
