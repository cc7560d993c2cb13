import { createStoreTestDatabases } from '@meshwork/test-utils';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';

const NS = 'postgres://db.example:5432';
const KAFKA = 'kafka://broker:9092';
const PRODUCER = 'https://example.com/test';

type Named = { namespace: string; name: string };

let counter = 0;
/** A completed run of `job`, with its facets, reading and writing these. */
function run(
  job: Named & { facets?: object },
  inputs: Array<Named & { facets?: object }>,
  outputs: Array<Named & { facets?: object }>,
) {
  counter++;
  return {
    eventType: 'COMPLETE',
    eventTime: `2026-12-01T10:00:${String(counter).padStart(2, '0')}Z`,
    producer: PRODUCER,
    run: {
      runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    },
    job,
    inputs,
    outputs,
  };
}

const jobType = (processingType: string) => ({
  jobType: {
    _producer: PRODUCER,
    _schemaURL:
      'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
    processingType,
    integration: 'FLINK',
    jobType: 'JOB',
  },
});

const symlinks = (...names: Named[]) => ({
  symlinks: {
    _producer: PRODUCER,
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
    identifiers: names.map(named => ({ ...named, type: 'TABLE' })),
  },
});

const id = (type: string, { namespace, name }: Named) =>
  `${type}:${namespace}:${name}`;

