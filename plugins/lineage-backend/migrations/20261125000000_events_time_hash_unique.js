// @ts-check

/**
 * Events are told apart by their hash, which is random: a unique index on
 * it alone touches a different page for nearly every event stored, so each
 * batch rewrote as many index pages as events. Led by the event time, which
 * producers send in roughly increasing order, new keys land on the last few
 * pages. The same event has the same time, so duplicates are caught alike.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_events', table => {
    table.dropUnique(['event_hash']);
    table.unique(['event_time', 'event_hash'], {
      indexName: 'lineage_events_time_hash_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_events', table => {
    table.dropUnique(
      ['event_time', 'event_hash'],
      'lineage_events_time_hash_uq',
    );
    table.unique(['event_hash']);
  });
};
