/* eslint-disable no-console */
/**
 * `yarn bench lineage`, on SQLite and Postgres:
 *
 * - Ingest: generated OpenLineage events (START and COMPLETE pairs of runs
 *   of 5,000 pipelines, each reading 2–5 tables and writing 2–5 with schema
 *   and column-lineage facets, the same every run but for one run in 50,
 *   which adds a column) posted to a real
 *   backend over HTTP by producers in a child process: batches of 500 from
 *   4 producers, and single events from 16,
 *   against the raw ceiling: inserting the same event rows (payloads as
 *   the store keeps them) with no processing, in the same database, in the
 *   same run; and against the
 *   store alone: the same events parsed in advance and stored through the
 *   backend's ingest queue, without HTTP, in an empty database. Single
 *   events are also measured against the HTTP ceiling: the same requests
 *   to a route of the same backend that checks the token and parses the
 *   body, nothing more (`httpCeilingPlugin`). For both, the CPU time per
 *   event of the backend (against the store alone's, and the ceiling's) and
 *   of the producers, and the share of the machine's cores busy: whether
 *   the run is bound by CPU, and by whose.
 * - Query: a generated graph of 100,000 datasets, 50,000 jobs and 300,000
 *   edges, half the jobs tasks of 1,000 DAGs, 10 daily runs each;
 *   downstream depth 5, and depth 20 capped at 2,000 nodes, each with every
 *   edge, and as the lineage tab asks (current edges only, each job's
 *   parent job, and each node's type), against a Marquez-style recursive CTE over the same
 *   tables (which finds the datasets reached, without jobs, edges or
 *   names); from each root, the three in turn, each first from a third of
 *   the roots; after 5 untimed walks of each kind from other roots. And
 *   Marquez's own walk as `GET /api/v1/lineage` answers it by default
 *   (depth 20, at most 10,000 nodes, current edges), from the first 10 roots,
 *   against a recursive CTE that, as Marquez's, finds the jobs within
 *   that many hops through a shared dataset, either way, as many as the cap.
 *   Last, with symlinks: every third written table (about a quarter of all
 *   datasets) then written by path, as Spark on Hive writes, its runs
 *   stored through the store with a `symlinks` facet naming the table its
 *   readers read; the plain walk and the lineage tab's at both depths, and
 *   Marquez's, from the same roots, against the same walks' p95 without
 *   symlinks in this run.
 * - On-call finder: over the same graph, with one dataset in 20 a
 *   product's port, the jobs and tables a term names that lead to a port
 *   (as `products/search` reads them), against the plain name search.
 * - Memory: the backend's peak RSS while ingesting (sampled: producers run
 *   in their own processes), and the peak RSS of this whole process, which
 *   hosts the backend and builds the query graph.
 *
 * Options: --events=N (batched, default 100000), --producers=N (batch
 * producers, default 4), --single=N (default 4000),
 * --datasets=N (default 100000), --queries=N (default 40),
 * --parser-threads=N (the backend's `lineage.ingest.parserThreads`),
 * --group-commit-delay-ms=N (its `lineage.ingest.groupCommitDelayMs`),
 * --db=sqlite|postgres|both (default both), --only=ingest|query (that part
 * alone; default both).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  LineageGraph,
  ParsedOpenLineageEvent,
  parseOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import { reportBenchmark } from '@meshwork/test-utils';
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import http from 'http';
import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { lineagePlugin } from '../src/plugin';
import { IngestQueue } from '../src/service/IngestQueue';
import { LineageReader } from '../src/store/LineageReader';
import { OpenLineageEventStore } from '../src/store/OpenLineageEventStore';
import { prepareEvent } from '../src/store/prepareEvent';
import { SqliteWalCheckpointer } from '../src/store/SqliteWalCheckpointer';
import { deflateEventPayload } from '../src/store/eventPayload';
import { syncSqliteCommits } from '../src/store/syncSqliteCommits';
import { updateJobParents } from '../src/store/updateJobParents';
import { HTTP_CEILING_PLUGIN_ID, httpCeilingPlugin } from './httpCeilingPlugin';

process.env.LOG_LEVEL ??= 'warn';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const EVENTS = Number(arg('events', '100000'));
const SINGLE = Number(arg('single', '4000'));
const DATASETS = Number(arg('datasets', '100000'));
const QUERIES = Number(arg('queries', '40'));
const DATABASES =
  arg('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('db', 'both')];
const ONLY = arg('only', 'both');
if (!['ingest', 'query', 'both'].includes(ONLY)) {
  throw new Error(`--only must be ingest or query, not ${ONLY}`);
}
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const TOKEN = 'lineage-bench-token';
const PORT = 7079;
const BATCH = 500;
/** Untimed walks of each kind, from other roots, before those timed. */
const WARM_UP_WALKS = 5;
/** Layers of datasets of the query graph; jobs lead from one to the next. */
const GRAPH_LAYERS = 25;
/** A query graph walk's node cap that no walk reaches. */
const NO_CAP = 100_000;
/** The timed walks' depth, node cap, and the issue's target p95 in ms. */
const WALKS = [
  [5, NO_CAP, 50],
  [20, 2000, 300],
] as const;
/**
 * One in this many of the query graph's written tables (by id) is written
 * by path and named by its files' `symlinks` facet in the symlinked run:
 * about a quarter of all its datasets.
 */
const SYMLINKED_EVERY = 3;
/**
 * How many of the query roots Marquez's walk is timed from: its recursive
 * CTE takes about 8 s on Postgres.
 */
