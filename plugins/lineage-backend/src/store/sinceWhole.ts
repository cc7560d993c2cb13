import { Knex } from 'knex';

/**
 * `windowMs` before the edge `alias` was last seen by an event naming all
 * its run's lineage, else before it was last seen: a run whose producer
 * could not parse a statement has not shown that its job stopped reading or
 * writing what that statement did.
 */
export function sinceWhole(db: Knex, alias: string, windowMs: number) {
  return db.raw('coalesce(??, ??) - ?', [
    `${alias}.complete_seen`,
    `${alias}.last_seen`,
    windowMs,
  ]);
}
