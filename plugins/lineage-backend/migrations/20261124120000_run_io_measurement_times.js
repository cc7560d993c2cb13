// @ts-check

const MEASUREMENTS = [
  'row_count',
  'byte_count',
  'quality_metrics',
  'quality_assertions',
];

/**
 * When each run measurement was reported, so that the newest report of each
 * wins whatever the order events arrive in (one `event_time` per row cannot
 * tell which of two older events reported a value later).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    for (const column of MEASUREMENTS) {
      table.bigInteger(`${column}_time`).nullable();
    }
  });
  for (const column of MEASUREMENTS) {
    await knex('lineage_run_io')
      .whereNotNull(column)
      .update({ [`${column}_time`]: knex.ref('event_time') });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_run_io', table => {
    for (const column of MEASUREMENTS) {
      table.dropColumn(`${column}_time`);
    }
  });
};
