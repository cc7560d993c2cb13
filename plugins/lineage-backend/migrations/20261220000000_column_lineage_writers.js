// @ts-check

/**
 * Each writer's `columnLineage` facet of a dataset (writer_id: the job
 * writing it, 0 for dataset events), newest wins as for facets, lineage
 * null once deleted: column edges were rebuilt from the dataset's one
 * facet, so a second job writing a dataset erased the first's column
 * lineage; they are now the union of its writers'
 * (src/store/mergeWriterLineages.ts). A dataset stored before gets its
 * facet as its latest writer's (by lineage_io), else as a dataset event's:
 * which job sent it is not kept. Its edges are as they were.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_column_lineages', table => {
    table.integer('dataset_id').notNullable();
    table.integer('writer_id').notNullable();
    table.text('lineage').nullable();
    table.bigInteger('lineage_time').notNullable();
    table.primary(['dataset_id', 'writer_id']);
  });
  for (let after = 0; ; ) {
    const datasets = await knex('lineage_datasets as d')
      .join('lineage_dataset_facet_times as t', 't.id', 'd.id')
      .where('d.id', '>', after)
      .where('d.facets', 'like', '%"columnLineage"%')
      .orderBy('d.id')
      .limit(500)
      .select('d.id', 'd.facets', 't.facet_times');
    if (datasets.length === 0) return;
    after = Number(datasets[datasets.length - 1].id);
    const ids = datasets.map(d => Number(d.id));
    const writers = new Map();
    const outputs = await knex('lineage_io')
      .whereIn('dataset_id', ids)
      .where('direction', 'out')
      .orderBy([
        { column: 'last_seen', order: 'asc' },
        { column: 'job_id', order: 'asc' },
      ])
      .select('dataset_id', 'job_id');
    for (const row of outputs) {
      writers.set(Number(row.dataset_id), Number(row.job_id));
    }
    const rows = datasets.flatMap(d => {
      const lineage = JSON.parse(d.facets).columnLineage;
      if (lineage === undefined) return [];
      const id = Number(d.id);
      return [
        {
          dataset_id: id,
          writer_id: writers.get(id) ?? 0,
          lineage: JSON.stringify(lineage),
          lineage_time: Number(JSON.parse(d.facet_times).columnLineage ?? 0),
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
