import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { isStoreUnavailable } from './isStoreUnavailable';

/** How long a client should wait before asking again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

const WARNING_INTERVAL_MS = 60_000;

/**
 * A warning logged at most once a minute per key: during an outage every
 * request fails alike, and one line a request would flood the log.
 *
 * @public
 */
export function createThrottledWarning(
  logger: LoggerService,
  options: { intervalMs?: number; now?: () => number } = {},
): (key: string, message: string) => void {
  const intervalMs = options.intervalMs ?? WARNING_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const lastWarned = new Map<string, number>();
  return (key, message) => {
    const time = now();
    const last = lastWarned.get(key);
    if (last !== undefined && time - last < intervalMs) return;
    lastWarned.set(key, time);
    logger.warn(message);
  };
}

/**
 * An error's code and the first line of what it says, for a log: Knex puts
 * the whole statement, bindings and all, before the database's message
 * (`<sql> - <message>`), and a statement may span many lines.
 *
 * @public
 */
export function describeStoreError(error: unknown): string {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  const at = text.lastIndexOf(' - ');
  const reason = (at >= 0 ? text.slice(at + 3) : text).split('\n')[0].trim();
  return typeof code === 'string' ? `${code}: ${reason}` : reason;
}

/** The error and those it was caused by, nearest first. */
function causesOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let node = error;
  while (node && typeof node === 'object' && !chain.includes(node)) {
    chain.push(node);
    node = (node as { cause?: unknown }).cause;
  }
  return chain;
}

/** Whether an error is another plugin's answer, and it an outage. */
function isUnavailableResponse(node: unknown) {
  const { name, statusCode } = node as { name?: unknown; statusCode?: unknown };
  return (
    name === 'ResponseError' &&
    typeof statusCode === 'number' &&
    (statusCode === 401 || statusCode >= 500)
  );
}

/**
 * What a request failed on, if it failed because something cannot answer
 * now rather than for anything the client did: this plugin's store, or
 * another plugin it asked (whose answer comes as a ResponseError). Another
 * plugin's 5xx is its outage, and its 401 refuses this plugin's own token
 * (the client's was accepted before it was asked), as when that plugin
 * cannot read the keys to verify it while a database is down. Its
 * 400/403/404 still say something of the request.
 */
function unavailabilityOf(
  error: unknown,
): 'store' | 'dependency' | 'own' | undefined {
  if (
    (error as { name?: unknown } | null)?.name === 'ServiceUnavailableError'
  ) {
    return 'own';
  }
  for (const node of causesOf(error)) {
    if (isUnavailableResponse(node)) return 'dependency';
    if ((node as { name?: unknown }).name === 'ResponseError') return undefined;
    if (isStoreUnavailable(node)) return 'store';
  }
  return undefined;
}

/**
 * Whether a request failed because a store, or another plugin this one
 * asked, cannot answer now (see `storeUnavailableHandler`).
 *
 * @public
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return unavailabilityOf(error) !== undefined;
}

/**
 * Answers 503 with Retry-After, naming no host, port or statement (the
 * backend's default error handler would show the error's message and
 * cause, `connect ECONNREFUSED <host>:<port>` and all).
 *
 * @public
 */
export function answerUnavailable(res: Response, message: string) {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({ error: { name: 'ServiceUnavailableError', message } });
}

/**
 * An error handler for a plugin's router: a request that failed because its
 * store or a plugin it depends on is unavailable is answered 503 with
 * Retry-After, the cause logged once a minute at most; a
 * ServiceUnavailableError of the plugin's own keeps its message and gains
 * Retry-After; any other error goes on to the backend's handler, so a
 * client's mistake keeps its 4xx.
 *
 * @public
 */
export function storeUnavailableHandler(options: {
  logger: LoggerService;
  /** What is unavailable, for the answer: `governance store`. */
  what: string;
  /** Only some requests (lineage's reads); default all. */
  applies?: (req: Request, res: Response) => boolean;
  warn?: (key: string, message: string) => void;
}): ErrorRequestHandler {
  const warn = options.warn ?? createThrottledWarning(options.logger);
  return (error, req, res, next) => {
    const unavailable = unavailabilityOf(error);
    if (
      !unavailable ||
      res.headersSent ||
      (options.applies && !options.applies(req, res))
    ) {
      next(error);
      return;
    }
    if (unavailable === 'own') {
      // This plugin's own word (an index not built yet), fit for a client.
      answerUnavailable(res, error.message);
      return;
    }
    const chain = causesOf(error);
    const answer = chain.find(isUnavailableResponse) as Error | undefined;
    const cause = chain.find(isStoreUnavailable) ?? answer?.cause;
    const what =
      unavailable === 'store'
        ? `The ${options.what}`
        : 'A service this request needs';
    // The other plugin's answer, and why it gave it (its error's code and
    // reason), as its own log says at length.
    const reason = [answer?.message, cause && describeStoreError(cause)]
      .filter(Boolean)
      .join(': ');
    warn(unavailable, `${what} is unavailable: ${reason}`);
    answerUnavailable(res, `${what} is unavailable; retry later`);
  };
}
