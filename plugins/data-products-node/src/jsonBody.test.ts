import express from 'express';
import request from 'supertest';
import { jsonBody } from './jsonBody';

/** An app answering with the body it parsed, or the error it was given. */
function appReading(options: { strict?: boolean }) {
  const app = express();
  app.post('/', jsonBody({ limit: '1kb', ...options }), (req, res) => {
    res.json({ body: req.body });
  });
  app.use(
    (
      error: Error & { status?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res
        .status(error.status ?? (error.name === 'InputError' ? 400 : 500))
        .json({ name: error.name, message: error.message });
    },
  );
  return app;
}

function post(app: express.Express, body: string) {
  return request(app)
    .post('/')
    .set('Content-Type', 'application/json')
    .send(body);
}

describe('jsonBody', () => {
  it('parses a JSON body', async () => {
    const response = await post(appReading({}), '{"a":[1]}');
    expect(response.body).toEqual({ body: { a: [1] } });
  });

  it('refuses a body that does not parse, without repeating it', async () => {
    const app = appReading({});
    for (const [body, why] of [
      ['{"secret":', 'Unexpected end of JSON input'],
      ['{"a": secret}', "Unexpected token 's'"],
      ['"secret"', 'expected a JSON object'],
    ]) {
      const response = await post(app, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        name: 'InputError',
        message: `request body is not valid JSON: ${why}`,
      });
    }
  });

  it('reads any JSON value when not strict, and names what did not parse', async () => {
    const app = appReading({ strict: false });
    expect((await post(app, '"plain"')).body).toEqual({ body: 'plain' });
    const response = await post(app, '"secret');
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(
      /^request body is not valid JSON: Unterminated string in JSON/,
    );
    expect(response.body.message).not.toContain('secret');
  });

  it('leaves other errors to the error handler', async () => {
    const response = await post(appReading({}), `{"a":"${'x'.repeat(2000)}"}`);
    expect(response.status).toBe(413);
  });
});
