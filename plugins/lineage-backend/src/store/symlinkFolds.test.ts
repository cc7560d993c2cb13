import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { LineageReader } from './LineageReader';
import { ProductMeasurements } from './ProductMeasurements';
import { toMarquezGraph } from '../service/toMarquezGraph';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { symlinkFolds } from './symlinkFolds';
import { validEvent } from '../__testUtils__/validEvent';

const HIVE = 'hive://metastore2.example:9083';
const FILE = 'file:/warehouse2/db.db/t';
const TABLE = `dataset:${HIVE}:db.t`;

type Dataset = { namespace: string; name: string; symlinks?: Dataset[] };

const file = (name: string, symlinks?: Dataset[]): Dataset => ({
  namespace: 'file',
  name,
  symlinks,
});
const hive = (name: string): Dataset => ({ namespace: HIVE, name });

function run(
  runId: string,
  job: string,
  inputs: Dataset[],
  outputs: Dataset[],
  eventTime: string,
) {
  const dataset = ({ symlinks, ...named }: Dataset) =>
    symlinks
      ? {
          ...named,
          facets: {
            symlinks: {
              _producer: 'x',
              _schemaURL:
                'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json',
              identifiers: symlinks.map(s => ({
                namespace: s.namespace,
                name: s.name,
                type: 'TABLE',
              })),
            },
          },
        }
      : named;
  return validEvent({
    eventType: 'COMPLETE',
    eventTime,
    producer: 'https://example.com/test',
    run: { runId },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(dataset),
    outputs: outputs.map(dataset),
  });
}

/** Ids as a walk's are compared: sorted. */
const sorted = (ids: string[]) => [...ids].sort();

const runId = (n: number) =>
  `01936893-9751-7a91-a2a0-${String(n).padStart(12, '0')}`;

/** Spark's `sparkA`, run `n`, writing the files of `db.t` with these symlinks. */
const sparkAWrites = (
  n: number,
  inputs: Dataset[],
  symlinks: Dataset[] | undefined,
  eventTime: string,
) =>
  run(
    runId(n),
    'sparkA',
    inputs,
    [file('/warehouse2/db.db/t', symlinks)],
    eventTime,
  );

/**
 * Spark's `sparkA` writes the files of `db.t`, its facet naming the table;
 * Trino's `trinoB` reads the table by that name and writes `db.t2`.
 */
const sparkThenTrino = [
  sparkAWrites(1, [file('/raw/r')], [hive('db.t')], '2026-12-01T10:00:00Z'),
  run(
    runId(2),
    'trinoB',
    [hive('db.t')],
    [hive('db.t2')],
    '2026-12-01T11:00:00Z',
  ),
];

