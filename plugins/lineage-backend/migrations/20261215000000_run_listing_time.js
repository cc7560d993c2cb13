// @ts-check

/**
 * Where a run stands in its job's runs, newest first: the earliest
 * eventTime of the events it was first stored with, which ingest never
 * updates. Paged by its first event's time, a run moved when its START
 * arrived after its COMPLETE, and was shown again on the next page. Runs
 * stored before are listed as they were, by their first event's time; the
 * index is built after, once, and serves a page read backwards from its
 * cursor (job, time, run id).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.bigInteger('listing_time').nullable();
  });
  await knex('lineage_runs').update({
    listing_time: knex.ref('first_event_time'),
  });
  await knex.schema.alterTable('lineage_runs', table => {
    table.index(
      ['job_id', 'listing_time', 'run_id'],
      'lineage_runs_listing_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_runs', table => {
    table.dropIndex(
      ['job_id', 'listing_time', 'run_id'],
      'lineage_runs_listing_idx',
    );
    table.dropColumn('listing_time');
  });
};
