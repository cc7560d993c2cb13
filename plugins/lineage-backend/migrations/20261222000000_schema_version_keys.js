// @ts-check

const { schemaFieldsHash } = require('./lib/schemaFieldsHash');

/** `JSON.rawJSON` (Node 21+), not yet in TypeScript's library. */
const { rawJSON } = /** @type {{ rawJSON(text: string): unknown }} */ (
  /** @type {unknown} */ (JSON)
);

/**
 * Stored fields with their numbers as written: as ingest read them, an
 * integer too large for a number included (src/store/parseJsonExact.ts),
 * the others written back as JSON.stringify writes a number.
 *
 * @param {string} text
 * @returns {unknown[]}
 */
const parseAsWritten = text =>
  /** @type {(text: string, reviver: (key: string, value: unknown, context: { source: string }) => unknown) => unknown[]} */ (
    JSON.parse
  )(text, (_key, value, context) =>
    typeof value === 'number' ? rawJSON(context.source) : value,
  );

/** Schema texts read at a time: each may take kilobytes. */
const FIELDS_PAGE = 200;

/** Rows of lineage_schema_versions or lineage_run_io re-keyed a statement. */
const ROWS_PAGE = 5000;

/**
 * A schema version is known by the hash of its fields with their keys
 * sorted (lib/schemaFieldsHash), not as reported: the same fields sent
 * again with their keys in another order, by a relay re-serialising the
 * event, added a version. The versions stored before, and the schema each
 * run reported (lineage_run_io.schema_hash), are re-keyed so; a dataset's
 * versions whose keys now meet are one, seen from the earliest first_seen
 * to the latest last_seen. Without it, each stored version reported with
 * unsorted keys would gain a duplicate at its dataset's next event.
 *
 * Each new key gets the fields as one of its versions reported them, and
 * the old keys keep theirs: a replica still running the version before may
 * write them until it stops, and its versions must still read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'create temporary table schema_rekeys (old_hash varchar(64) primary key, new_hash varchar(64) not null)',
  );
  for (let after = ''; ; ) {
    const page = await knex('lineage_schema_fields')
      .where('fields_hash', '>', after)
      .orderBy('fields_hash')
      .limit(FIELDS_PAGE)
      .select('fields_hash', 'fields');
    if (page.length === 0) break;
    after = page[page.length - 1].fields_hash;
    const rekeys = page.flatMap(row => {
      const hash = schemaFieldsHash(parseAsWritten(row.fields));
      return hash === row.fields_hash
        ? []
        : [{ old_hash: row.fields_hash, new_hash: hash }];
    });
    if (rekeys.length > 0) await knex('schema_rekeys').insert(rekeys);
  }
  if (!(await knex('schema_rekeys').first('old_hash'))) {
    await knex.raw('drop table schema_rekeys');
    return;
  }
  if (knex.client.config.client === 'pg') {
    // Autovacuum never analyzes a temporary table.
    await knex.raw('analyze schema_rekeys');
  }
  // `where true`: SQLite would read `on` as the start of a join.
  await knex.raw(
    `insert into lineage_schema_fields (fields_hash, fields)
     select m.new_hash, min(f.fields) from schema_rekeys m
     join lineage_schema_fields f on f.fields_hash = m.old_hash
     where true
     group by m.new_hash
     on conflict (fields_hash) do nothing`,
  );
  const [least, greatest] =
    knex.client.config.client === 'pg' ? ['least', 'greatest'] : ['min', 'max'];
  const last = await knex('lineage_schema_versions').max('id as id').first();
  // A merged version is inserted under a key not re-keyed: the pages after
  // leave it as it is.
  for (let after = 0; after < Number(last?.id ?? 0); after += ROWS_PAGE) {
    const ids = [after, after + ROWS_PAGE];
    await knex.raw(
      `insert into lineage_schema_versions
         (dataset_id, fields_hash, first_seen, last_seen)
       select v.dataset_id, m.new_hash, min(v.first_seen), max(v.last_seen)
       from lineage_schema_versions v
       join schema_rekeys m on m.old_hash = v.fields_hash
       where v.id > ? and v.id <= ?
       group by v.dataset_id, m.new_hash
       on conflict (dataset_id, fields_hash) do update set
         first_seen = ${least}(lineage_schema_versions.first_seen, excluded.first_seen),
         last_seen = ${greatest}(lineage_schema_versions.last_seen, excluded.last_seen)`,
      ids,
    );
    await knex.raw(
      `delete from lineage_schema_versions
       where id > ? and id <= ?
         and fields_hash in (select old_hash from schema_rekeys)`,
      ids,
    );
  }
  // Paged by run: the table has no other key to range over.
  for (let after = ''; ; ) {
    const bound = await knex('lineage_run_io')
      .where('run_id', '>', after)
      .orderBy('run_id')
      .offset(ROWS_PAGE)
      .first('run_id');
    await knex.raw(
      `update lineage_run_io set schema_hash = m.new_hash
       from schema_rekeys m
       where lineage_run_io.schema_hash = m.old_hash
         and lineage_run_io.run_id > ?${
           bound ? ' and lineage_run_io.run_id <= ?' : ''
         }`,
      bound ? [after, bound.run_id] : [after],
    );
    if (!bound) break;
    after = bound.run_id;
  }
  await knex.raw('drop table schema_rekeys');
};

/**
 * Nothing to undo: the versions before knew the same fields by as many
 * keys as orders their keys came in; merged, they are one.
 */
exports.down = async function down() {};
