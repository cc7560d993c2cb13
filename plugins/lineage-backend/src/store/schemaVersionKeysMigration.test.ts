import { createStoreTestDatabases } from '@meshwork/test-utils';
import { createHash } from 'crypto';
import { migrateUpTo, migrationsDirectory } from '../__testUtils__/migrateUpTo';
import { validEvent } from '../__testUtils__/validEvent';
import { parseJsonExact } from './parseJsonExact';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';

const MIGRATION = '20261222000000_schema_version_keys.js';
const NS = 'pg';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** Fields as reported, each keyed, before, by the hash of its text. */
const SORTED = '[{"name":"id","type":"BIGINT"}]';
const UNSORTED = '[{"type":"BIGINT","name":"id"}]';
const DESCRIBED = '[{"name":"id","type":"BIGINT","description":"key"}]';
const DESCRIBED_AGAIN = '[{"type":"BIGINT","name":"id","description":"key"}]';
/** An integer too large for a number, kept as written. */
const SIZED = '[{"type":"DECIMAL","name":"n","size":12345678901234567890}]';
/** DESCRIBED and SIZED with their keys sorted: their keys now, texts never reported. */
const DESCRIBED_SORTED = '[{"description":"key","name":"id","type":"BIGINT"}]';
const SIZED_SORTED =
  '[{"name":"n","size":12345678901234567890,"type":"DECIMAL"}]';

/** Run io rows: more than the migration re-keys a statement. */
const RUN_IOS = 5002;

describe(`migration ${MIGRATION}`, () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "merges each dataset's versions whose fields differ only in key order, re-keys the others and the runs' reports, and gains no version when they are sent again, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      await knex('lineage_namespaces').insert({ name: NS, created_at: 1 });
      // Datasets 1 and 2.
      await knex('lineage_datasets').insert(
        ['orders', 'customers'].map(name => ({
          namespace: NS,
          name,
          facets: '{}',
          created_at: 1,
        })),
      );
      await knex('lineage_schema_fields').insert(
        [SORTED, UNSORTED, DESCRIBED, DESCRIBED_AGAIN, SIZED].map(fields => ({
          fields_hash: sha256(fields),
          fields,
        })),
      );
      const version = (
        datasetId: number,
        fields: string,
        firstSeen: number,
        lastSeen: number,
      ) => ({
        dataset_id: datasetId,
        fields_hash: sha256(fields),
        first_seen: firstSeen,
        last_seen: lastSeen,
      });
      await knex('lineage_schema_versions').insert([
        version(1, SORTED, 10, 20),
        version(1, DESCRIBED, 30, 40),
        version(2, DESCRIBED, 5, 50),
        version(2, DESCRIBED_AGAIN, 1, 45),
        version(1, SIZED, 50, 60),
        version(1, UNSORTED, 15, 25),
      ]);
      // The last version further on than the migration re-keys a statement.
      await knex('lineage_schema_versions').where('id', 6).update({ id: 9000 });
      await knex.batchInsert(
        'lineage_run_io',
        Array.from({ length: RUN_IOS }, (_, i) => ({
          run_id: `run-${String(i).padStart(5, '0')}`,
          dataset_id: 1,
          direction: 'out',
          event_time: 1,
          schema_hash: sha256(i % 2 ? UNSORTED : SORTED),
        })),
        100,
      );

      await knex.migrate.up({ directory: migrationsDirectory });

      const versions = async () =>
        (
          await knex('lineage_schema_versions')
            .orderBy(['dataset_id', 'first_seen'])
            .select('dataset_id', 'fields_hash', 'first_seen', 'last_seen')
        ).map(row => ({
          ...row,
          first_seen: Number(row.first_seen),
          last_seen: Number(row.last_seen),
        }));
      const merged = [
        version(1, SORTED, 10, 25),
        version(1, DESCRIBED_SORTED, 30, 40),
        version(1, SIZED_SORTED, 50, 60),
        version(2, DESCRIBED_SORTED, 1, 50),
      ];
      expect(await versions()).toEqual(merged);
      // Each as one of its versions reported it; the old keys' kept.
      expect(
        await knex('lineage_schema_fields')
          .where('fields_hash', sha256(DESCRIBED_SORTED))
          .pluck('fields'),
      ).toEqual([
        [DESCRIBED, DESCRIBED_AGAIN].sort((a, b) => (a < b ? -1 : 1))[0],
      ]);
      expect(await knex('lineage_schema_fields').pluck('fields')).toHaveLength(
        7,
      );
      expect(
        await knex('lineage_run_io')
          .distinct('schema_hash')
          .pluck('schema_hash'),
      ).toEqual([sha256(SORTED)]);
      const reader = new LineageReader(knex);
      expect(await reader.schemaVersions(2)).toEqual([
        {
          fields: JSON.parse(DESCRIBED),
          firstSeen: new Date(1).toISOString(),
          lastSeen: new Date(50).toISOString(),
        },
      ]);

      await knex.migrate.latest({ directory: migrationsDirectory });
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest(
        // Within the times their versions were seen; parsed as the
        // receiver parses them, large integers as written.
        [
          [UNSORTED, 20],
          [DESCRIBED_AGAIN, 35],
          [SIZED, 55],
        ].map(([fields, time]) =>
          validEvent(
            parseJsonExact(
              JSON.stringify({
                eventType: 'COMPLETE',
                eventTime: new Date(time).toISOString(),
                producer: 'p',
                run: { runId: 'd1b7e5c2-0b6f-4c36-9b1e-2f6f4b1c9a10' },
                job: { namespace: 'etl', name: 'load' },
                outputs: [
                  {
                    namespace: NS,
                    name: 'orders',
                    facets: { schema: { fields: 0 } },
                  },
                ],
              }).replace('"fields":0', `"fields":${fields}`),
            ),
          ),
        ),
      );
      expect(await versions()).toEqual(merged);
    },
  );
});
