/* eslint-disable no-console */
/**
 * `yarn bench lineage`, on SQLite and Postgres:
 *
 * - Ingest: generated OpenLineage events (START and COMPLETE pairs, 2–5
 *   inputs and outputs, schema and column-lineage facets) posted to a real
 *   backend over HTTP by producers in a worker thread (as other processes
 *   would): batches of 500 from 4 producers, and single events from 16,
 *   against the raw ceiling: inserting the same event rows with no
 *   processing, in the same database, in the same run.
 * - Query: a generated graph of 100,000 datasets, 50,000 jobs and 300,000
 *   edges; downstream depth 5, and depth 20 capped at 2,000 nodes, against a
 *   Marquez-style recursive CTE over the same tables.
 * - Memory: peak RSS of this process, which hosts the backend.
 *
 * Options: --events=N (batched, default 100000), --producers=N (batch
 * producers, default 4), --single=N (default 4000),
 * --datasets=N (default 100000), --queries=N (default 40),
 * --db=sqlite|postgres|both (default both).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { reportBenchmark } from '@meshwork/test-utils';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import { lineagePlugin } from '../src/plugin';
import { LineageReader } from '../src/store/LineageReader';
import { OpenLineageEventStore } from '../src/store/OpenLineageEventStore';

process.env.LOG_LEVEL ??= 'warn';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const EVENTS = Number(arg('events', '100000'));
const SINGLE = Number(arg('single', '4000'));
const DATASETS = Number(arg('datasets', '100000'));
const QUERIES = Number(arg('queries', '40'));
const DATABASES =
  arg('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('db', 'both')];
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const TOKEN = 'lineage-bench-token';
const PORT = 7079;
const BATCH = 500;
const BATCH_PRODUCERS = Number(arg('producers', '4'));

/** Deterministic pseudo-random numbers, so runs compare. */
let seed = 7;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (n: number) => Math.floor(random() * n);

function generateEvents(count: number, prefix: string): object[] {
  const events: object[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; events.length < count; i++) {
    const runId = `0000${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const job = { namespace: 'bench', name: `job_${pick(5000)}` };
    const datasets = (n: number) =>
      Array.from({ length: n }, () => ({
        namespace: 'postgres://bench-db:5432',
        name: `schema.table_${pick(20000)}`,
      }));
    const inputs = datasets(2 + pick(4));
    const fields = Array.from({ length: 8 }, (_, f) => ({
      name: `col_${f}`,
      type: 'VARCHAR',
    }));
    const outputs = datasets(2 + pick(4)).map(output => ({
      ...output,
      facets: {
        schema: { fields },
        columnLineage: {
          fields: Object.fromEntries(
            fields.map(f => [
              f.name,
              {
                inputFields: [
                  {
                    ...inputs[pick(inputs.length)],
                    field: f.name,
                    transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
                  },
                ],
              },
            ]),
          ),
        },
      },
      outputFacets: { outputStatistics: { rowCount: 1000 + pick(100000) } },
    }));
    const time = start + i * 1000;
    const base = {
      producer: 'https://meshwork.dev/bench',
      run: { runId },
      job,
    };
    events.push({
      ...base,
      eventType: 'START',
      eventTime: new Date(time).toISOString(),
    });
    events.push({
      ...base,
      eventType: 'COMPLETE',
      eventTime: new Date(time + 500).toISOString(),
      inputs,
      outputs,
    });
  }
  return events.slice(0, count);
}

function databaseConfig(kind: string, dir: string, prefix: string) {
  return kind === 'sqlite'
    ? {
        client: 'better-sqlite3',
        connection: { directory: path.join(dir, prefix) },
      }
    : { client: 'pg', prefix, connection: POSTGRES };
}

function pluginKnex(kind: string, dir: string, prefix: string): Knex {
  return kind === 'sqlite'
    ? knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, prefix, 'lineage.sqlite') },
        useNullAsDefault: true,
      })
    : knexFactory({
        client: 'pg',
        connection: { ...POSTGRES, database: `${prefix}lineage` },
      });
}

async function dropPostgres(prefix: string) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database: 'postgres' },
  });
  await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
    `${prefix}lineage`,
  ]);
  await admin.destroy();
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/**
 * The producers: a worker thread posting `bodies` to `url`, `concurrency`
 * requests in flight, so that they do not share the backend's event loop
 * (real producers are other processes). Each request's latency, and the
 * whole run's time.
 */
const PRODUCERS = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, bodies, concurrency } = workerData;
const latencies = [];
let next = 0;
async function producer() {
  while (next < bodies.length) {
    const body = bodies[next++];
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(url + ': ' + res.status + ' ' + text);
    latencies.push(performance.now() - started);
  }
}
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, producer)).then(() =>
  parentPort.postMessage({ elapsedMs: performance.now() - started, latencies }),
);
`;

function produce(
  url: string,
  bodies: string[],
  concurrency: number,
): Promise<{ elapsedMs: number; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PRODUCERS, {
      eval: true,
      workerData: { url, token: TOKEN, bodies, concurrency },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code => {
      if (code !== 0) reject(new Error(`producers exited with ${code}`));
    });
  });
}

