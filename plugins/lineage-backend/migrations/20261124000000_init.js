// @ts-check

/**
 * The lineage store: raw events as received, and the model projected from
 * them. Times are epoch milliseconds, so that both SQLite and Postgres
 * compare and index them the same way.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_events', table => {
    table.comment('Every accepted OpenLineage event, unchanged, once');
    table.bigIncrements('id').primary();
    table.string('event_hash', 64).notNullable().unique();
    table.string('kind', 16).notNullable();
    table.string('event_type', 16).nullable();
    table.bigInteger('event_time').notNullable();
    table.bigInteger('received_at').notNullable();
    table.string('run_id', 256).nullable();
    table.text('job_namespace').nullable();
    table.text('job_name').nullable();
    table.text('payload').notNullable();
    table.index(['event_time', 'id'], 'lineage_events_time_idx');
    table.index(['received_at'], 'lineage_events_received_idx');
  });

  await knex.schema.createTable('lineage_namespaces', table => {
    table.text('name').primary();
    table.bigInteger('created_at').notNullable();
  });

  /** @param {import('knex').Knex.CreateTableBuilder} table */
  const facetColumns = table => {
    table.text('facets').notNullable();
    // When each facet was last set, so that an older event never
    // overwrites a newer facet whatever the order of arrival.
    table.text('facet_times').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  };

  await knex.schema.createTable('lineage_datasets', table => {
    table.increments('id').primary();
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    facetColumns(table);
    table.unique(['namespace', 'name'], {
      indexName: 'lineage_datasets_name_uq',
    });
  });

  await knex.schema.createTable('lineage_jobs', table => {
    table.increments('id').primary();
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    facetColumns(table);
    table.unique(['namespace', 'name'], { indexName: 'lineage_jobs_name_uq' });
  });

  await knex.schema.createTable('lineage_schema_versions', table => {
    table.increments('id').primary();
    table.integer('dataset_id').notNullable();
    table.string('fields_hash', 64).notNullable();
    table.text('fields').notNullable();
    table.bigInteger('first_seen').notNullable();
    table.bigInteger('last_seen').notNullable();
    table.unique(['dataset_id', 'fields_hash'], {
      indexName: 'lineage_schema_versions_uq',
    });
  });

  // The current schema's columns, for column search.
  await knex.schema.createTable('lineage_dataset_fields', table => {
    table.integer('dataset_id').notNullable();
    table.text('field').notNullable();
    table.text('type').nullable();
    table.primary(['dataset_id', 'field']);
    table.index(['field'], 'lineage_dataset_fields_field_idx');
  });

  await knex.schema.createTable('lineage_runs', table => {
    table.string('run_id', 256).primary();
    table.integer('job_id').notNullable();
    table.string('state', 16).notNullable();
    table.bigInteger('state_time').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('ended_at').nullable();
    table.bigInteger('first_event_time').notNullable();
    table.text('error_message').nullable();
    table.string('parent_run_id', 256).nullable();
    facetColumns(table);
    table.index(['job_id', 'first_event_time'], 'lineage_runs_job_idx');
    table.index(['parent_run_id'], 'lineage_runs_parent_idx');
  });

  // Job ↔ dataset edges: direction 'in' (the job reads) or 'out' (it writes).
  await knex.schema.createTable('lineage_io', table => {
    table.integer('dataset_id').notNullable();
    table.string('direction', 3).notNullable();
    table.integer('job_id').notNullable();
    table.bigInteger('first_seen').notNullable();
    table.bigInteger('last_seen').notNullable();
    table.primary(['dataset_id', 'direction', 'job_id']);
    table.index(['job_id', 'direction', 'dataset_id'], 'lineage_io_job_idx');
  });

  // What one run read and wrote, with the statistics and quality it reported.
  await knex.schema.createTable('lineage_run_io', table => {
    table.string('run_id', 256).notNullable();
    table.integer('dataset_id').notNullable();
    table.string('direction', 3).notNullable();
    table.bigInteger('event_time').notNullable();
    table.bigInteger('row_count').nullable();
    table.bigInteger('byte_count').nullable();
    table.text('quality_metrics').nullable();
    table.text('quality_assertions').nullable();
    table.primary(['run_id', 'dataset_id', 'direction']);
    table.index(
      ['dataset_id', 'direction', 'event_time'],
      'lineage_run_io_ds_idx',
    );
  });

  await knex.schema.createTable('lineage_column_edges', table => {
    table.integer('dataset_id').notNullable();
    table.text('field').notNullable();
    table.integer('input_dataset_id').notNullable();
    table.text('input_field').notNullable();
    table.text('transformations').notNullable();
    table.primary(['dataset_id', 'field', 'input_dataset_id', 'input_field']);
    table.index(
      ['input_dataset_id', 'input_field'],
      'lineage_column_edges_in_idx',
    );
  });

  await knex.schema.createTable('lineage_symlinks', table => {
    table.integer('dataset_id').notNullable();
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table.string('type', 64).nullable();
    table.primary(['dataset_id', 'namespace', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'lineage_symlinks',
    'lineage_column_edges',
    'lineage_run_io',
    'lineage_io',
    'lineage_runs',
    'lineage_dataset_fields',
    'lineage_schema_versions',
    'lineage_jobs',
    'lineage_datasets',
    'lineage_namespaces',
    'lineage_events',
  ]) {
    await knex.schema.dropTable(table);
  }
};
