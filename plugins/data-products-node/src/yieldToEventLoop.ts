/**
 * Lets the event loop read sockets and run timers before going on. A long
 * loop of database queries does not otherwise give way on SQLite: each
 * better-sqlite3 query runs synchronously and knex resolves it through
 * promises only, so a pass of thousands holds every other request (health
 * checks, sign-in, the catalog) until it ends.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