const MARQUEZ_WALK_ROOTS = 10;
/** Marquez's walk as `GET /api/v1/lineage` answers it by default. */
const MARQUEZ_DEPTH = 20;
const MARQUEZ_CAP = 10_000;

const BATCH_PRODUCERS = Number(arg('producers', '4'));
/** The backend's ingest settings given as options; its defaults else. */
const INGEST_SETTINGS = Object.fromEntries(
  (
    [
      ['parser-threads', 'parserThreads'],
      ['group-commit-delay-ms', 'groupCommitDelayMs'],
    ] as const
  ).flatMap(([option, setting]) =>
    process.argv.some(a => a.startsWith(`--${option}=`))
      ? [[setting, Number(arg(option, ''))]]
      : [],
  ),
);

/**
 * Deterministic pseudo-random numbers, so runs compare: a linear
 * congruential generator modulo 2^31, whose period is 2^31. Its product is
 * taken with `Math.imul`: as a double it would pass 2^53 and be rounded,
 * and the rounded sequence repeats every 10,466 numbers (the events every
 * 1,000 or so).
 */
let seed = 7;
function random() {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 2147483648;
}
const pick = (n: number) => Math.floor(random() * n);

type Named = { namespace: string; name: string };

/**
 * A scheduled job and what each of its runs reads and writes: the same
 * tables and column lineage every run, until its schema gains a column.
 */
type Pipeline = {
  job: Named;
  inputs: Named[];
  outputs: Named[];
  fields: Array<{ name: string; type: string }>;
  /** The input each field is copied from. */
  sources: Named[];
};

const PIPELINES = 5000;
/** One run in this many adds a column to its pipeline's outputs. */
const SCHEMA_CHANGE_RUNS = 50;

const benchTable = (name: string) => ({
  namespace: 'postgres://bench-db:5432',
  name: `schema.${name}`,
});

function addColumn(pipeline: Pipeline) {
  pipeline.fields.push({
    name: `col_${pipeline.fields.length}`,
    type: 'VARCHAR',
  });
  pipeline.sources.push(pipeline.inputs[pick(pipeline.inputs.length)]);
}

/** Each writes tables of its own, and reads 2–5 others' first two. */
function generatePipelines(): Pipeline[] {
  return Array.from({ length: PIPELINES }, (_, j) => {
    const pipeline: Pipeline = {
      job: { namespace: 'bench', name: `job_${j}` },
      inputs: Array.from({ length: 2 + pick(4) }, () =>
        benchTable(`table_${pick(PIPELINES)}_${pick(2)}`),
      ),
      outputs: Array.from({ length: 2 + pick(4) }, (_unused, k) =>
        benchTable(`table_${j}_${k}`),
      ),
      fields: [],
      sources: [],
    };
    for (let f = 0; f < 8; f++) addColumn(pipeline);
    return pipeline;
  });
}

