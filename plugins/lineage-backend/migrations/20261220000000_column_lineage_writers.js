// @ts-check

/**
 * Each writer's `columnLineage` facet of a dataset, and the columns its
 * `schema` facet names (writer_id: the job writing it, 0 for dataset
 * events, see DATASET_EVENT_WRITER in src/store/mergeWriterLineages.ts),
 * newest wins as for facets, null once deleted: column edges were rebuilt
 * from the dataset's one facet, so a second job writing a dataset erased
 * the first's column lineage, and a reader's schema limited the columns
 * its dataset-level inputs reach; they are now the union of its writers'.
 *
 * Which job sent a stored facet is not kept: it is kept under writer -1
 * (LEGACY_WRITER), deletion included, with the dataset's current columns
 * (the best guess at what its writers wrote), until a writer's column
 * lineage of it changes and replaces it, as it replaced the facet before.
 * Its edges are as they were.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_column_lineages', table => {
    table.integer('dataset_id').notNullable();
    table.integer('writer_id').notNullable();
    table.text('lineage').nullable();
    table.bigInteger('lineage_time').nullable();
    table.text('columns').nullable();
    table.bigInteger('columns_time').nullable();
    table.primary(['dataset_id', 'writer_id']);
  });
  for (let after = 0; ; ) {
    const datasets = await knex('lineage_datasets as d')
      .join('lineage_dataset_facet_times as t', 't.id', 'd.id')
      .where('d.id', '>', after)
      .where('t.facet_times', 'like', '%"columnLineage"%')
      .orderBy('d.id')
      .limit(500)
      .select('d.id', 'd.facets', 't.facet_times');
    if (datasets.length === 0) return;
    after = Number(datasets[datasets.length - 1].id);
    const columns = new Map();
    const fields = await knex('lineage_dataset_fields')
      .whereIn(
        'dataset_id',
        datasets.map(d => Number(d.id)),
      )
      .select('dataset_id', 'field');
    for (const row of fields) {
      const id = Number(row.dataset_id);
      if (!columns.has(id)) columns.set(id, []);
      columns.get(id).push(row.field);
    }
    const rows = datasets.flatMap(d => {
      const times = JSON.parse(d.facet_times);
      if (times.columnLineage === undefined) return [];
      const lineage = JSON.parse(d.facets).columnLineage;
      const id = Number(d.id);
      const names = columns.get(id);
      return [
        {
          dataset_id: id,
          writer_id: -1,
          lineage: lineage === undefined ? null : JSON.stringify(lineage),
          lineage_time: Number(times.columnLineage),
          columns: names ? JSON.stringify(names.sort()) : null,
        },
      ];
    });
    if (rows.length > 0) await knex('lineage_column_lineages').insert(rows);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lineage_column_lineages');
};
