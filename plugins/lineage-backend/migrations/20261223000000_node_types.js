// @ts-check

const { declaredType } = require('./lib/declaredTypes');

/** The facet each table's type is declared by. */
const TYPE_FACETS = {
  lineage_jobs: 'jobType',
  lineage_datasets: 'datasetType',
};

/** Ids a statement looks through for facets naming the type facet. */
const IDS_PAGE = 5000;

/** Facets read at a time: a job's may take megabytes (a Spark plan). */
const FACETS_PAGE = 100;

/**
 * A job's or dataset's Marquez type, as `/graph?types=true` and `/search`
 * give it, is read from `marquez_type`: the type its `jobType` or
 * `datasetType` facet declares (null for the default, BATCH, or by
 * namespace, a table or a stream), kept by ingest as that facet changes.
 * Read out of each node's facets instead, it cost a 2,500-node walk about
 * as much as the walk. Rows stored before get theirs from their facets,
 * parsed here, in JavaScript, as ingest parses them: in SQL, one old facet
 * holding an unpaired surrogate would stop the migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const [table, facet] of Object.entries(TYPE_FACETS)) {
    await knex.schema.alterTable(table, t => {
      t.string('marquez_type', 16).nullable();
    });
    const last = await knex(table).max('id as id').first();
    for (let after = 0; after < Number(last?.id ?? 0); after += IDS_PAGE) {
      // Ids first: only the few naming the facet have their facets read.
      const ids = await knex(table)
        .where('id', '>', after)
        .andWhere('id', '<=', after + IDS_PAGE)
        .andWhere('facets', 'like', `%"${facet}"%`)
        .pluck('id');
      for (let i = 0; i < ids.length; i += FACETS_PAGE) {
        const rows = await knex(table)
          .whereIn('id', ids.slice(i, i + FACETS_PAGE))
          .select('id', 'facets');
        /** @type {Map<string, number[]>} */
        const byType = new Map();
        for (const row of rows) {
          const type = declaredType(
            /** @type {'lineage_jobs' | 'lineage_datasets'} */ (table),
            parsedOrNothing(row.facets),
          );
          if (type) byType.set(type, [...(byType.get(type) ?? []), row.id]);
        }
        for (const [type, typed] of byType) {
          await knex(table).whereIn('id', typed).update({ marquez_type: type });
        }
      }
    }
  }
};

/**
 * @param {string} text
 * @returns {unknown}
 */
function parsedOrNothing(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of Object.keys(TYPE_FACETS)) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('marquez_type');
    });
  }
};