/** Runs of pipelines picked at random, each a START and a COMPLETE event. */
function generateEvents(count: number, prefix: string): object[] {
  const pipelines = generatePipelines();
  const events: object[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; events.length < count; i++) {
    const runId = `0000${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const pipeline = pipelines[pick(PIPELINES)];
    if (pick(SCHEMA_CHANGE_RUNS) === 0) addColumn(pipeline);
    const { job, inputs, fields, sources } = pipeline;
    const outputs = pipeline.outputs.map(output => ({
      ...output,
      facets: {
        schema: { fields },
        columnLineage: {
          fields: Object.fromEntries(
            fields.map((f, index) => [
              f.name,
              {
                inputFields: [
                  {
                    ...sources[index],
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

/** The plugin's database under `prefix`, created empty. */
async function emptyKnex(kind: string, dir: string, prefix: string) {
  if (kind === 'sqlite') {
    await fs.mkdir(path.join(dir, prefix), { recursive: true });
  } else {
    const admin = knexFactory({
      client: 'pg',
      connection: { ...POSTGRES, database: 'postgres' },
    });
    await admin.raw('CREATE DATABASE ??', [`${prefix}lineage`]);
    await admin.destroy();
  }
  return pluginKnex(kind, dir, prefix);
}

/** Drops the databases of `prefix`'s plugins, by default the lineage one's. */
async function dropPostgres(prefix: string, pluginIds = ['lineage']) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database: 'postgres' },
  });
  try {
    for (const pluginId of pluginIds) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
        `${prefix}${pluginId}`,
      ]);
    }
  } finally {
    await admin.destroy();
  }
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

type ProducerTask =
  | {
      task: 'post';
      url: string;
      prefix: string;
      count: number;
      /** Events per request; 0 posts them one by one. */
      batch: number;
      concurrency: number;
    }
  | {
      /** The raw ceiling, or the store alone. */
      task: 'raw' | 'store';
      kind: string;
      dir: string;
      dbPrefix: string;
      prefix: string;
      count: number;
    };

type DatabaseTask = Exclude<ProducerTask, { task: 'post' }>;

/**
 * Runs `task` in a child process, as producers are: the backend's process
 * then neither shares its event loop with them nor holds their events, so
 * its throughput and peak RSS are its own.
 */
function runInChild<T>(task: ProducerTask): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1],
        `--producer=${Buffer.from(JSON.stringify(task)).toString('base64')}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.on('error', reject);
    // 'close', not 'exit': only then has all of its output been read.
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`producer ${task.task} exited with ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The events of `prefix`, the same in every process. */
function eventBodies(prefix: string, count: number): string[] {
  seed = 7;
  return generateEvents(count, prefix).map(e => JSON.stringify(e));
}

/**
 * Node's `http` with kept-alive connections: `fetch` took twice the CPU per
 * request (1.2 ms against 0.57 ms), which on a 2-core machine the producers
 * take from the backend they measure.
 */
const agent = new http.Agent({ keepAlive: true });

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Authorization: `Bearer ${TOKEN}`,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          res.statusCode! >= 300
            ? reject(
                new Error(
                  `${url}: ${res.statusCode} ${Buffer.concat(
                    chunks,
                  ).toString()}`,
                ),
              )
            : resolve(),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time this process has taken since `since`, in ms. */
function cpuMsSince(since: NodeJS.CpuUsage) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/**
 * Samples this process's RSS until stopped; returns the highest seen, in
 * MB. `maxRSS` cannot be reset, so it cannot tell the backend's peak while
 * ingesting from the query graph built later in this process.
 */
function samplePeakRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024;
  };
}

/** CPU time all of this machine's cores have been busy, in ms. */
function machineBusyMs() {
  return os
    .cpus()
    .reduce(
      (sum, { times }) => sum + times.user + times.nice + times.sys + times.irq,
      0,
    );
}

/**
 * A producer run: its time, each request's latency, its CPU time, and how
 * busy the machine's cores were meanwhile, in percent.
 */
type PostedRun = {
  elapsedMs: number;
  latencies: number[];
  cpuMs: number;
  machineBusyPercent: number;
};

/**
 * Posts the events, `concurrency` requests in flight; each one's latency,
 * and the CPU time it took (which, on this machine, the backend lacks).
 */
async function postEvents(
  task: Extract<ProducerTask, { task: 'post' }>,
): Promise<PostedRun> {
  const events = eventBodies(task.prefix, task.count);
  const bodies: string[] = [];
  if (task.batch === 0) {
    bodies.push(...events);
  } else {
    for (let i = 0; i < events.length; i += task.batch) {
      bodies.push(`[${events.slice(i, i + task.batch).join(',')}]`);
    }
  }
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const busy = machineBusyMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: task.concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const sent = performance.now();
        await post(task.url, body);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    elapsedMs,
    latencies,
    cpuMs: cpuMsSince(cpu),
    machineBusyPercent:
      ((machineBusyMs() - busy) / (elapsedMs * os.cpus().length)) * 100,
  };
}

/**
 * The raw ceiling: the same rows, prepared (payloads deflated on SQLite, as
 * the store keeps them), inserted with no processing.
 */
async function insertRawEvents(task: DatabaseTask) {
  const rows = eventBodies(task.prefix, task.count).map((payload, i) => ({
    event_hash: createHash('sha256').update(payload).digest('hex'),
    event_time: i,
    payload: task.kind === 'sqlite' ? deflateEventPayload(payload) : payload,
  }));
  const knex = pluginKnex(task.kind, task.dir, task.dbPrefix);
  if (task.kind === 'sqlite') {
    // Commits synced as the store's are, so the ceiling compares alike.
    await syncSqliteCommits(knex);
  }
  await knex.schema.createTable('bench_raw_events', table => {
    table.bigIncrements('id').primary();
    table.string('event_hash', 64).notNullable().unique();
    table.bigInteger('event_time').notNullable();
    table.text('payload').notNullable();
  });
  if (task.kind === 'postgres') {
    // Stored as the store stores payloads, so the ceiling compares alike.
    const { rows: same } = await knex.raw(
      "select 1 from pg_attribute where attrelid = 'lineage_events'::regclass and attname = 'payload' and attcompression = 'l'",
    );
    if (same.length > 0) {
      await knex.raw(
        'alter table bench_raw_events alter column payload set compression lz4',
      );
    }
  }
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
  const rate = rows.length / ((performance.now() - started) / 1000);
  await knex.destroy();
  return { rate };
}

/**
 * The store alone: the same events, parsed, validated and prepared (as a
 * parser thread does) in advance, stored
 * in an empty database through the backend's ingest queue in the batches
 * and from the producers the batched run has; no HTTP, no parsing.
 */
async function storeEventsAlone(task: DatabaseTask) {
  const knex = await emptyKnex(task.kind, task.dir, task.dbPrefix);
  const store = await OpenLineageEventStore.create(knex);
  const deflatePayload = store.deflatesPayloads;
  const events = eventBodies(task.prefix, task.count).map(body => {
    const parsed = parseOpenLineageEvent(JSON.parse(body));
    if (!parsed.ok) throw new Error(`A generated event is invalid: ${body}`);
    return prepareEvent(parsed, { deflatePayload });
  });
  const queue = new IngestQueue(store);
  // As the plugin does: the write-ahead log is copied back off this thread.
  const checkpointer = await SqliteWalCheckpointer.start(knex, {
    onError: message => console.error(message),
  });
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BATCH_PRODUCERS }, async () => {
      while (next < events.length) {
        const batch = events.slice(next, next + BATCH);
        next += BATCH;
        await queue.ingest(batch);
      }
    }),
  );
  const rate = events.length / ((performance.now() - started) / 1000);
  const cpuMsPerEvent = cpuMsSince(cpu) / events.length;
  await checkpointer?.stop();
  await knex.destroy();
  return { rate, cpuMsPerEvent };
}

/** A producer run, and the CPU time this process, the backend, took meanwhile. */
async function postFromChild(
  task: Extract<ProducerTask, { task: 'post' }>,
): Promise<PostedRun & { backendCpuMs: number }> {
  const cpu = process.cpuUsage();
  const run = await runInChild<PostedRun>(task);
  return { ...run, backendCpuMs: cpuMsSince(cpu) };
}

/**
 * The CPU a run took: the backend's per event, and how busy the machine's
 * cores were, which tells whether the run was bound by CPU on this machine.
 */
function reportCpu(
  name: string,
  run: PostedRun & { backendCpuMs: number },
  count: number,
  baseline: { name: string; value: number },
) {
  reportBenchmark({
    name: `${name}: the backend's CPU time per event`,
    value: run.backendCpuMs / count,
    unit: 'ms',
    baseline,
  });
  reportBenchmark({
    name: `${name}: the producers' CPU time per event`,
    value: run.cpuMs / count,
    unit: 'ms',
  });
  reportBenchmark({
    name: `${name}: the machine's ${
      os.cpus().length
    } cores busy (backend, producers, database, all else)`,
    value: run.machineBusyPercent,
    unit: '%',
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
    lineage: { ingest: INGEST_SETTINGS },
  });
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(lineagePlugin);
  backend.add(httpCeilingPlugin);
  await backend.start();
  const url = `http://localhost:${PORT}/api/lineage/api/v1/lineage`;
  try {
    const peakRss = samplePeakRss();
    const batchedRun = await postFromChild({
      task: 'post',
      url: `${url}/batch`,
      prefix: '0001',
      count: EVENTS,
      batch: BATCH,
      concurrency: BATCH_PRODUCERS,
    });
    const batchedRate = EVENTS / (batchedRun.elapsedMs / 1000);

    const singleRun = await postFromChild({
      task: 'post',
      url,
      prefix: '0002',
      count: SINGLE,
      batch: 0,
      concurrency: 16,
    });
    const singleRate = SINGLE / (singleRun.elapsedMs / 1000);
    const latencies = singleRun.latencies;
    const ingestPeakRss = peakRss();

    const ceilingRun = await postFromChild({
      task: 'post',
      url: `http://localhost:${PORT}/api/${HTTP_CEILING_PLUGIN_ID}/events`,
      prefix: '0002',
      count: SINGLE,
      batch: 0,
      concurrency: 16,
    });
    const ceiling = {
      name: 'HTTP ceiling (authenticated no-op route)',
      value: SINGLE / (ceilingRun.elapsedMs / 1000),
    };

    const { rate: rawRate } = await runInChild<{ rate: number }>({
      task: 'raw',
      kind,
      dir,
      dbPrefix: prefix,
      prefix: '0001',
      count: EVENTS,
    });

    const store = await runInChild<{ rate: number; cpuMsPerEvent: number }>({
      task: 'store',
      kind,
      dir,
      dbPrefix: `${prefix}alone_`,
      prefix: '0001',
      count: EVENTS,
    });

    const raw = { name: 'raw insert of the same rows', value: rawRate };
    reportBenchmark({
      name: `[${kind}] ingest batched (${EVENTS} events, ${BATCH}/request, ${BATCH_PRODUCERS} producers)`,
      value: batchedRate,
      unit: 'events/s',
      baseline: raw,
      target: { min: 5000 },
    });
    reportBenchmark({
      name: `[${kind}] ingest batched, against the store alone (no HTTP, events parsed in advance)`,
      value: batchedRate,
      unit: 'events/s',
      baseline: { name: 'store alone', value: store.rate },
    });
    reportCpu(`[${kind}] ingest batched`, batchedRun, EVENTS, {
      name: 'store alone',
      value: store.cpuMsPerEvent,
    });
    reportBenchmark({
      name: `[${kind}] ingest single, 16 clients (${SINGLE} events)`,
      value: singleRate,
      unit: 'events/s',
      baseline: raw,
      target: { min: 1000 },
    });
    reportBenchmark({
      name: `[${kind}] ingest single, 16 clients, against this backend's HTTP ceiling`,
      value: singleRate,
      unit: 'events/s',
      baseline: ceiling,
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
      baseline: {
        name: 'HTTP ceiling p99',
        value: percentile(ceilingRun.latencies, 99),
      },
      target: { max: 50 },
    });
    reportCpu(`[${kind}] ingest single, 16 clients`, singleRun, SINGLE, {
      name: 'HTTP ceiling',
      value: ceilingRun.backendCpuMs / SINGLE,
    });
    reportBenchmark({
      name: `[${kind}] peak RSS of the backend while ingesting, batched and single (producers in their own processes)`,
      value: ingestPeakRss,
      unit: 'MB',
    });
  } finally {
    await backend.stop();
    if (kind === 'postgres') {
      try {
        // The ceiling plugin's database holds the auth service's keys.
        await dropPostgres(prefix, ['lineage', HTTP_CEILING_PLUGIN_ID]);
      } finally {
        await dropPostgres(`${prefix}alone_`);
      }
    }
  }
}