describe('symlinkFolds in graph walks', () => {
  const databases = createStoreTestDatabases();

  async function readerWith(databaseId: any, events: unknown[]) {
    const knex = await databases.init(databaseId);
    const store = await OpenLineageEventStore.create(knex);
    for (const event of events) await store.ingest([event as any]);
    return new LineageReader(knex);
  }

  async function walk(
    reader: LineageReader,
    nodeId: string,
    direction: 'downstream' | 'upstream' | 'both',
    options: { maxNodes?: number; asOf?: number } = {},
  ) {
    const root = await reader.resolve(parseNodeId(nodeId)!);
    const graph = await reader.graph({
      root: root!,
      downstreamDepth: direction === 'upstream' ? 0 : 5,
      upstreamDepth: direction === 'downstream' ? 0 : 5,
      maxNodes: options.maxNodes ?? 100,
      asOf: options.asOf,
    });
    return {
      root: graph.root,
      nodes: graph.nodes.map(n => n.id).sort(),
      edges: graph.edges.map(e => `${e.source} > ${e.target}`).sort(),
      truncated: graph.truncated,
    };
  }

  it.each(databases.eachSupportedId())(
    'joins a table known by its files and by its symlinked name, both ways, on %p',
    async databaseId => {
      const reader = await readerWith(databaseId, sparkThenTrino);
      const joined = {
        nodes: sorted([
          `dataset:${HIVE}:db.t2`,
          `dataset:${FILE}`,
          'dataset:file:/raw/r',
          'job:etl:sparkA',
          'job:etl:trinoB',
        ]),
        edges: sorted([
          `dataset:${FILE} > job:etl:trinoB`,
          'dataset:file:/raw/r > job:etl:sparkA',
          `job:etl:sparkA > dataset:${FILE}`,
          `job:etl:trinoB > dataset:${HIVE}:db.t2`,
        ]),
        truncated: false,
      };

      expect(await walk(reader, 'dataset:file:/raw/r', 'downstream')).toEqual({
        root: 'dataset:file:/raw/r',
        ...joined,
      });
      expect(await walk(reader, `dataset:${HIVE}:db.t2`, 'upstream')).toEqual({
        root: `dataset:${HIVE}:db.t2`,
        ...joined,
      });
      // Counted once under a cap of exactly the nodes shown.
      expect(
        await walk(reader, 'dataset:file:/raw/r', 'downstream', {
          maxNodes: 5,
        }),
      ).toEqual({ root: 'dataset:file:/raw/r', ...joined });
      expect(
        await walk(reader, `dataset:${HIVE}:db.t2`, 'upstream', {
          maxNodes: 5,
        }),
      ).toEqual({ root: `dataset:${HIVE}:db.t2`, ...joined });
      // From the table's own name, it is the node asked for.
      const fromTable = await walk(reader, TABLE, 'both');
      expect(fromTable.root).toBe(TABLE);
      expect(fromTable.nodes).toEqual(
        joined.nodes.map(id => (id === `dataset:${FILE}` ? TABLE : id)).sort(),
      );
      expect(fromTable.edges).toEqual(
        joined.edges.map(edge => edge.replace(`dataset:${FILE}`, TABLE)).sort(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "shows the primary's data in Marquez's lineage from the symlinked name, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      for (const event of sparkThenTrino) await store.ingest([event as any]);
      const reader = new LineageReader(knex);
      const root = await reader.resolve(parseNodeId(TABLE)!);
      const graph = await reader.marquezGraph({
        root: root!,
        depth: 20,
        maxNodes: 100,
      });
      const lineage = await toMarquezGraph(
        graph,
        reader,
        new ProductMeasurements(knex),
      );
      const node = lineage.graph.find(n => n.id === TABLE)!;
      expect(node.data).toMatchObject({
        namespace: HIVE,
        name: 'db.t',
        lastModifiedAt: '2026-12-01T10:00:00.000Z',
        facets: { symlinks: expect.anything() },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "joins them in Marquez's lineage, on %p",
    async databaseId => {
      const reader = await readerWith(databaseId, sparkThenTrino);
      for (const nodeId of ['dataset:file:/raw/r', `dataset:${HIVE}:db.t2`]) {
        const root = await reader.resolve(parseNodeId(nodeId)!);
        const graph = await reader.marquezGraph({
          root: root!,
          depth: 20,
          maxNodes: 100,
        });
        expect(graph.nodes.map(n => n.id).sort()).toEqual(
          sorted([
            `dataset:${HIVE}:db.t2`,
            `dataset:${FILE}`,
            'dataset:file:/raw/r',
            'job:etl:sparkA',
            'job:etl:trinoB',
          ]),
        );
        expect(
          graph.edges.map(e => `${e.source} > ${e.target}`).sort(),
        ).toEqual(
          sorted([
            `dataset:${FILE} > job:etl:trinoB`,
            'dataset:file:/raw/r > job:etl:sparkA',
            `job:etl:sparkA > dataset:${FILE}`,
            `job:etl:trinoB > dataset:${HIVE}:db.t2`,
          ]),
        );
        const trinoB = graph.ids.get('job:etl:trinoB')!;
        expect([...graph.jobDatasets.get(trinoB)!.in!]).toEqual([
          graph.ids.get(`dataset:${FILE}`),
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps them apart as of before the symlink was reported, on %p',
    async databaseId => {
      const reader = await readerWith(databaseId, [
        sparkAWrites(1, [file('/raw/r')], undefined, '2026-12-01T10:00:00Z'),
        sparkThenTrino[1],
        sparkAWrites(
          3,
          [file('/raw/r')],
          [hive('db.t')],
          '2026-12-01T12:00:00Z',
        ),
      ]);
      const before = await walk(reader, 'dataset:file:/raw/r', 'downstream', {
        asOf: Date.parse('2026-12-01T11:30:00Z'),
      });
      expect(before.nodes).toEqual(
        sorted([`dataset:${FILE}`, 'dataset:file:/raw/r', 'job:etl:sparkA']),
      );
      const after = await walk(reader, 'dataset:file:/raw/r', 'downstream', {
        asOf: Date.parse('2026-12-01T12:30:00Z'),
      });
      expect(after.nodes).toContain('job:etl:trinoB');
    },
  );

  it.each(databases.eachSupportedId())(
    'walks as before a symlink no dataset has (one of its name elsewhere is another), and one naming its own dataset, on %p',
    async databaseId => {
      const reader = await readerWith(databaseId, [
        sparkAWrites(
          1,
          [file('/raw/r')],
          [hive('db.nowhere')],
          '2026-12-01T10:00:00Z',
        ),
        run(
          runId(2),
          'sparkB',
          [file('/warehouse2/db.db/t')],
          [file('/self', [file('/self')])],
          '2026-12-01T11:00:00Z',
        ),
        // The symlink's name in another metastore: another table.
        run(
          runId(3),
          'elsewhere',
          [{ namespace: 'hive://other.example:9083', name: 'db.nowhere' }],
          [file('/elsewhere')],
          '2026-12-01T12:00:00Z',
        ),
      ]);
      expect(
        (
          await walk(
            reader,
            'dataset:hive://other.example:9083:db.nowhere',
            'both',
          )
        ).nodes,
      ).toEqual(
        sorted([
          'dataset:hive://other.example:9083:db.nowhere',
          'dataset:file:/elsewhere',
          'job:etl:elsewhere',
        ]),
      );
      expect(await walk(reader, 'dataset:file:/raw/r', 'downstream')).toEqual({
        root: 'dataset:file:/raw/r',
        nodes: sorted([
          `dataset:${FILE}`,
          'dataset:file:/raw/r',
          'dataset:file:/self',
          'job:etl:sparkA',
          'job:etl:sparkB',
        ]),
        edges: sorted([
          `dataset:${FILE} > job:etl:sparkB`,
          'dataset:file:/raw/r > job:etl:sparkA',
          `job:etl:sparkA > dataset:${FILE}`,
          'job:etl:sparkB > dataset:file:/self',
        ]),
        truncated: false,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a dataset apart that a job writes under the name a symlink gives it, on %p',
    async databaseId => {
      const reader = await readerWith(databaseId, [
        sparkThenTrino[0],
        run(runId(2), 'hiveWriter', [], [hive('db.t')], '2026-12-01T11:00:00Z'),
      ]);
      expect(
        (await walk(reader, 'dataset:file:/raw/r', 'downstream')).nodes,
      ).toEqual(
        sorted([`dataset:${FILE}`, 'dataset:file:/raw/r', 'job:etl:sparkA']),
      );
      expect((await walk(reader, TABLE, 'upstream')).nodes).toEqual(
        sorted([TABLE, 'job:etl:hiveWriter']),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'folds a name two datasets give into the one written last, either way, on %p',
    async databaseId => {
      const reader = await readerWith(databaseId, [
        run(
          runId(1),
          'oldSpark',
          [],
          [file('/old/t', [hive('db.t')])],
          '2026-12-01T09:00:00Z',
        ),
        sparkAWrites(2, [], [hive('db.t')], '2026-12-01T10:00:00Z'),
        sparkThenTrino[1],
      ]);
      const upstream = await walk(reader, `dataset:${HIVE}:db.t2`, 'upstream');
      expect(upstream.nodes).toEqual(
        sorted([
          `dataset:${HIVE}:db.t2`,
          `dataset:${FILE}`,
          'job:etl:sparkA',
          'job:etl:trinoB',
        ]),
      );
      expect((await walk(reader, `dataset:${FILE}`, 'both')).nodes).toEqual(
        upstream.nodes,
      );
      expect(
        (await walk(reader, 'dataset:file:/old/t', 'downstream')).nodes,
      ).toEqual(['dataset:file:/old/t']);
    },
  );

  it.each(databases.eachSupportedId())(
    'joins a chain of names (files naming the Hive table, whose facet names its Glue table) as one node, on %p',
    async databaseId => {
      const glue = {
        namespace: 'arn:aws:glue:us-east-1:123456789012',
        name: 'table/db/t',
      };
      const reader = await readerWith(databaseId, [
        sparkThenTrino[0],
        run(
          runId(2),
          'trinoB',
          [{ ...hive('db.t'), symlinks: [glue] }],
          [hive('db.t2')],
          '2026-12-01T11:00:00Z',
        ),
        run(runId(3), 'athena', [glue], [file('/u')], '2026-12-01T12:00:00Z'),
      ]);
      const nodes = sorted([
        `dataset:${HIVE}:db.t2`,
        `dataset:${FILE}`,
        'dataset:file:/raw/r',
        'dataset:file:/u',
        'job:etl:athena',
        'job:etl:sparkA',
        'job:etl:trinoB',
      ]);
      const edges = sorted([
        'dataset:file:/raw/r > job:etl:sparkA',
        `job:etl:sparkA > dataset:${FILE}`,
        `dataset:${FILE} > job:etl:trinoB`,
        `dataset:${FILE} > job:etl:athena`,
        `job:etl:trinoB > dataset:${HIVE}:db.t2`,
        'job:etl:athena > dataset:file:/u',
      ]);
      const down = await walk(reader, 'dataset:file:/raw/r', 'downstream');
      expect(down.nodes).toEqual(nodes);
      expect(down.edges).toEqual(edges);
      const up = await walk(reader, 'dataset:file:/u', 'upstream');
      expect(up.nodes).toEqual(
        nodes.filter(
          id => id !== `dataset:${HIVE}:db.t2` && id !== 'job:etl:trinoB',
        ),
      );
      const fromGlue = await walk(
        reader,
        `dataset:${glue.namespace}:${glue.name}`,
        'both',
      );
      const glueId = `dataset:${glue.namespace}:${glue.name}`;
      expect(fromGlue.nodes).toEqual(
        sorted(nodes.map(id => (id === `dataset:${FILE}` ? glueId : id))),
      );
      for (const nodeId of ['dataset:file:/raw/r', 'dataset:file:/u']) {
        const root = await reader.resolve(parseNodeId(nodeId)!);
        const graph = await reader.marquezGraph({
          root: root!,
          depth: 20,
          maxNodes: 100,
        });
        expect(graph.nodes.map(n => n.id).sort()).toEqual(nodes);
      }
    },
  );
});

describe('symlinkFolds', () => {
  const databases = createStoreTestDatabases();
  const GLUE = 'arn:aws:glue:us-east-1:123456789012';
  const files = file('/warehouse2/db.db/chain');
  const table = { namespace: HIVE, name: 'db.chain' };
  const glue = { namespace: GLUE, name: 'table/db/chain' };

  it.each(databases.eachSupportedId())(
    'reads nothing twice while later rounds look up the datasets a fold found, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      // A chain: the files name the Hive table, whose facet names Glue's.
      for (const event of [
        run(
          runId(1),
          'job1',
          [],
          [{ ...files, symlinks: [table] }],
          '2026-12-01T10:00:00Z',
        ),
        run(
          runId(2),
          'job2',
          [{ ...table, symlinks: [glue] }],
          [],
          '2026-12-01T11:00:00Z',
        ),
        run(runId(3), 'job3', [glue], [], '2026-12-01T12:00:00Z'),
      ]) {
        await store.ingest([event]);
      }
      const idOf = async ({ namespace, name }: Dataset) =>
        Number(
          (await knex('lineage_datasets')
            .where({ namespace, name })
            .first('id'))!.id,
        );
      const ids = [await idOf(files), await idOf(table), await idOf(glue)];
      const reads: string[] = [];
      knex.on('query', ({ sql, bindings }) =>
        reads.push(JSON.stringify([sql, bindings])),
      );

      for (const asOf of [undefined, Date.parse('2026-12-01T13:00:00Z')]) {
        reads.length = 0;
        const folds = await symlinkFolds(knex, [ids[0]], asOf);

        expect(folds.get(ids[0])?.primary).toBe(ids[0]);
        expect(folds.get(ids[0])?.members.sort((a, b) => a - b)).toEqual(
          [...ids].sort((a, b) => a - b),
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
