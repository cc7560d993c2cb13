// @ts-check

/**
 * The on-call finder also searches the names symlinks give datasets (a Hive
 * table of files Spark reports by path) with `ilike '%term%'`: 108 ms a
 * search at 100,000 symlinks on Postgres, 2.2–2.9 ms with trigram indexes
 * (measured on a table of that size with psql). See lib/trigramIndexes.
 */
const {
  createTrigramIndexes,
  dropTrigramIndexes,
} = require('./lib/trigramIndexes');

/** @type {Array<[string, string]>} */
const INDEXES = [
  ['lineage_symlinks', 'name'],
  ['lineage_symlinks', 'namespace'],
];

/** @param {import('knex').Knex} knex */
exports.up = knex => createTrigramIndexes(knex, INDEXES);

/** @param {import('knex').Knex} knex */
exports.down = knex => dropTrigramIndexes(knex, INDEXES);
