// @ts-check

/**
 * Exemptions with their audit trail, each scorecard's source fingerprint
 * (so a pass re-evaluates only what changed), and the checks of each history
 * point. Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('governance_scorecards', table => {
    table
      .string('source_hash', 64)
      .comment(
        'Hash of what the scorecard was computed from: the product, its owner, domain and upstreams, and its exemptions',
      );
  });
  await knex.schema.alterTable('governance_history', table => {
    table.text('checks').comment('The checks JSON at this point');
  });
  await knex.schema.createTable('governance_exemptions', table => {
    table.comment(
      'A waiver of one check for one product until it expires; never deleted, revocation is a state',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 128).notNullable();
    table.text('justification').notNullable();
    table.string('approver', 512).notNullable();
    table.string('created_by', 512).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.bigInteger('revoked_at');
    table.string('revoked_by', 512);
    table.text('revocation_reason');
    table.index(['entity_ref'], 'governance_exemptions_ref_idx');
    table.index(['expires_at'], 'governance_exemptions_expiry_idx');
  });
  await knex.schema.createTable('governance_exemption_events', table => {
    table.comment('Audit trail of exemptions: who did what, when');
    table.bigIncrements('id').primary();
    table.string('exemption_id', 36).notNullable();
    table.string('action', 16).notNullable();
    table.string('actor', 512).notNullable();
    table.bigInteger('at').notNullable();
    table.text('details').notNullable();
    table.index(['exemption_id'], 'governance_exemption_events_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('governance_exemption_events');
  await knex.schema.dropTable('governance_exemptions');
  await knex.schema.alterTable('governance_history', table => {
    table.dropColumn('checks');
  });
  await knex.schema.alterTable('governance_scorecards', table => {
    table.dropColumn('source_hash');
  });
};
