/** Node's network errors: the database cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
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
 * exceptions, insufficient resources and operator intervention (which
 * includes statement timeouts); serialization failures, deadlocks and lock
 * timeouts.
 */
const POSTGRES_UNAVAILABLE = ['08', '53', '57', '40001', '40P01', '55P03'];
/**
 * Data exceptions, integrity constraint violations, an exception raised by
 * a trigger or function, and program limits (an index row too large).
 */
const POSTGRES_DATA = ['22', '23', 'P0001', '54'];

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

/**
 * Errors that say the database cannot take writes right now, as opposed to
 * a bug or refused data: the client should retry later (503), not give up.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const code = codeOf(error);
  if (
    code &&
    (NETWORK_CODES.has(code) ||
      SQLITE_UNAVAILABLE.has(sqliteCodeOf(code)) ||
      isPostgresState(code, POSTGRES_UNAVAILABLE))
  ) {
    return true;
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name === 'KnexTimeoutError') {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Unable to acquire a connection|Connection terminated|pool is probably full|database connection is not open/i.test(
      message,
    )
  );
}

/**
 * Errors that say the database refuses what an event would write (a
 * constraint, a value it cannot hold, a trigger): storing the event again
 * would fail again, unlike when the store is unavailable.
 */
export function isRefusedByDatabase(error: unknown): boolean {
  const code = codeOf(error);
  return Boolean(
    code &&
      (SQLITE_DATA.has(sqliteCodeOf(code)) ||
        isPostgresState(code, POSTGRES_DATA)),
  );
}
