import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { offersLz4 } from '../../migrations/lib/lz4Compression';

const MIGRATION = '20261210000000_schema_fields_apart.js';

const ID_FIELDS = JSON.stringify([{ name: 'id', type: 'BIGINT' }]);
const NAME_FIELDS = JSON.stringify([{ name: 'name', type: 'TEXT' }]);

/** A schema version as stored before the migration, fields in the row. */
const version = (datasetId: number, hash: string, fields: string) => ({
  dataset_id: datasetId,
  fields_hash: hash,
  fields,
  first_seen: datasetId * 10,
  last_seen: datasetId * 10 + 5,
});

/** The compression Postgres applies to new schema fields; none on SQLite. */
async function fieldsCompression(knex: Knex) {
  if (knex.client.config.client !== 'pg') return null;
  const { rows } = await knex.raw(
    "select attcompression from pg_attribute where attrelid = 'lineage_schema_fields'::regclass and attname = 'fields'",
  );
  return rows[0].attcompression;
}

/** lz4 ('l') where Postgres offers it, else its default (''); none on SQLite. */
async function compressionOffered(knex: Knex) {
  if (knex.client.config.client !== 'pg') return null;
  return (await offersLz4(knex)) ? 'l' : '';
}

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps each schema version and its fields, once per hash, apart from the version, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      const before = [
        version(1, 'id-hash', ID_FIELDS),
        version(2, 'id-hash', ID_FIELDS),
        version(2, 'name-hash', NAME_FIELDS),
      ];
      await knex('lineage_schema_versions').insert(before);

      await knex.migrate.up({ directory: migrationsDirectory });

      expect(
        await knex('lineage_schema_fields')
          .orderBy('fields_hash')
          .select('fields_hash', 'fields'),
      ).toEqual([
        { fields_hash: 'id-hash', fields: ID_FIELDS },
        { fields_hash: 'name-hash', fields: NAME_FIELDS },
      ]);
      const versions = await knex('lineage_schema_versions').orderBy('id');
      expect(
        versions.map(v => ({
          ...v,
          first_seen: Number(v.first_seen),
          last_seen: Number(v.last_seen),
        })),
      ).toEqual(
        before.map(({ fields: _fields, ...rest }, index) => ({
          id: index + 1,
          ...rest,
        })),
      );

      // The rebuilt table keeps the key that ingest's upsert merges on.
      await expect(
        knex('lineage_schema_versions').insert({
          dataset_id: 1,
          fields_hash: 'id-hash',
          first_seen: 1,
          last_seen: 1,
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });
      expect(await fieldsCompression(knex)).toEqual(
        await compressionOffered(knex),
      );

      await knex.migrate.down({ directory: migrationsDirectory });
      expect(await knex.schema.hasTable('lineage_schema_fields')).toBe(false);
      expect(
        await knex('lineage_schema_versions').orderBy('id').pluck('fields'),
      ).toEqual(before.map(v => v.fields));
    },
  );
});
