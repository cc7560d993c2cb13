import request from 'supertest';

/** Sends bytes as they are, under a JSON content type, as producers do. */
export function sendRaw(req: request.Test, body: Buffer) {
  return req.serialize((data: unknown) => data as string).send(body);
}
