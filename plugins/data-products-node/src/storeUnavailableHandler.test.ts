import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
  ResponseError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import net, { AddressInfo } from 'net';
import request from 'supertest';
import {
  createThrottledWarning,
  describeStoreError,
  storeUnavailableHandler,
} from './storeUnavailableHandler';

/** A logger keeping its warnings. */
function keepingLogger() {
  const warnings: string[] = [];
  const logger = {
    warn: (message: string) => warnings.push(message),
  } as unknown as LoggerService;
  return { warnings, logger };
}

/** What connecting to a port nothing listens on fails with, as a
 * database client's connection does when its server is down. */
async function refusedConnection(): Promise<Error> {
  const closed = express().listen(0);
  const { port } = closed.address() as AddressInfo;
  await new Promise(resolve => closed.close(resolve));
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => reject(new Error(`port ${port} answered`)));
    socket.on('error', resolve);
  });
}

/** Another plugin's answer, as Backstage's error handler writes it. */
function answerOf(status: number, statusText: string, cause: Error) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: serializeError(cause),
        request: { method: 'GET', url: '/entities' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

async function appThrowing(errors: Record<string, Error>) {
  const { warnings, logger } = keepingLogger();
  const router = express.Router();
  for (const [path, error] of Object.entries(errors)) {
    router.get(`/${path}`, (_req, _res, next) => next(error));
  }
  router.use(storeUnavailableHandler({ logger, what: 'test store' }));
  const app = express().use(router);
  // Backstage's own handler stands after the plugin's router.
  app.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status =
        { InputError: 400, AuthenticationError: 401, NotFoundError: 404 }[
          error.name
        ] ??
        (error as ResponseError).statusCode ??
        500;
      res.status(status).json({ error: serializeError(error) });
    },
  );
  return { app, warnings };
}

describe('storeUnavailableHandler', () => {
  it('answers 503 with Retry-After, naming no host, for a store or a plugin that cannot answer', async () => {
    const refused = await refusedConnection();
    const { app, warnings } = await appThrowing({
      refused,
      catalogDown: await answerOf(500, 'Internal Server Error', refused),
      // The catalog cannot fetch this plugin's keys to verify its token.
      tokenRefused: await answerOf(
        401,
        'Unauthorized',
        new AuthenticationError('Failed to verify plugin token'),
      ),
      closed: Object.assign(
        new Error('database "x" is not currently accepting connections'),
        { code: '55000' },
      ),
      building: new ServiceUnavailableError('The index is still being built'),
    });
    const answers: Record<string, unknown> = {};
    for (const path of [
      'refused',
      'catalogDown',
      'tokenRefused',
      'closed',
      'building',
    ]) {
      const res = await request(app).get(`/${path}`);
      answers[path] = [res.status, res.headers['retry-after'], res.body];
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    }
    const unavailable = (message: string) => [
      503,
      '5',
      { error: { name: 'ServiceUnavailableError', message } },
    ];
    expect(answers).toEqual({
      refused: unavailable('The test store is unavailable; retry later'),
      catalogDown: unavailable(
        'A service this request needs is unavailable; retry later',
      ),
      tokenRefused: unavailable(
        'A service this request needs is unavailable; retry later',
      ),
      closed: unavailable('The test store is unavailable; retry later'),
      building: unavailable('The index is still being built'),
    });
    // Once a minute at most for each kind; the store's code, not a stack.
    expect(warnings).toEqual([
      expect.stringMatching(
        /^The test store is unavailable: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
      ),
      expect.stringMatching(
        /^A service this request needs is unavailable: Request failed with 500 Internal Server Error: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
      ),
    ]);
  });

  it("keeps a client's mistake, and another plugin's answer about the request, as they are", async () => {
    const { app, warnings } = await appThrowing({
      input: new InputError('level: expected one of gold, silver'),
      unauthenticated: new AuthenticationError('Illegal token'),
      notFound: new NotFoundError('No scorecard for dataproduct:default/x'),
      forbidden: await answerOf(
        403,
        'Forbidden',
        Object.assign(new Error('not allowed'), { name: 'NotAllowedError' }),
      ),
      bug: new TypeError('cannot read properties of undefined'),
    });
    const statuses: Record<string, number> = {};
    for (const path of [
      'input',
      'unauthenticated',
      'notFound',
      'forbidden',
      'bug',
    ]) {
      statuses[path] = (await request(app).get(`/${path}`)).status;
    }
    expect(statuses).toEqual({
      input: 400,
      unauthenticated: 401,
      notFound: 404,
      forbidden: 403,
      bug: 500,
    });
    expect(warnings).toEqual([]);
  });
});

describe('createThrottledWarning', () => {
  it('warns once a minute at most for each key', () => {
    const { warnings, logger } = keepingLogger();
    let now = 0;
    const warn = createThrottledWarning(logger, { now: () => now });
    warn('store', 'one');
    warn('store', 'two');
    warn('behind', 'three');
    now = 59_999;
    warn('store', 'four');
    now = 60_000;
    warn('store', 'five');
    expect(warnings).toEqual(['one', 'three', 'five']);
  });
});

describe('describeStoreError', () => {
  it('gives the code and the first line of the reason, without the statement Knex puts before it', () => {
    const error = Object.assign(
      new Error(
        "insert into lineage_events (payload)\nvalues ('a - b')\nreturning id - canceling statement due to lock timeout",
      ),
      { code: '55P03' },
    );
    expect(describeStoreError(error)).toBe(
      '55P03: canceling statement due to lock timeout',
    );
    expect(describeStoreError(new Error('Connection terminated\nat x'))).toBe(
      'Connection terminated',
    );
  });
});
