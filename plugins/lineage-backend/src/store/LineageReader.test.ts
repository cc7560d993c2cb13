import { parseNodeId } from '@meshwork/plugin-lineage-common';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { Knex } from 'knex';
import { eventPayloadText } from './eventPayload';
import { LineageReader } from './LineageReader';
import { ResolvedNode } from './ResolvedNode';
import { OpenLineageEventStore } from './OpenLineageEventStore';
import { validEvent } from '../__testUtils__/validEvent';

const NS = 'postgres://db.example:5432';

const DAY = 86_400_000;

/** The time now, and `at(daysAgo)`: an `eventTime` that many days before. */
function clock() {
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  return { now, at };
}

function run(
  runId: string,
  job: string,
  inputs: string[],
  outputs: string[],
  eventTime = '2026-12-01T10:00:00Z',
) {
  return validEvent({
    eventType: 'COMPLETE',
    eventTime,
    producer: 'https://example.com/test',
    run: { runId },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(name => ({ namespace: NS, name })),
    outputs: outputs.map(name => ({ namespace: NS, name })),
  });
}

type LoggedQuery = { sql: string; bindings: unknown[] };

/**
 * Postgres's plan of each query, under planner `settings` that forbid what
 * the planner would pick for a test's few rows (a table scan, say).
 */
async function plansOf(
  knex: Knex,
  queries: LoggedQuery[],
  settings: string[],
): Promise<string[]> {
  return knex.transaction(async tx => {
    for (const setting of settings) await tx.raw(`set local ${setting}`);
    const connection = await tx.client.acquireConnection();
    const explained: string[] = [];
    for (const { sql, bindings } of queries) {
      const { rows } = await connection.query(`explain ${sql}`, bindings);
      explained.push(
        rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
      );
    }
    return explained;
  });
}

