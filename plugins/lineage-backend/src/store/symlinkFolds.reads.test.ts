import { createStoreTestDatabases } from '@meshwork/test-utils';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { symlinkFolds } from './symlinkFolds';
import { validEvent } from '../__testUtils__/validEvent';

const HIVE = 'hive://metastore3.example:9083';
const GLUE = 'arn:aws:glue:us-east-1:123456789012';

type Dataset = { namespace: string; name: string; symlinks?: Dataset[] };

const withSymlinks = ({ symlinks, ...named }: Dataset) =>
  symlinks
    ? {
        ...named,
        facets: {
          symlinks: {
            _producer: 'x',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json',
            identifiers: symlinks.map(s => ({ ...s, type: 'TABLE' })),
          },
        },
      }
    : named;

const run = (n: number, inputs: Dataset[], outputs: Dataset[], time: string) =>
  validEvent({
    eventType: 'COMPLETE',
    eventTime: time,
    producer: 'https://example.com/test',
    run: { runId: `01936893-9751-7a91-a2a0-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: `job${n}` },
    inputs: inputs.map(withSymlinks),
    outputs: outputs.map(withSymlinks),
  });

const files = { namespace: 'file', name: '/warehouse3/db.db/t' };
const hive = { namespace: HIVE, name: 'db.t' };
const glue = { namespace: GLUE, name: 'table/db/t' };

describe('symlinkFolds', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads nothing twice while later rounds look up the datasets a fold found, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      // A chain: the files name the Hive table, whose facet names Glue's.
      for (const event of [
        run(1, [], [{ ...files, symlinks: [hive] }], '2026-12-01T10:00:00Z'),
        run(2, [{ ...hive, symlinks: [glue] }], [], '2026-12-01T11:00:00Z'),
        run(3, [glue], [], '2026-12-01T12:00:00Z'),
      ]) {
        await store.ingest([event]);
      }
      const idOf = async (dataset: Dataset) =>
        Number((await knex('lineage_datasets').where(dataset).first('id'))!.id);
      const [filesId, hiveId, glueId] = [
        await idOf(files),
        await idOf(hive),
        await idOf(glue),
      ];
      const reads: string[] = [];
      knex.on('query', ({ sql, bindings }) =>
        reads.push(JSON.stringify([sql, bindings])),
      );

      for (const asOf of [undefined, Date.parse('2026-12-01T13:00:00Z')]) {
        reads.length = 0;
        const folds = await symlinkFolds(knex, [filesId], asOf);

        expect(folds.get(filesId)?.primary).toBe(filesId);
        expect(folds.get(filesId)?.members.sort((a, b) => a - b)).toEqual(
          [filesId, hiveId, glueId].sort((a, b) => a - b),
        );
        expect(reads.length).toBeGreaterThan(0);
        expect(reads.filter((read, i) => reads.indexOf(read) !== i)).toEqual(
          [],
        );
      }
      knex.removeAllListeners('query');
    },
  );
});
