import { Knex } from 'knex';

/** How long a database found to hold no symlink is taken to hold none. */
const NONE_FOR_MS = 1000;

/** Databases known to hold a symlink (true), or when found to hold none. */
const known = new WeakMap<Knex, true | number>();

/**
 * Whether any dataset has a `symlinks` facet, or undefined if that is not
 * known now (see symlinksExist). A walk of a database with none looks for
 * no fold, which would cost each of its levels a part of its time.
 */
export function symlinksKnown(db: Knex): boolean | undefined {
  const state = known.get(db);
  if (state === true) return true;
  if (state !== undefined && Date.now() - state < NONE_FOR_MS) return false;
  return undefined;
}

/**
 * Whether any dataset has a `symlinks` facet. Once one has, the database is
 * taken to hold one from then on; one found to hold none is asked again a
 * second later at the soonest, so a database's first symlink may go unseen
 * by the walks of that second (only what a walk reads depends on this
 * otherwise, never what it finds).
 */
export async function symlinksExist(db: Knex): Promise<boolean> {
  const state = symlinksKnown(db);
  if (state !== undefined) return state;
  const row = await db('lineage_symlinks').first('dataset_id');
  known.set(db, row ? true : Date.now());
  return Boolean(row);
}