/** DAGs whose tasks half the query graph's jobs are, as Airflow's are. */
const DAGS = 1000;
/** Runs of each job and DAG: as many days of a daily schedule. */
const RUNS_PER_JOB = 10;
const DAY_MS = 86_400_000;

/**
 * A day's run of every DAG and job: job `j`, if even, a task of DAG
 * `j % DAGS` (ids after the jobs'); if odd, a job of its own, as a Spark
 * job is. Each job's parent job, by which the lineage tab groups a
 * graph's jobs, is kept from these runs.
 */
function generateRuns(jobs: number, now: number, day: number) {
  const time = now - (RUNS_PER_JOB - day) * DAY_MS;
  const run = (
    runId: string,
    jobId: number,
    parent?: { runId: string; jobId: number },
  ) => ({
    run_id: runId,
    job_id: jobId,
    state: 'COMPLETE',
    state_time: time + 60_000,
    started_at: time,
    ended_at: time + 60_000,
    first_event_time: time,
    listing_time: time,
    parent_run_id: parent?.runId ?? null,
    parent_job_id: parent?.jobId ?? null,
    facets: '{}',
    facet_times: '{}',
    created_at: time,
    updated_at: time + 60_000,
  });
  const rows = Array.from({ length: DAGS }, (_, d) =>
    run(`dag_${d}_${day}`, jobs + d + 1),
  );
  for (let j = 0; j < jobs; j++) {
    const dag = j % DAGS;
    rows.push(
      run(
        `job_${j}_${day}`,
        j + 1,
        j % 2 === 0
          ? { runId: `dag_${dag}_${day}`, jobId: jobs + dag + 1 }
          : undefined,
      ),
    );
  }
  return rows;
}

