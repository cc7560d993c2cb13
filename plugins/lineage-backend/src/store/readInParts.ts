import { Knex } from 'knex';
import { chunks, isPostgres } from './tables';

/** How many connections a graph level's lookup takes at most, on Postgres. */
const PARALLEL_LOOKUPS = 2;
/** The fewest ids worth a connection of their own. */
const PARALLEL_LOOKUP_MIN_IDS = 500;

/**
 * The rows `read` gives for all `ids`. On Postgres a wide list is read on
 * several connections at once, each a server process of its own, in
 * ranges of its sorted ids.
 */
export async function readInParts(
  db: Knex,
  ids: number[],
  read: (part: number[]) => Knex.QueryBuilder,
): Promise<any[]> {
  if (ids.length === 0) return [];
  const parts = isPostgres(db)
    ? Math.min(
        PARALLEL_LOOKUPS,
        Math.max(1, Math.floor(ids.length / PARALLEL_LOOKUP_MIN_IDS)),
      )
    : 1;
  const sorted = parts > 1 ? [...ids].sort((a, b) => a - b) : ids;
  const found = await Promise.all(
    chunks(sorted, Math.ceil(ids.length / parts)).map(part => read(part)),
  );
  return found.flat();
}
