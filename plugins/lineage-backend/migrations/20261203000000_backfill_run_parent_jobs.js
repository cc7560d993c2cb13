// @ts-check

const { backfillRunFacetJobs } = require('./lib/backfillRunFacetJobs');

/**
 * Runs stored before 20261202000000 get the parent job their `parent` facet
 * names, as ingest gives it, the job stored if it is not: a DAG that sends
 * no event of its own is then found by name from its older task runs too,
 * not only once an event repeats their facet.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await backfillRunFacetJobs(knex, { column: 'parent_job_id', path: ['job'] });
};

/** Nothing to undo: 20261202000000's down drops the column. */
exports.down = async function down() {};