describe('LineageReader', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'names the nodes of a walk from what earlier walks read, and new nodes from the database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest([
        run('01936893-9751-7a91-a2a0-000000000001', 'load', ['raw'], ['mart']),
      ]);
      const root = await reader.resolve(parseNodeId(`dataset:${NS}:raw`)!);
      const walk = async () => {
        const graph = await reader.graph({
          root: root!,
          upstreamDepth: 0,
          downstreamDepth: 3,
          maxNodes: 100,
        });
        return graph.nodes.map(n => n.id).sort();
      };
      const nameReads: string[] = [];
      knex.on('query', ({ sql }: { sql: string }) => {
        if (/from [`"]lineage_(datasets|jobs)[`"] where/.test(sql)) {
          nameReads.push(sql);
        }
      });

      const first = await walk();
      const readByFirst = nameReads.length;
      expect(await walk()).toEqual(first);
      const readBySecond = nameReads.length - readByFirst;

      await store.ingest([
        run(
          '01936893-9751-7a91-a2a0-000000000002',
          'report',
          ['mart'],
          ['kpi'],
        ),
      ]);
      const third = await walk();

      expect(first).toEqual([
        `dataset:${NS}:mart`,
        `dataset:${NS}:raw`,
        'job:etl:load',
      ]);
      expect(readByFirst).toBeGreaterThan(0);
      expect(readBySecond).toBe(0);
      expect(third).toEqual([`dataset:${NS}:kpi`, ...first, 'job:etl:report']);
    },
  );

  it.each(databases.eachSupportedId())(
    'walks a level wider than one lookup reads, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      // The root is read by 1,200 jobs, each writing a dataset of its own;
      // every other job's write was first seen later.
      const wide = 1200;
      const entity = (id: number, name: string, namespace = NS) => ({
        id,
        namespace,
        name,
        facets: '{}',
        created_at: 0,
      });
      await knex.batchInsert(
        'lineage_datasets',
        [
          entity(1, 'root'),
          ...Array.from({ length: wide }, (_, i) => entity(i + 2, `out_${i}`)),
        ],
        200,
      );
      await knex.batchInsert(
        'lineage_jobs',
        Array.from({ length: wide }, (_, i) =>
          entity(i + 1, `job_${i}`, 'etl'),
        ),
        200,
      );
      const io = (
        datasetId: number,
        direction: string,
        jobId: number,
        firstSeen = 0,
      ) => ({
        dataset_id: datasetId,
        direction,
        job_id: jobId,
        first_seen: firstSeen,
        last_seen: firstSeen,
      });
      await knex.batchInsert(
        'lineage_io',
        Array.from({ length: wide }, (_, i) => [
          io(1, 'in', i + 1),
          io(i + 2, 'out', i + 1, i % 2 ? 2 : 0),
        ]).flat(),
        200,
      );
      const graph = (maxNodes: number, asOf?: number) =>
        reader.graph({
          root: { type: 'dataset', id: 1, namespace: NS, name: 'root' },
          upstreamDepth: 0,
          downstreamDepth: 1,
          maxNodes,
          asOf,
        });

      const whole = await graph(10_000);
      expect(whole.truncated).toBe(false);
      expect(whole.nodes).toHaveLength(1 + 2 * wide);
      expect(new Set(whole.edges.map(e => `${e.source}>${e.target}`))).toEqual(
        new Set(
          Array.from({ length: wide }, (_, i) => [
            `dataset:${NS}:root>job:etl:job_${i}`,
            `job:etl:job_${i}>dataset:${NS}:out_${i}`,
          ]).flat(),
        ),
      );
      const capped = await graph(1500);
      expect(capped.truncated).toBe(true);
      expect(capped.nodes).toHaveLength(1500);
      const earlier = await graph(10_000, 1);
      expect(earlier.nodes).toHaveLength(1 + wide + wide / 2);
      expect(
        earlier.edges.filter(e => e.target.startsWith('dataset:')),
      ).toHaveLength(wide / 2);
      expect(earlier.nodes.map(n => n.id)).not.toContain(`dataset:${NS}:out_1`);
    },
  );
  it.each(databases.eachSupportedId())(
    'shows the edges each job was seen on within the read window of its newest edge, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const { now, at } = clock();
      let runs = 0;
      const runOf = (
        job: string,
        inputs: string[],
        outputs: string[],
        daysAgo: number,
      ) =>
        run(
          `01936893-9751-7a91-a2a0-${String(++runs).padStart(12, '0')}`,
          job,
          inputs,
          outputs,
          at(daysAgo),
        );
      await store.ingest([
        // build dropped `old_source` 46 days before its newest run, and
        // reads `monthly` once a month.
        runOf('build', ['old_source', 'daily'], ['mart'], 60),
        runOf('build', ['daily', 'monthly'], ['mart'], 45),
        runOf('build', ['daily'], ['mart'], 14),
        // archive stopped 200 days ago: it keeps what it last did.
        runOf('archive', ['mart', 'old_source'], ['cold'], 200),
        // One of skewed's events is 3,000 days ahead of the clock: its
        // edges are kept, and the window runs from its newest edge before.
        runOf('skewed', ['mart'], ['future'], -3000),
        runOf('skewed', ['stale_input'], ['future'], 60),
        runOf('skewed', ['kept_input'], ['future'], 50),
        runOf('skewed', ['fresh_input'], ['future'], 10),
      ]);
      const resolve = async (type: 'dataset' | 'job', name: string) =>
        (await new LineageReader(knex).resolve(
          parseNodeId(
            type === 'job' ? `job:etl:${name}` : `dataset:${NS}:${name}`,
          )!,
        ))!;
      const walk = async (
        root: Awaited<ReturnType<typeof resolve>>,
        options: {
          readWindowDays?: number;
          edges?: 'current' | 'all';
          asOf?: number;
          maxNodes?: number;
        } = {},
      ) => {
        const graph = await new LineageReader(knex, {
          readWindowDays: options.readWindowDays,
        }).graph({
          root,
          upstreamDepth: 2,
          downstreamDepth: 2,
          maxNodes: options.maxNodes ?? 100,
          asOf: options.asOf,
          edges: options.edges ?? 'current',
        });
        const short = (id: string) => id.split(':').pop();
        return {
          nodes: graph.nodes.map(n => short(n.id)).sort(),
          edges: graph.edges
            .map(e => `${short(e.source)}>${short(e.target)}`)
            .sort(),
          truncated: graph.truncated,
        };
      };
      const build = await resolve('job', 'build');

      expect(await walk(build)).toEqual({
        nodes: [
          'archive',
          'build',
          'cold',
          'daily',
          'mart',
          'monthly',
          'skewed',
          'future',
        ].sort(),
        edges: [
          'archive>cold',
          'build>mart',
          'daily>build',
          'mart>archive',
          'mart>skewed',
          'monthly>build',
          'skewed>future',
        ].sort(),
        truncated: false,
      });
      expect((await walk(build, { edges: 'all' })).edges).toContain(
        'old_source>build',
      );
      expect((await walk(build, { readWindowDays: 47 })).edges).toContain(
        'old_source>build',
      );
      // From the dropped input, only the job that stopped still reads it.
      expect(await walk(await resolve('dataset', 'old_source'))).toEqual({
        nodes: ['archive', 'cold', 'old_source'],
        edges: ['archive>cold', 'old_source>archive'],
        truncated: false,
      });
      expect(
        (await walk(await resolve('job', 'skewed'))).edges.filter(e =>
          e.endsWith('>skewed'),
        ),
      ).toEqual(['fresh_input>skewed', 'kept_input>skewed', 'mart>skewed']);
      // As of 50 days ago, build had last run 10 days before, reading
      // old_source, and monthly was not yet seen. Its later runs count as
      // seen then, the window's end.
      const asOf = (await walk(build, { asOf: now - 50 * DAY })).edges.filter(
        e => e.endsWith('>build'),
      );
      expect(asOf).toEqual(['daily>build', 'old_source>build']);
      // A cap the root alone fills still reports what it left out.
      expect(
        await walk(await resolve('dataset', 'old_source'), { maxNodes: 1 }),
      ).toEqual({ nodes: ['old_source'], edges: [], truncated: true });
      // But not a job whose edge from it is no longer current: nothing was
      // cut.
      expect(
        await walk(await resolve('dataset', 'stale_input'), { maxNodes: 1 }),
      ).toEqual({ nodes: ['stale_input'], edges: [], truncated: false });
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps the edges a job's whole runs saw while its later runs' lineage is incomplete, until a whole run drops them, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const { at } = clock();
      const id = (i: number) =>
        `01936893-9751-7a91-a2a0-${String(i).padStart(12, '0')}`;
      /** A run whose `extractionError` facet says what `facet` does. */
      const withExtractionError = (
        { event }: ReturnType<typeof run>,
        facet: object,
      ) =>
        validEvent({
          ...event,
          run: { ...event.run, facets: { extractionError: facet } },
        });
      // As Airflow's SQL operators send it: 1 statement of 2 not parsed.
      const oneOfTwoFailed = {
        totalTasks: 2,
        failedTasks: 1,
        errors: [
          {
            errorMessage: 'Expected table name but got EOF',
            task: 'INSERT INTO b SELECT * FROM',
            taskNumber: 1,
          },
        ],
      };
      await store.ingest([
        run(id(1), 'load', ['src'], ['a', 'b'], at(60)),
        // 50 days later, more than the window: only a and the new c named.
        withExtractionError(
          run(id(2), 'load', ['src'], ['a', 'c'], at(10)),
          oneOfTwoFailed,
        ),
        // A facet counting no failure leaves a run whole.
        run(id(3), 'other', [], ['x', 'y'], at(60)),
        withExtractionError(run(id(4), 'other', [], ['x'], at(10)), {
          totalTasks: 2,
          failedTasks: 0,
          errors: [],
        }),
      ]);
      const reader = new LineageReader(knex);
      const outputsOf = async (job: string) => {
        const root = (await reader.resolve(parseNodeId(`job:etl:${job}`)!))!;
        const graph = await reader.graph({
          root,
          upstreamDepth: 1,
          downstreamDepth: 1,
          maxNodes: 100,
          edges: 'current',
        });
        const short = (nodeId: string) => nodeId.split(':').pop();
        const current = (await reader.currentDatasetsOf([root.id])).get(
          root.id,
        )!;
        return {
          graph: graph.edges
            .map(e => `${short(e.source)}>${short(e.target)}`)
            .sort(),
          current: (await reader.datasets([...current.out!]))
            .map(d => d.name)
            .sort(),
        };
      };

      expect(await outputsOf('load')).toEqual({
        graph: ['load>a', 'load>b', 'load>c', 'src>load'],
        current: ['a', 'b', 'c'],
      });
      expect(await outputsOf('other')).toEqual({
        graph: ['other>x'],
        current: ['x'],
      });

      // A whole run without b, 55 days after b was last seen, drops it.
      await store.ingest([run(id(5), 'load', ['src'], ['a'], at(5))]);
      expect(await outputsOf('load')).toEqual({
        graph: ['load>a', 'load>c', 'src>load'],
        current: ['a', 'c'],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'pages raw events by their size as well as by count, one event at least, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const events = [100, 2_000, 2_000, 9_000, 100].map((noteLength, i) => {
        const event = run(
          `01936893-9751-7a91-a2a0-00000000010${i}`,
          'load',
          ['raw'],
          ['mart'],
          `2026-12-01T10:0${i}:00Z`,
        );
        return validEvent({
          ...event.event,
          run: {
            ...event.event.run,
            facets: { note: { text: 'x'.repeat(noteLength) } },
          },
        });
      });
      await store.ingest(events);
      const bytes = events.map(e => Buffer.byteLength(e.payload));
      const reader = new LineageReader(knex, {
        maxEventPageBytes: bytes[0] + bytes[1],
      });

      const pages: string[][] = [];
      let cursor: { time: number; id: number } | undefined;
      do {
        const page = await reader.events({ cursor, limit: 10 });
        pages.push(page.payloads);
        cursor = page.next;
      } while (cursor);

      const payloads = events.map(e => e.payload);
      expect(pages).toEqual([
        payloads.slice(0, 2),
        [payloads[2]],
        [payloads[3]],
        [payloads[4]],
      ]);
      expect((await reader.events({ limit: 1 })).payloads).toEqual([
        payloads[0],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps payloads deflated on SQLite, as text on Postgres, and reads back their text and that of payloads stored as text, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const received = run(
        '01936893-9751-7a91-a2a0-000000000201',
        'load',
        ['raw'],
        ['mart'],
        '2026-12-01T10:00:00Z',
      );
      await store.ingest([received]);
      const [{ payload }] = await knex('lineage_events').select('payload');
      expect({
        deflated: Buffer.isBuffer(payload),
        text: eventPayloadText(payload),
      }).toEqual({
        deflated: databaseId !== POSTGRES_TEST_DATABASE_ID,
        text: received.payload,
      });
      // As stored before payloads were deflated, or by another writer.
      const asText = JSON.stringify({
        ...received.event,
        eventTime: '2026-12-01T11:00:00Z',
      });
      await knex('lineage_events').insert({
        event_hash: 'a'.repeat(64),
        kind: 'run',
        event_type: 'COMPLETE',
        event_time: Date.parse('2026-12-01T11:00:00Z'),
        received_at: Date.now(),
        payload: asText,
      });
      const reader = new LineageReader(knex);
      expect((await reader.events({ limit: 10 })).payloads).toEqual([
        received.payload,
        asText,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "stops Marquez's walk at the cap, reading few of a hub table's readers, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const readers = 3_000;
      const id = (i: number) =>
        `01936893-9751-7a91-a2a0-${String(i).padStart(12, '0')}`;
      await store.ingest([
        run(id(0), 'start', ['hub'], ['own']),
        ...Array.from({ length: readers }, (_, i) =>
          run(id(i + 1), `reader_${i}`, ['hub'], [`out_${i}`]),
        ),
        // side reads x, as a, b and c do; a writes the hub.
        run(id(readers + 1), 'side', ['x'], []),
        run(id(readers + 2), 'a', ['x'], ['hub']),
        run(id(readers + 3), 'b', ['x'], []),
        run(id(readers + 4), 'c', ['x'], []),
      ]);
      const reader = new LineageReader(knex);
      const root = (await reader.resolve(parseNodeId('job:etl:start')!))!;
      // A walk's graph, and how many rows its queries answered.
      const walkCountingRows = async (from: ResolvedNode, maxNodes: number) => {
        let rows = 0;
        const count = (response: unknown) => {
          rows += Array.isArray(response)
            ? response.length
            : (response as { rows?: unknown[] })?.rows?.length ?? 0;
        };
        knex.on('query-response', count);
        try {
          const graph = await reader.marquezGraph({
            root: from,
            depth: 20,
            maxNodes,
            edges: 'current',
          });
          return { graph, rows };
        } finally {
          knex.removeListener('query-response', count);
        }
      };

      const capped = await walkCountingRows(root, 3);
      expect(capped.graph.nodes.map(n => n.id).sort()).toEqual([
        `dataset:${NS}:hub`,
        `dataset:${NS}:own`,
        'job:etl:start',
      ]);
      expect(capped.graph.truncated).toBe(true);
      // The hub's readers once, by id, and the edges of one of them: not
      // the edges of all 3,000 (9,006 rows read before).
      expect(capped.rows).toBeLessThan(readers + 100);
      const whole = await reader.marquezGraph({
        root,
        depth: 1,
        maxNodes: 100_000,
        edges: 'current',
      });
      // start, hub, own; each reader and its output; a, writing the hub, and x.
      expect(whole.nodes).toHaveLength(5 + 2 * readers);
      expect(whole.truncated).toBe(false);

      // Cut at side's readers: the hub a writes, shown no more, is not
      // looked up.
      const cut = await walkCountingRows(
        (await reader.resolve(parseNodeId('job:etl:side')!))!,
        4,
      );
      expect(cut.graph.nodes.map(n => n.id).sort()).toEqual([
        `dataset:${NS}:x`,
        'job:etl:a',
        'job:etl:b',
        'job:etl:side',
      ]);
      expect(cut.graph.truncated).toBe(true);
      expect(cut.rows).toBeLessThan(100);
    },
  );

  it.each(databases.eachSupportedId())(
    "reads the child jobs of many DAGs' tasks in four queries a level, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      const dags = 20;
      const id = (i: number) =>
        `01936893-9751-7a91-a2a0-${String(i).padStart(12, '0')}`;
      const child = (
        runId: string,
        job: string,
        parent: { runId: string; job: string },
        outputs: string[],
      ) =>
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T10:00:00Z',
          producer: 'https://example.com/test',
          run: {
            runId,
            facets: {
              parent: {
                run: { runId: parent.runId },
                job: { namespace: 'airflow', name: parent.job },
              },
            },
          },
          job: { namespace: 'airflow', name: job },
          outputs: outputs.map(name => ({ namespace: NS, name })),
        });
      // Each DAG (sending no event of its own) has a task naming nothing,
      // which runs an application writing a table.
      await store.ingest(
        Array.from({ length: dags }, (_, i) => [
          child(
            id(100 + i),
            `task_${i}`,
            { runId: id(i), job: `dag_${i}` },
            [],
          ),
          child(
            id(200 + i),
            `app_${i}`,
            { runId: id(100 + i), job: `task_${i}` },
            [`table_${i}`],
          ),
        ]).flat(),
      );
      const tables = await Promise.all(
        Array.from({ length: dags }, (_, i) =>
          reader.datasetByName(NS, `table_${i}`),
        ),
      );
      const runQueries: string[] = [];
      knex.on('query', ({ sql }: LoggedQuery) => {
        if (/[`"]lineage_runs[`"]/.test(sql)) runQueries.push(sql);
      });

      const { items: found } = await reader.searchWrites('job', 'dag_', {
        limit: dags,
        outputsIn: tables.map(table => table!.id),
      });

      expect(
        Object.fromEntries(found.map(dag => [dag.name, dag.writes])),
      ).toEqual(
        Object.fromEntries(
          tables.map((table, i) => [
            `dag_${i}`,
            [
              {
                job: { namespace: 'airflow', name: `app_${i}` },
                datasetId: table!.id,
              },
            ],
          ]),
        ),
      );
      // Four for the tasks, one for which of them have children, four for
      // the applications: not four for each DAG and task (161).
      expect(runQueries).toHaveLength(9);
    },
  );

  // Trigram indexes are Postgres's (pg_trgm); SQLite keeps scanning.
  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'finds datasets, jobs and the names symlinks give datasets by part of a name through trigram indexes on Postgres',
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      const { rows: extension } = await knex.raw(
        "select 1 from pg_extension where extname = 'pg_trgm'",
      );
      expect(extension).toHaveLength(1);
      await store.ingest([
        run(
          '01936893-9751-7a91-a2a0-000000000001',
          'orders.build',
          ['raw_orders'],
          ['orders'],
        ),
      ]);
      // Symlink names enough that walking the whole primary key costs more.
      const dataset = await reader.datasetByName(NS, 'orders');
      await knex('lineage_symlinks').insert(
        Array.from({ length: 20_000 }, (_, i) => ({
          dataset_id: dataset!.id,
          namespace: 'hive://metastore',
          name: `warehouse.table_${i}`,
        })),
      );
      await knex.raw('analyze lineage_symlinks');
      const searches: LoggedQuery[] = [];
      knex.on('query', (query: LoggedQuery) => {
        if (query.sql.includes('ilike')) searches.push(query);
      });

      const found = [
        // Datasets, then the names their symlinks give them.
        await reader.search('dataset', 'order', 10),
        await reader.search('job', 'ders.bu', 10),
        (
          await reader.searchWrites('job', 'orders', {
            limit: 10,
            outputsIn: [],
          })
        ).items,
        // Datasets, then the names their symlinks give them.
        (
          await reader.searchWrites('dataset', 'orders', {
            limit: 10,
            outputsIn: [],
          })
        ).items,
      ];

      expect(found[0].map(d => d.name)).toEqual(['orders', 'raw_orders']);
      expect(found[1].map(j => j.name)).toEqual(['orders.build']);
      expect(searches).toHaveLength(6);
      // Each search's own statement, planned with neither a table scan nor
      // a walk of a whole b-tree allowed: it can use the trigram indexes.
      const plans = await plansOf(knex, searches, [
        'enable_seqscan = off',
        'enable_indexscan = off',
      ]);
      expect(plans[0]).toMatch(/lineage_datasets_name_trgm/);
      expect(plans[0]).toMatch(/lineage_datasets_namespace_trgm/);
      expect(plans[1]).toMatch(/lineage_symlinks_name_trgm/);
      expect(plans[1]).toMatch(/lineage_symlinks_namespace_trgm/);
      expect(plans[2]).toMatch(/lineage_jobs_name_trgm/);
      expect(plans[3]).toMatch(/lineage_jobs_name_trgm/);
      expect(plans[4]).toMatch(/lineage_datasets_name_trgm/);
      expect(plans[5]).toMatch(/lineage_symlinks_name_trgm/);
      expect(plans[5]).toMatch(/lineage_symlinks_namespace_trgm/);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    "reads a parent job's child jobs through indexes on Postgres",
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest([
        validEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-12-01T10:00:00Z',
          producer: 'https://example.com/test',
          run: {
            runId: '01936893-9751-7a91-a2a0-000000000002',
            facets: {
              parent: {
                run: { runId: '01936893-9751-7a91-a2a0-0000000000d0' },
                job: { namespace: 'airflow', name: 'nightly_dag' },
                root: {
                  run: { runId: '01936893-9751-7a91-a2a0-0000000000d0' },
                  job: { namespace: 'airflow', name: 'nightly_dag' },
                },
              },
            },
          },
          job: { namespace: 'etl', name: 'orders.build' },
          outputs: [{ namespace: NS, name: 'orders' }],
        }),
      ]);
      const orders = await reader.datasetByName(NS, 'orders');
      const runQueries: LoggedQuery[] = [];
      knex.on('query', (query: LoggedQuery) => {
        if (query.sql.includes('"lineage_runs"')) runQueries.push(query);
      });

      const {
        items: [dag],
      } = await reader.searchWrites('job', 'nightly_dag', {
        limit: 10,
        outputsIn: [orders!.id],
      });

      expect(dag.writes).toEqual([
        {
          job: { namespace: 'etl', name: 'orders.build' },
          datasetId: orders!.id,
        },
      ]);
      expect(runQueries).toHaveLength(4);
      const plans = await plansOf(knex, runQueries, ['enable_seqscan = off']);
      for (const plan of plans) expect(plan).not.toMatch(/Seq Scan/);
      expect(plans.join('\n')).toMatch(/lineage_runs_job_idx/);
      expect(plans.join('\n')).toMatch(/lineage_runs_root_job_idx/);
      expect(plans.join('\n')).toMatch(/lineage_runs_parent_job_idx/);
      expect(plans.join('\n')).toMatch(/lineage_runs_parent_idx/);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    "reads a page of a job's runs from its cursor in an index, unsorted, on Postgres",
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest(
        ['10', '11', '12'].map(hour =>
          run(
            `01936893-9751-7a91-a2a0-0000000000${hour}`,
            'hourly',
            [],
            ['y'],
            `2026-12-01T${hour}:00:00Z`,
          ),
        ),
      );
      const job = await reader.resolve(parseNodeId('job:etl:hourly')!);
      const pageQueries: LoggedQuery[] = [];
      knex.on('query', (query: LoggedQuery) => {
        if (query.sql.includes('"lineage_runs"')) pageQueries.push(query);
      });

      const { next } = await reader.runsOfJob(job!.id, 1);
      await reader.runsOfJob(job!.id, 1, { before: Date.now(), after: next });

      expect(pageQueries).toHaveLength(2);
      const plans = await plansOf(knex, pageQueries, [
        'enable_seqscan = off',
        'enable_bitmapscan = off',
        'enable_sort = off',
      ]);
      for (const plan of plans) {
        expect(plan).toMatch(
          /Index Scan Backward using lineage_runs_listing_idx/,
        );
        expect(plan).not.toMatch(/Sort/);
      }
    },
  );
  /* eslint-enable jest/no-standalone-expect */
});
