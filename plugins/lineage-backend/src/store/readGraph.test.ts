import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { Knex } from 'knex';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';

const NS = 'postgres://db.example:5432';

/**
 * `a` is read by `copy` and `join`; `copy` writes `b`, which `join` also
 * reads and `next` reads; `join` writes `c`, `next` writes `d`.
 */
async function insertGraph(knex: Knex) {
  const entity = (id: number, name: string, namespace = NS) => ({
    id,
    namespace,
    name,
    facets: '{}',
    created_at: 0,
  });
  await knex('lineage_datasets').insert(
    ['a', 'b', 'c', 'd'].map((name, i) => entity(i + 1, name)),
  );
  await knex('lineage_jobs').insert(
    ['copy', 'join', 'next'].map((name, i) => entity(i + 1, name, 'etl')),
  );
  const io = (datasetId: number, direction: string, jobId: number) => ({
    dataset_id: datasetId,
    direction,
    job_id: jobId,
    first_seen: 0,
    last_seen: 0,
  });
  await knex('lineage_io').insert([
    io(1, 'in', 1),
    io(2, 'out', 1),
    io(1, 'in', 2),
    io(2, 'in', 2),
    io(3, 'out', 2),
    io(2, 'in', 3),
    io(4, 'out', 3),
  ]);
}

const walkFromA = (reader: LineageReader, edges?: 'current') =>
  reader.graph({
    root: { type: 'dataset', id: 1, namespace: NS, name: 'a' },
    upstreamDepth: 0,
    downstreamDepth: 1,
    maxNodes: 100,
    edges,
  });

describe('readGraph', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'draws the edge from a dataset at the depth to a job shown nearer, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await OpenLineageEventStore.create(knex);
      await insertGraph(knex);

      for (const edges of [undefined, 'current'] as const) {
        const graph = await walkFromA(new LineageReader(knex), edges);
        expect(graph.nodes.map(n => [n.id, n.depth])).toEqual([
          [`dataset:${NS}:a`, 0],
          ['job:etl:copy', 1],
          ['job:etl:join', 1],
          [`dataset:${NS}:b`, 1],
          [`dataset:${NS}:c`, 1],
        ]);
        expect(graph.edges.map(e => `${e.source} > ${e.target}`)).toEqual([
          `dataset:${NS}:a > job:etl:copy`,
          `dataset:${NS}:a > job:etl:join`,
          `job:etl:copy > dataset:${NS}:b`,
          `job:etl:join > dataset:${NS}:c`,
          `dataset:${NS}:b > job:etl:join`,
        ]);
      }
    },
  );

  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'reads no pair of a dataset at the depth with a job past it, on Postgres',
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      await OpenLineageEventStore.create(knex);
      await insertGraph(knex);
      const rowsRead: Array<Record<string, unknown>> = [];
      knex.on('query-response', (response: unknown) => {
        if (Array.isArray(response)) rowsRead.push(...response);
      });

      for (const edges of [undefined, 'current'] as const) {
        await walkFromA(new LineageReader(knex), edges);
      }

      // `next`, two hops away, is not shown: its pair with `b` is not read.
      expect(rowsRead.length).toBeGreaterThan(0);
      expect(rowsRead.filter(row => row.job_id === 3)).toEqual([]);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    "reads the nodes' names while the last level's pairs are read, once no node can be shown anew, on Postgres",
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      await OpenLineageEventStore.create(knex);
      await insertGraph(knex);
      const events: string[] = [];
      knex.on('query', ({ sql }: { sql: string }) => {
        if (/from [`"]lineage_(datasets|jobs)[`"]/.test(sql)) {
          events.push('names asked');
        }
      });
      knex.on('query-response', (_: unknown, { sql }: { sql: string }) => {
        if (/from [`"]lineage_io[`"]/.test(sql)) events.push('pairs read');
      });

      const graph = await walkFromA(new LineageReader(knex));

      expect(graph.nodes).toHaveLength(5);
      expect(events.indexOf('names asked')).toBeGreaterThanOrEqual(0);
      expect(events.indexOf('names asked')).toBeLessThan(
        events.lastIndexOf('pairs read'),
      );
    },
  );
  /* eslint-enable jest/no-standalone-expect */
});
