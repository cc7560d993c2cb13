/** Node's network errors: the database cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EAI_AGAIN',
]);

/** SQLite result codes, without their extension (`SQLITE_BUSY_SNAPSHOT`). */
const SQLITE_UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
]);
const SQLITE_DATA = new Set([
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_TOOBIG',
]);

/**
 * Postgres SQLSTATEs, by class (two characters) or in full: connection
 * exceptions, insufficient resources, operator intervention (which
 * includes statement timeouts) and system or I/O errors (the server's disk
 * failing, not a file missing); serialization failures, deadlocks, lock timeouts, and a
 * read-only server (a standby, during a failover). Also what refuses the
 * connection itself: the database missing (3D000, mid-restore) and the
 * password or login refused (28P01, 28000, rotated credentials). Those last
 * need an operator rather than time, yet they are no fault of the client's:
 * the store is unavailable to it all the same.
 */
const POSTGRES_UNAVAILABLE = [
  '08',
  '53',
  '57',
  '58000',
  '58030',
  '40001',
  '40P01',
  '55P03',
  '25006',
  '3D000',
  '28000',
  '28P01',
];
/**
 * 55000 (object not in prerequisite state) is a database closed to
 * connections (`ALLOW_CONNECTIONS false`, maintenance) only with this
 * message: the same state also says, say, that a sequence has no value yet.
 */
const NOT_ACCEPTING_CONNECTIONS = /is not currently accepting connections/;
/** A protocol violation is a bug in a statement: retrying cannot help. */
const POSTGRES_NOT_UNAVAILABLE = ['08P01'];
/**
 * Values the database cannot hold, constraints on them, an exception raised
 * by a trigger or function, and an index row too large. Not the whole of
 * classes 22 and 23: a sequence at its end (2200H) or a primary key taken
 * (a sequence behind its table) are the store's faults, not the event's.
 */
const POSTGRES_DATA = [
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22P02',
  '22P05',
  '23502',
  '23505',
  '23514',
  '23P01',
  'P0001',
  '54000',
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function sqliteCodeOf(code: string) {
  return code.split('_').slice(0, 2).join('_');
}

function isPostgresState(code: string, states: string[]) {
  return (
    /^[0-9A-Z]{5}$/.test(code) && states.some(state => code.startsWith(state))
  );
}

/** A unique violation of a primary key: ids come from the store's sequences. */
function isPrimaryKeyTaken(error: unknown) {
  const { code, constraint } = error as { code?: string; constraint?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (code === '23505' &&
      typeof constraint === 'string' &&
      constraint.endsWith('_pkey'))
  );
}

/**
 * Errors that say the database cannot take writes right now, as opposed to
 * a bug or refused data: the client should retry later (503), not give up.
 * `Query read timeout` and `timeout expired` are node-postgres's own
 * `query_timeout` and `connectionTimeoutMillis`: a server that stopped
 * answering.
 *
 * @public
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const code = codeOf(error);
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (
    code &&
    (NETWORK_CODES.has(code) ||
      (code === '55000' &&
        typeof message === 'string' &&
        NOT_ACCEPTING_CONNECTIONS.test(message)) ||
      SQLITE_UNAVAILABLE.has(sqliteCodeOf(code)) ||
      (isPostgresState(code, POSTGRES_UNAVAILABLE) &&
        !POSTGRES_NOT_UNAVAILABLE.includes(code)))
  ) {
    return true;
  }
  if (name === 'KnexTimeoutError') {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Unable to acquire a connection|Connection terminated|pool is probably full|database connection is not open|connection error and is not queryable|Query read timeout|(^| - )timeout expired$/i.test(
      message,
    )
  );
}

/**
 * Errors that say the database refuses what an event would write (a
 * constraint, a value it cannot hold, a trigger): storing the event again
 * would fail again, unlike when the store is unavailable.
 *
 * @public
 */
export function isRefusedByDatabase(error: unknown): boolean {
  const code = codeOf(error);
  return Boolean(
    code &&
      (SQLITE_DATA.has(sqliteCodeOf(code)) ||
        isPostgresState(code, POSTGRES_DATA)) &&
      !isPrimaryKeyTaken(error),
  );
}

/**
 * A Postgres statement cancelled, by `statement_timeout` most often: the
 * store is unavailable for it (503), yet a smaller transaction may finish
 * in time, so a group that met it is stored again in parts.
 *
 * @public
 */
export function isStatementCancelled(error: unknown): boolean {
  return codeOf(error) === '57014';
}