async function insertRows(knex: Knex, table: string, rows: readonly object[]) {
  await knex.transaction(async tx => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx(table).insert(rows.slice(i, i + 500));
    }
  });
}

/** A layered graph: jobs read 3 datasets of one layer and write 3 of the next. */
async function generateGraph(knex: Knex) {
  const layers = GRAPH_LAYERS;
  const perLayer = Math.floor(DATASETS / layers);
  const jobs = Math.floor(DATASETS / 2);
  const now = Date.now();
  const datasetRows = Array.from({ length: perLayer * layers }, (_, i) => ({
    id: i + 1,
    namespace: 'bench',
    name: `layer_${Math.floor(i / perLayer)}.table_${i % perLayer}`,
    facets: '{}',
    created_at: now,
  }));
  const jobRows = Array.from({ length: jobs }, (_, i) => ({
    id: i + 1,
    namespace: 'bench',
    name: `job_${i}`,
    facets: '{}',
    created_at: now,
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
  jobRows.push(
    ...Array.from({ length: DAGS }, (_, d) => ({
      id: jobs + d + 1,
      namespace: 'bench',
      name: `dag_${d}`,
      facets: '{}',
      created_at: now,
    })),
  );
  for (const [table, rows] of [
    ['lineage_datasets', datasetRows],
    ['lineage_jobs', jobRows],
    ['lineage_io', [...io.values()]],
  ] as const) {
    await insertRows(knex, table, rows);
  }
  // A day at a time: half a million rows at once would raise the peak RSS.
  for (let day = 0; day < RUNS_PER_JOB; day++) {
    await insertRows(knex, 'lineage_runs', generateRuns(jobs, now, day));
  }
  // As ingest keeps them, from the runs.
  await knex.transaction(tx =>
    updateJobParents(
      tx,
      jobRows.map(job => job.id),
    ),
  );
  if (knex.client.config.client === 'pg') {
    // As autovacuum does after so many inserts: with the visibility map
    // set, index-only scans need not visit the table.
    await knex.raw('VACUUM ANALYZE');
  }
  return {
    datasets: datasetRows.length,
    jobs,
    edges: io.size,
    runs: RUNS_PER_JOB * (jobs + DAGS),
    perLayer,
  };
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

/**
 * The walks timed from a root, in order: the plain walk (whose graph it
 * resolves to), the walk as the lineage tab asks, and the recursive CTE.
 */
function walksFrom(
  knex: Knex,
  readers: { plain: LineageReader; current: LineageReader },
  root: number,
  depth: number,
  cap: number,
): Array<() => Promise<unknown>> {
  const query = {
    root: { type: 'dataset' as const, id: root, namespace: 'bench', name: '' },
    upstreamDepth: 0,
    downstreamDepth: depth,
    maxNodes: cap,
  };
  return [
    () => readers.plain.graph(query),
    () =>
      readers.current.graph({
        ...query,
        edges: 'current',
        parents: true,
        children: true,
        types: true,
      }),
    () => recursiveCte(knex, root, depth, cap < NO_CAP ? cap : undefined),
  ];
}

async function benchQuery(kind: string, dir: string) {
  const prefix = `bench_lineage_query_${process.pid}_`;
  const knex = await emptyKnex(kind, dir, prefix);
  try {
    const store = await OpenLineageEventStore.create(knex);
    let started = performance.now();
    const size = await generateGraph(knex);
    console.log(
      `[${kind}] graph: ${size.datasets} datasets, ${size.jobs} jobs, ${
        size.edges
      } edges, ${size.runs} runs (generated in ${Math.round(
        (performance.now() - started) / 1000,
      )} s)`,
    );
    const readers = {
      plain: new LineageReader(knex),
      // Its own reader, so that it finds no names cached by the plain walk.
      current: new LineageReader(knex),
    };
    const roots = Array.from(
      { length: QUERIES },
      () => pick(size.perLayer) + 1,
    );
    // Untimed, so that the timed walks run compiled code: from roots whose
    // depth-5 walks end in the last layer, reading none of the datasets the
    // timed walks (from the first layer) read, by readers of their own.
    const warmUpDepth = 5;
    for (let i = 0; i < WARM_UP_WALKS; i++) {
      const layer = GRAPH_LAYERS - 1 - warmUpDepth;
      const root = layer * size.perLayer + i + 1;
      const fresh = {
        plain: new LineageReader(knex),
        current: new LineageReader(knex),
      };
      for (const walk of walksFrom(knex, fresh, root, warmUpDepth, NO_CAP)) {
        await walk();
      }
    }
    // Each walk's p95 by depth, plain and as the lineage tab asks: the
    // baselines of the same walks once some tables have symlinks.
    const withoutSymlinks = new Map<number, { plain: number; tab: number }>();
    for (const [depth, cap, target] of WALKS) {
      const ours: number[] = [];
      const current: number[] = [];
      const cte: number[] = [];
      let nodes = 0;
      let truncated = 0;
      for (const [index, root] of roots.entries()) {
        const walks = walksFrom(knex, readers, root, depth, cap);
        const times = [ours, current, cte];
        // Each walk goes first from a third of the roots (in turn, not
        // every order): the first to read a root's part of the graph finds
        // the least of it in the database's cache, the others read it cached.
        let graph: LineageGraph | undefined;
        for (let turn = 0; turn < walks.length; turn++) {
          const which = (index + turn) % walks.length;
          started = performance.now();
          const result = await walks[which]();
          times[which].push(performance.now() - started);
          if (which === 0) graph = result as LineageGraph;
        }
        nodes += graph!.nodes.length;
        truncated += graph!.truncated ? 1 : 0;
      }
      console.log(
        `[${kind}] downstream depth ${depth}, cap ${cap}: ${Math.round(
          nodes / roots.length,
        )} nodes on average, ${truncated}/${roots.length} truncated`,
      );
      withoutSymlinks.set(depth, {
        plain: percentile(ours, 95),
        tab: percentile(current, 95),
      });
      reportBenchmark({
        name: `[${kind}] downstream depth ${depth}${
          cap < NO_CAP ? ` cap ${cap}` : ''
        } p95`,
        value: percentile(ours, 95),
        unit: 'ms',
        baseline: { name: 'recursive CTE p95', value: percentile(cte, 95) },
        target: { max: target },
      });
      reportBenchmark({
        name: `[${kind}] downstream depth ${depth}${
          cap < NO_CAP ? ` cap ${cap}` : ''
        }, current edges only, parent jobs and node types (as the lineage tab asks), p95`,
        value: percentile(current, 95),
        unit: 'ms',
        baseline: { name: 'recursive CTE p95', value: percentile(cte, 95) },
        target: { max: target },
      });
    }
    const marquezWithoutSymlinks = await benchMarquezWalk(kind, knex, roots);
    await benchOnCallSearch(kind, knex, size.datasets);
    // Last: once a symlink is stored, every walk looks for folds.
    await benchSymlinkedQuery(kind, knex, store, size, roots, {
      walks: withoutSymlinks,
      marquez: marquezWithoutSymlinks,
    });
  } finally {
    await knex.destroy();
    if (kind === 'postgres') await dropPostgres(prefix);
  }
}

/** Marquez's walk: jobs within `depth` hops either way, `cap` at most. */
function undirectedRecursiveCte(
  knex: Knex,
  job: number,
  depth: number,
  cap: number,
) {
  return knex.raw(
    `with recursive walk(job_id, depth) as (
      select cast(? as integer), 0
      union
      select o.job_id, walk.depth + 1
      from walk
      join lineage_io i on i.job_id = walk.job_id
      join lineage_io o on o.dataset_id = i.dataset_id
      where walk.depth < ?
    )
    select distinct job_id from walk limit ?`,
    [job, depth, cap],
  );
}

const marquezWalk = (reader: LineageReader, root: number) =>
  reader.marquezGraph({
    root: { type: 'dataset', id: root, namespace: 'bench', name: '' },
    depth: MARQUEZ_DEPTH,
    maxNodes: MARQUEZ_CAP,
    edges: 'current',
  });

/**
 * `GET /api/v1/lineage` as Marquez clients ask it, by default; its p95,
 * and the roots it was timed from.
 */
async function benchMarquezWalk(kind: string, knex: Knex, roots: number[]) {
  const depth = MARQUEZ_DEPTH;
  const cap = MARQUEZ_CAP;
  const ours: number[] = [];
  const cte: number[] = [];
  let nodes = 0;
  let truncated = 0;
  // Roots some job reads or writes: Marquez's answer for the others is
  // the dataset alone, and the CTE has no job to start from.
  const starts: Array<[root: number, job: number]> = [];
  for (const root of roots) {
    if (starts.length === MARQUEZ_WALK_ROOTS) break;
    const job = await new LineageReader(knex).latestJobOf(root);
    if (job !== undefined) starts.push([root, job]);
  }
  for (const [index, [root, start]] of starts.entries()) {
    const reader = new LineageReader(knex);
    const walks = [
      () => marquezWalk(reader, root),
      () => undirectedRecursiveCte(knex, start, depth, cap),
    ];
    const times = [ours, cte];
    for (let turn = 0; turn < walks.length; turn++) {
      const which = (index + turn) % walks.length;
      const started = performance.now();
      const result = await walks[which]();
      times[which].push(performance.now() - started);
      if (which === 0) {
        const graph = result as LineageGraph;
        nodes += graph.nodes.length;
        truncated += graph.truncated ? 1 : 0;
      }
    }
  }
  console.log(
    `[${kind}] Marquez's walk, depth ${depth}, cap ${cap}: ${Math.round(
      nodes / starts.length,
    )} nodes on average, ${truncated}/${starts.length} truncated`,
  );
  const p95 = percentile(ours, 95);
  reportBenchmark({
    name: `[${kind}] Marquez's walk (GET /api/v1/lineage, depth ${depth}, cap ${cap}, current edges) p95`,
    value: p95,
    unit: 'ms',
    baseline: {
      name: 'Marquez-style recursive CTE (its jobs only) p95',
      value: percentile(cte, 95),
    },
  });
  return { p95, roots: starts.map(([root]) => root) };
}

/**
 * Makes every SYMLINKED_EVERY-th written table of the query graph (by id)
 * one Spark writes by path, as Spark on Hive does: each of its writers'
 * runs is stored through the store, as an event reading what the job reads
 * and writing, for such a table, its files (`file`, `/warehouse/<layer>.db/
 * <table>`) with a `symlinks` facet naming the table, which its readers go
 * on reading by name; its writes by name are dropped. Timed 0, as the
 * generated edges are, so that their jobs' edges stay current. Returns how
 * many tables it made so.
 */
async function addSymlinks(
  knex: Knex,
  store: OpenLineageEventStore,
): Promise<number> {
  const names = new Map<number, string>(
    (await knex('lineage_datasets').select('id', 'name')).map(row => [
      Number(row.id),
      row.name as string,
    ]),
  );
  const edgesOf = new Map<number, { in: number[]; out: number[] }>();
  for (const row of await knex('lineage_io').select(
    'dataset_id',
    'job_id',
    'direction',
  )) {
    const job = Number(row.job_id);
    if (!edgesOf.has(job)) edgesOf.set(job, { in: [], out: [] });
    edgesOf
      .get(job)!
      [row.direction as 'in' | 'out'].push(Number(row.dataset_id));
  }
  const isSymlinked = (id: number) => id % SYMLINKED_EVERY === 0;
  const table = (id: number) => ({ namespace: 'bench', name: names.get(id)! });
  const files = (id: number) => {
    const [layer, name] = names.get(id)!.split('.');
    return {
      namespace: 'file',
      name: `/warehouse/${layer}.db/${name}`,
      facets: {
        symlinks: {
          _producer: 'https://meshwork.dev/bench',
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json',
          identifiers: [{ ...table(id), type: 'TABLE' }],
        },
      },
    };
  };
  if (knex.client.config.client === 'pg') {
    // The graph was inserted with its ids: the store's next ones follow.
    for (const entities of ['lineage_datasets', 'lineage_jobs']) {
      await knex.raw(
        `select setval(pg_get_serial_sequence(?, 'id'), (select max(id) from ??))`,
        [entities, entities],
      );
    }
  }
  const events: ParsedOpenLineageEvent[] = [];
  const symlinked = new Set<number>();
  for (const [job, edges] of [...edgesOf].sort(([a], [b]) => a - b)) {
    if (!edges.out.some(isSymlinked)) continue;
    edges.out.filter(isSymlinked).forEach(id => symlinked.add(id));
    const parsed = parseOpenLineageEvent({
      eventType: 'COMPLETE',
      eventTime: new Date(0).toISOString(),
      producer: 'https://meshwork.dev/bench',
      run: {
        runId: `00000003-0000-4000-8000-${String(job).padStart(12, '0')}`,
      },
      job: { namespace: 'bench', name: `job_${job - 1}` },
      inputs: edges.in.map(table),
      outputs: edges.out.map(id => (isSymlinked(id) ? files(id) : table(id))),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    events.push(parsed);
  }
  for (let i = 0; i < events.length; i += BATCH) {
    await store.ingest(events.slice(i, i + BATCH));
  }
  const tables = [...symlinked];
  for (let i = 0; i < tables.length; i += BATCH) {
    await knex('lineage_io')
      .where('direction', 'out')
      .whereIn('dataset_id', tables.slice(i, i + BATCH))
      .delete();
  }
  if (knex.client.config.client === 'pg') await knex.raw('VACUUM ANALYZE');
  return symlinked.size;
}

/**
 * The walks again once a share of the tables have symlinks (see
 * addSymlinks), each against the same walk's p95 in this run without
 * them: the plain walk and the lineage tab's at each depth, and Marquez's.
 */
async function benchSymlinkedQuery(
  kind: string,
  knex: Knex,
  store: OpenLineageEventStore,
  size: { datasets: number; perLayer: number },
  roots: number[],
  without: {
    walks: Map<number, { plain: number; tab: number }>;
    marquez: { p95: number; roots: number[] };
  },
) {
  let started = performance.now();
  const symlinked = await addSymlinks(knex, store);
  console.log(
    `[${kind}] with symlinks: ${symlinked} of the ${size.datasets} datasets (${(
      (symlinked / size.datasets) *
      100
    ).toFixed(
      1,
    )} %) written by path instead, a symlinks facet naming the table they are read by (stored in ${Math.round(
      (performance.now() - started) / 1000,
    )} s)`,
  );
  const fresh = () => ({
    plain: new LineageReader(knex),
    current: new LineageReader(knex),
  });
  // Untimed, as before the walks without symlinks, so that the folds'
  // code is compiled too.
  const warmUpDepth = 5;
  for (let i = 0; i < WARM_UP_WALKS; i++) {
    const layer = GRAPH_LAYERS - 1 - warmUpDepth;
    const root = layer * size.perLayer + i + 1;
    const readers = fresh();
    for (const walk of walksFrom(knex, readers, root, warmUpDepth, NO_CAP)) {
      await walk();
    }
    await marquezWalk(readers.plain, root);
  }
  const readers = fresh();
  const sameWithout = (value: number) => ({
    name: 'the same without symlinks p95',
    value,
  });
  for (const [depth, cap, target] of WALKS) {
    const ours: number[] = [];
    const current: number[] = [];
    let nodes = 0;
    for (const [index, root] of roots.entries()) {
      // The plain walk and the lineage tab's, each first from half the
      // roots; no CTE, which symlinks leave as it was.
      const walks = walksFrom(knex, readers, root, depth, cap).slice(0, 2);
      const times = [ours, current];
      for (let turn = 0; turn < walks.length; turn++) {
        const which = (index + turn) % walks.length;
        started = performance.now();
        const result = await walks[which]();
        times[which].push(performance.now() - started);
        if (which === 0) nodes += (result as LineageGraph).nodes.length;
      }
    }
    console.log(
      `[${kind}] with symlinks, downstream depth ${depth}, cap ${cap}: ${Math.round(
        nodes / roots.length,
      )} nodes on average`,
    );
    const name = `[${kind}] with symlinks, downstream depth ${depth}${
      cap < NO_CAP ? ` cap ${cap}` : ''
    }`;
    const baseline = without.walks.get(depth)!;
    reportBenchmark({
      name: `${name} p95`,
      value: percentile(ours, 95),
      unit: 'ms',
      baseline: sameWithout(baseline.plain),
      target: { max: target },
    });
    reportBenchmark({
      name: `${name}, current edges only, parent jobs and node types (as the lineage tab asks), p95`,
      value: percentile(current, 95),
      unit: 'ms',
      baseline: sameWithout(baseline.tab),
      target: { max: target },
    });
  }
  const marquez: number[] = [];
  for (const root of without.marquez.roots) {
    const reader = new LineageReader(knex);
    started = performance.now();
    await marquezWalk(reader, root);
    marquez.push(performance.now() - started);
  }
  reportBenchmark({
    name: `[${kind}] with symlinks, Marquez's walk (GET /api/v1/lineage, depth ${MARQUEZ_DEPTH}, cap ${MARQUEZ_CAP}, current edges) p95`,
    value: percentile(marquez, 95),
    unit: 'ms',
    baseline: sameWithout(without.marquez.p95),
  });
}

/** One dataset in this many is a product's output port in the finder's run. */
const PORT_EVERY = 20;
/**
 * What on-call types: a job and a table by their whole names, a DAG, and
 * terms naming a thousand jobs or tables, or every one of them.
 */
const ON_CALL_TERMS = [
  'job_4242',
  'layer_3.table_77',
  'dag_42',
  'job_42',
  'table_9',
  'ob',
];

/**
 * The on-call finder's reads (RuntimeProductFinder): the jobs and tables
 * named by a term that lead to a port, by what they write and, failing
 * that, what they feed; against the plain name search of the same term.
 * Each term in turn, after one untimed round, by a reader of its own per
 * round, so that no names are cached from the last.
 */
async function benchOnCallSearch(kind: string, knex: Knex, datasets: number) {
  // The graph's datasets have ids 1 to `datasets`.
  const outputsIn = Array.from(
    { length: Math.floor(datasets / PORT_EVERY) },
    (_, i) => (i + 1) * PORT_EVERY,
  );
  const rounds = Math.max(2, Math.ceil(QUERIES / ON_CALL_TERMS.length));
  const finder: number[] = [];
  const names: number[] = [];
  const byTerm = new Map<string, number[]>(ON_CALL_TERMS.map(t => [t, []]));
  let found = 0;
  for (let round = 0; round <= rounds; round++) {
    const reader = new LineageReader(knex);
    for (const term of ON_CALL_TERMS) {
      const search = { limit: 10, outputsIn };
      let started = performance.now();
      const matches = await Promise.all([
        reader.searchWrites('job', term, search),
        reader.searchWrites('dataset', term, search),
      ]);
      const finderMs = performance.now() - started;
      started = performance.now();
      await Promise.all([
        reader.search('job', term, 10),
        reader.search('dataset', term, 10),
      ]);
      const namesMs = performance.now() - started;
      if (round === 0) continue;
      finder.push(finderMs);
      byTerm.get(term)!.push(finderMs);
      names.push(namesMs);
      found += matches.flatMap(match => match.items).length;
    }
  }
  console.log(
    `[${kind}] on-call finder: ${ON_CALL_TERMS.length} terms, ${
      outputsIn.length
    } ports, ${(found / finder.length).toFixed(
      1,
    )} jobs and tables found a term; median by term: ${[...byTerm]
      .map(([term, times]) => `${term} ${percentile(times, 50).toFixed(1)} ms`)
      .join(', ')}`,
  );
  reportBenchmark({
    name: `[${kind}] on-call finder (jobs and tables leading to a port) p95`,
    value: percentile(finder, 95),
    unit: 'ms',
    baseline: { name: 'name search p95', value: percentile(names, 95) },
  });
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-bench-'));
  try {
    for (const kind of DATABASES) {
      if (ONLY !== 'query') await benchIngest(kind, dir);
      if (ONLY !== 'ingest') await benchQuery(kind, dir);
    }
    reportBenchmark({
      name: 'peak RSS of this process over the run (the backend, then the query graph built here)',
      value: process.resourceUsage().maxRSS / 1024,
      unit: 'MB',
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const producerTask = arg('producer', '');

// The stopped backend leaves timers behind, so exit when done.
(producerTask
  ? (async () => {
      const task: ProducerTask = JSON.parse(
        Buffer.from(producerTask, 'base64').toString(),
      );
      let result: object;
      if (task.task === 'post') {
        result = await postEvents(task);
      } else if (task.task === 'raw') {
        result = await insertRawEvents(task);
      } else {
        result = await storeEventsAlone(task);
      }
      // Written before exiting: a pipe takes a long line in several writes.
      await new Promise(resolve =>
        process.stdout.write(`${JSON.stringify(result)}\n`, resolve),
      );
    })()
  : main()
).then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
