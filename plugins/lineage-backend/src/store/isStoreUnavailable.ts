// Errors that say the database cannot take writes right now, as opposed to a
// bug: the client should retry later (503), not give up.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '08006', // connection_failure
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, name, message } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    return true;
  }
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