async function benchIngest(kind: string, dir: string) {
  const prefix = `bench_lineage_ingest_${process.pid}_`;
  const backend = createBackend();
  const config = new ConfigReader({
    backend: {
      baseUrl: `http://localhost:${PORT}`,
      listen: { port: PORT },
      database: databaseConfig(kind, dir, prefix),
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'bench' } },
        ],
      },
    },
  });
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(lineagePlugin);
  await backend.start();
  const url = `http://localhost:${PORT}/api/lineage/api/v1/lineage`;
  try {
    const batched = generateEvents(EVENTS, '0001').map(e => JSON.stringify(e));
    const batches: string[] = [];
    for (let i = 0; i < batched.length; i += BATCH) {
      batches.push(`[${batched.slice(i, i + BATCH).join(',')}]`);
    }
    const batchedRun = await produce(`${url}/batch`, batches, BATCH_PRODUCERS);
    const batchedRate = batched.length / (batchedRun.elapsedMs / 1000);

    const singles = generateEvents(SINGLE, '0002').map(e => JSON.stringify(e));
    const singleRun = await produce(url, singles, 16);
    const singleRate = singles.length / (singleRun.elapsedMs / 1000);
    const latencies = singleRun.latencies;

    // The raw ceiling: the same rows, prepared, inserted with no processing.
    const knex = pluginKnex(kind, dir, prefix);
    await knex.schema.createTable('bench_raw_events', table => {
      table.bigIncrements('id').primary();
      table.string('event_hash', 64).notNullable().unique();
      table.bigInteger('event_time').notNullable();
      table.text('payload').notNullable();
    });
    const rows = batched.map((payload, i) => ({
      event_hash: createHash('sha256').update(payload).digest('hex'),
      event_time: i,
      payload,
    }));
    const started = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      await knex.transaction(async tx => {
        for (let j = i; j < Math.min(i + BATCH, rows.length); j += 100) {
          await tx('bench_raw_events').insert(
            rows.slice(j, Math.min(j + 100, i + BATCH, rows.length)),
          );
        }
      });
    }
    const rawRate = rows.length / ((performance.now() - started) / 1000);
    await knex.destroy();

    const raw = { name: 'raw insert of the same rows', value: rawRate };
    reportBenchmark({
      name: `[${kind}] ingest batched (${EVENTS} events, ${BATCH}/request, ${BATCH_PRODUCERS} producers)`,
      value: batchedRate,
      unit: 'events/s',
      baseline: raw,
      target: { min: 5000 },
    });
    reportBenchmark({
      name: `[${kind}] ingest single, 16 clients (${SINGLE} events)`,
      value: singleRate,
      unit: 'events/s',
      baseline: raw,
      target: { min: 1000 },
    });
    reportBenchmark({
      name: `[${kind}] ingest single p50`,
      value: percentile(latencies, 50),
      unit: 'ms',
    });
    reportBenchmark({
      name: `[${kind}] ingest single p99`,
      value: percentile(latencies, 99),
      unit: 'ms',
      target: { max: 50 },
    });
  } finally {
    await backend.stop();
    if (kind === 'postgres') await dropPostgres(prefix);
  }
}

/** A layered graph: jobs read 3 datasets of one layer and write 3 of the next. */
async function generateGraph(knex: Knex) {
  const layers = 25;
  const perLayer = Math.floor(DATASETS / layers);
  const jobs = Math.floor(DATASETS / 2);
  const now = Date.now();
  const datasetRows = Array.from({ length: perLayer * layers }, (_, i) => ({
    id: i + 1,
    namespace: 'bench',
    name: `layer_${Math.floor(i / perLayer)}.table_${i % perLayer}`,
    facets: '{}',
    facet_times: '{}',
    created_at: now,
    updated_at: now,
  }));
  const jobRows = Array.from({ length: jobs }, (_, i) => ({
    id: i + 1,
    namespace: 'bench',
    name: `job_${i}`,
    facets: '{}',
    facet_times: '{}',
    created_at: now,
    updated_at: now,
  }));
  const io = new Map<string, object>();
  for (let j = 0; j < jobs; j++) {
    const layer = pick(layers - 1);
    for (let k = 0; k < 3; k++) {
      const input = layer * perLayer + pick(perLayer) + 1;
      const output = (layer + 1) * perLayer + pick(perLayer) + 1;
      io.set(`${input}|in|${j + 1}`, {
        dataset_id: input,
        direction: 'in',
        job_id: j + 1,
        first_seen: 0,
        last_seen: 0,
      });
      io.set(`${output}|out|${j + 1}`, {
        dataset_id: output,
        direction: 'out',
        job_id: j + 1,
        first_seen: 0,
        last_seen: 0,
      });
    }
  }
  for (const [table, rows] of [
    ['lineage_datasets', datasetRows],
    ['lineage_jobs', jobRows],
    ['lineage_io', [...io.values()]],
  ] as const) {
    await knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx(table).insert(rows.slice(i, i + 500));
      }
    });
  }
  if (knex.client.config.client === 'pg') {
    await knex.raw('ANALYZE');
  }
  return { datasets: datasetRows.length, jobs, edges: io.size, perLayer };
}

