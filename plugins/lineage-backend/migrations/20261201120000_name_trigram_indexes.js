// @ts-check

/**
 * Searching datasets and jobs (the explorer's search, the on-call finder)
 * matches `ilike '%term%'` on names and namespaces, which no b-tree serves:
 * Postgres read every row, 89–106 ms a search at 100,000 datasets and 50,000
 * jobs. Trigram indexes serve it in 3.5–6.8 ms (see lib/trigramIndexes).
 * Not column names: their rows are rewritten whenever a schema changes, and
 * ingest would pay.
 */
const {
  createTrigramIndexes,
  dropTrigramIndexes,
} = require('./lib/trigramIndexes');

/** @type {Array<[string, string]>} */
const INDEXES = [
  ['lineage_datasets', 'name'],
  ['lineage_datasets', 'namespace'],
  ['lineage_jobs', 'name'],
  ['lineage_jobs', 'namespace'],
];

/** @param {import('knex').Knex} knex */
exports.up = knex => createTrigramIndexes(knex, INDEXES);

/** @param {import('knex').Knex} knex */
exports.down = knex => dropTrigramIndexes(knex, INDEXES);