describe('node types and joined tables in /graph and /search', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives each node its type as Marquez does, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const topic = { namespace: KAFKA, name: 'orders' };
      const declared = {
        namespace: NS,
        name: 'events',
        facets: {
          datasetType: {
            _producer: PRODUCER,
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-0/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet',
            datasetType: 'stream',
          },
        },
      };
      const table = { namespace: NS, name: 'orders' };
      const flink = { namespace: 'flink', name: 'orders_stream' };
      const api = { namespace: 'svc', name: 'orders_api' };
      const etl = { namespace: 'etl', name: 'orders_daily' };
      const { backend, get } = await lineageBackendHolding(knex, [
        run({ ...api, facets: jobType('service') }, [], [topic, declared]),
        run({ ...flink, facets: jobType('STREAMING') }, [topic], [table]),
        run({ ...etl, facets: jobType('BATCH') }, [table], []),
      ]);
      try {
        const asked = `/graph?nodeId=${encodeURIComponent(
          id('job', api),
        )}&depth=3`;
        const untyped = await get(asked).expect(200);
        expect(untyped.body.nodes.map((n: any) => n.marquezType)).toEqual(
          untyped.body.nodes.map(() => undefined),
        );
        const graph = await get(`${asked}&types=true`).expect(200);
        expect(graph.body.nodes).toHaveLength(untyped.body.nodes.length);
        const types = Object.fromEntries(
          graph.body.nodes.map((n: any) => [n.id, n.marquezType]),
        );
        expect(types).toEqual({
          [id('dataset', topic)]: 'STREAM',
          [id('dataset', declared)]: 'STREAM',
          [id('dataset', table)]: 'DB_TABLE',
          [id('job', flink)]: 'STREAM',
          [id('job', api)]: 'SERVICE',
          [id('job', etl)]: 'BATCH',
        });
        // By the same rule as Marquez's answer.
        const marquez = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            id('job', api),
          )}&depth=3`,
        ).expect(200);
        expect(
          Object.fromEntries(
            marquez.body.graph.map((n: any) => [n.id, n.data.type]),
          ),
        ).toEqual(types);

        const jobs = await get('/search?type=job&q=orders_').expect(200);
        expect(
          jobs.body.results.map((r: any) => [r.name, r.marquezType]),
        ).toEqual([
          ['orders_api', 'SERVICE'],
          ['orders_daily', 'BATCH'],
          ['orders_stream', 'STREAM'],
        ]);
        const datasets = await get('/search?q=e').expect(200);
        expect(
          Object.fromEntries(
            datasets.body.results.map((r: any) => [r.id, r.marquezType]),
          ),
        ).toEqual({
          [id('dataset', declared)]: 'STREAM',
          [id('dataset', topic)]: 'STREAM',
          [id('dataset', table)]: 'DB_TABLE',
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "names a joined table's primary and other names whichever name a search finds it by, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const files = { namespace: 'file', name: '/warehouse/db.db/t' };
      const hive = { namespace: 'hive', name: 'db.t' };
      const glue = { namespace: 'glue', name: 'table/db/t' };
      const alone = { namespace: NS, name: 'db.t_2019' };
      const { backend, get } = await lineageBackendHolding(knex, [
        run(
          { namespace: 'etl', name: 'spark' },
          [],
          [{ ...files, facets: symlinks(hive) }, alone],
        ),
        run(
          { namespace: 'etl', name: 'trino' },
          [{ ...hive, facets: symlinks(glue) }],
          [],
        ),
        run({ namespace: 'etl', name: 'athena' }, [glue], []),
      ]);
      const named = (of: Named) => ({ id: id('dataset', of), ...of });
      const search = async (q: string) =>
        (await get(`/search?q=${encodeURIComponent(q)}`).expect(200)).body
          .results;
      try {
        // Both names are the term: the files first, by id.
        const byTable = await search('db.t');
        expect(byTable).toEqual([
          expect.objectContaining({
            ...named(files),
            symlink: hive,
            alsoKnownAs: [named(glue), named(hive)],
          }),
          expect.objectContaining({
            ...named(hive),
            marquezType: 'DB_TABLE',
            primary: named(files),
            alsoKnownAs: [named(files), named(glue)],
          }),
          expect.objectContaining(named(alone)),
        ]);
        expect(byTable[0]).not.toHaveProperty('primary');
        expect(byTable[1]).not.toHaveProperty('symlink');
        expect(byTable[2]).not.toHaveProperty('alsoKnownAs');
        expect(byTable[2]).not.toHaveProperty('primary');
        // The files by their own path, with no symlink found.
        const [byPath] = await search('/warehouse/db.db/t');
        expect(byPath).toEqual({
          ...named(files),
          type: 'dataset',
          updatedAt: expect.any(String),
          marquezType: 'DB_TABLE',
          alsoKnownAs: [named(glue), named(hive)],
        });
        // The Glue table, the chain's last name, by its own name.
        const [byGlue] = await search('table/db');
        expect(byGlue).toMatchObject({
          ...named(glue),
          primary: named(files),
          alsoKnownAs: [named(files), named(hive)],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'looks up the tables of all results at once, however many it finds, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const tables = [1, 2, 3, 4].map(i => ({
        files: { namespace: 'file', name: `/warehouse/db.db/t${i}` },
        hive: { namespace: 'hive', name: `db.t${i}` },
      }));
      const { backend, get } = await lineageBackendHolding(
        knex,
        tables.flatMap(({ files, hive }, i) => [
          run(
            { namespace: 'etl', name: `spark_${i}` },
            [],
            [{ ...files, facets: symlinks(hive) }],
          ),
          run({ namespace: 'etl', name: `trino_${i}` }, [hive], []),
        ]),
      );
      const queries: string[] = [];
      knex.on('query', ({ sql }: { sql: string }) => queries.push(sql));
      const count = async (q: string) => {
        const before = queries.length;
        const { results } = (
          await get(`/search?q=${encodeURIComponent(q)}`).expect(200)
        ).body;
        return { results: results.length, queries: queries.length - before };
      };
      try {
        // Warmed: whether any symlink is stored is asked once.
        await count('db.t1');
        const one = await count('db.t1');
        const all = await count('db.t');
        expect(one.results).toBe(2);
        expect(all.results).toBe(8);
        expect(all.queries).toBe(one.queries);
      } finally {
        await backend.stop();
      }
    },
  );
});