/** Marquez's approach: one recursive CTE walking job inputs to outputs. */
async function recursiveCte(
  knex: Knex,
  root: number,
  depth: number,
  cap?: number,
) {
  const query = knex
    .withRecursive('walk', ['dataset_id', 'depth'], qb => {
      qb.select('id', knex.raw('0'))
        .from('lineage_datasets')
        .where('id', root)
        .union(function step() {
          this.select('o.dataset_id', knex.raw('walk.depth + 1'))
            .from('walk')
            .join('lineage_io as i', function onInput() {
              this.on('i.dataset_id', '=', 'walk.dataset_id').andOnVal(
                'i.direction',
                '=',
                'in',
              );
            })
            .join('lineage_io as o', function onOutput() {
              this.on('o.job_id', '=', 'i.job_id').andOnVal(
                'o.direction',
                '=',
                'out',
              );
            })
            .where('walk.depth', '<', depth);
        });
    })
    .from('walk')
    .distinct('dataset_id');
  return cap ? query.limit(cap) : query;
}

async function benchQuery(kind: string, dir: string) {
  const prefix = `bench_lineage_query_${process.pid}_`;
  if (kind === 'sqlite')
    await fs.mkdir(path.join(dir, prefix), { recursive: true });
  else {
    const admin = knexFactory({
      client: 'pg',
      connection: { ...POSTGRES, database: 'postgres' },
    });
    await admin.raw('CREATE DATABASE ??', [`${prefix}lineage`]);
    await admin.destroy();
  }
  const knex = pluginKnex(kind, dir, prefix);
  try {
    await OpenLineageEventStore.create(knex);
    let started = performance.now();
    const size = await generateGraph(knex);
    console.log(
      `[${kind}] graph: ${size.datasets} datasets, ${size.jobs} jobs, ${
        size.edges
      } edges (generated in ${Math.round(
        (performance.now() - started) / 1000,
      )} s)`,
    );
    const reader = new LineageReader(knex);
    const roots = Array.from(
      { length: QUERIES },
      () => pick(size.perLayer) + 1,
    );
    for (const [depth, cap, target] of [
      [5, 100_000, 50],
      [20, 2000, 300],
    ] as const) {
      const ours: number[] = [];
      const cte: number[] = [];
      let nodes = 0;
      let truncated = 0;
      for (const root of roots) {
        started = performance.now();
        const graph = await reader.graph({
          root: { type: 'dataset', id: root, namespace: 'bench', name: '' },
          upstreamDepth: 0,
          downstreamDepth: depth,
          maxNodes: cap,
        });
        ours.push(performance.now() - started);
        nodes += graph.nodes.length;
        truncated += graph.truncated ? 1 : 0;
        started = performance.now();
        await recursiveCte(knex, root, depth, cap < 100_000 ? cap : undefined);
        cte.push(performance.now() - started);
      }
      console.log(
        `[${kind}] downstream depth ${depth}, cap ${cap}: ${Math.round(
          nodes / roots.length,
        )} nodes on average, ${truncated}/${roots.length} truncated`,
      );
      reportBenchmark({
        name: `[${kind}] downstream depth ${depth}${
          cap < 100_000 ? ` cap ${cap}` : ''
        } p95`,
        value: percentile(ours, 95),
        unit: 'ms',
        baseline: { name: 'recursive CTE p95', value: percentile(cte, 95) },
        target: { max: target },
      });
    }
  } finally {
    await knex.destroy();
    if (kind === 'postgres') await dropPostgres(prefix);
  }
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-bench-'));
  try {
    for (const kind of DATABASES) {
      await benchIngest(kind, dir);
      await benchQuery(kind, dir);
    }
    reportBenchmark({
      name: 'peak RSS (backend and bench in one process)',
      value: process.resourceUsage().maxRSS / 1024,
      unit: 'MB',
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// The stopped backend leaves timers behind, so exit when done.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
