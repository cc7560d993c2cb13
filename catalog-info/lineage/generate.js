#!/usr/bin/env node
/* eslint-disable no-console */
// Writes example-mesh.ndjson.gz: OpenLineage events for the example mesh's
// pipelines, from the products and contracts in ../products and ../contracts.
// Run `node catalog-info/lineage/generate.js` after changing the mesh. Times
// end at END; the lineage backend shifts them to "now" when it loads them.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const yaml = require('js-yaml');

const END = Date.parse('2026-11-23T06:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PRODUCER = 'https://meshwork.dev/example-mesh-seed';
const JOB_NAMESPACE = 'meshwork-retail.airflow';

const root = path.resolve(__dirname, '..');
const products = [];
for (const domain of fs.readdirSync(path.join(root, 'products')).sort()) {
  for (const file of fs
    .readdirSync(path.join(root, 'products', domain))
    .sort()) {
    const file_ = path.join(root, 'products', domain, file);
    for (const doc of yaml.loadAll(fs.readFileSync(file_, 'utf8'))) {
      if (doc && doc.kind === 'DataProduct')
        products.push({ doc, dir: path.dirname(file_) });
    }
  }
}
const byName = new Map(products.map(p => [p.doc.metadata.name, p]));

/** The schema object of a port's contract that describes its table. */
function contractSchemaOf(product, port) {
  if (typeof port.contract !== 'string') return undefined;
  const contract = yaml.load(
    fs.readFileSync(path.resolve(product.dir, port.contract), 'utf8'),
  );
  const table = port.dataset.name.split(/[./]/).pop().toLowerCase();
  return (
    contract.schema.find(
      s => (s.physicalName || s.name).toLowerCase() === table,
    ) || contract.schema[0]
  );
}

/** Columns of a port from its contract: physical name and type. */
function columnsOf(product, port) {
  const schema = contractSchemaOf(product, port);
  return ((schema && schema.properties) || []).map(p => ({
    name: p.physicalName || p.name,
    type: p.physicalType || p.logicalType || 'string',
  }));
}

/**
 * What the port's contract checks of each run: the columns its quality
 * rules name, and the fewest rows it allows.
 */
function contractChecksOf(product, port) {
  const schema = contractSchemaOf(product, port);
  const columns = ((schema && schema.properties) || [])
    .filter(p => (p.quality || []).length)
    .map(p => p.physicalName || p.name);
  const rowRule = ((schema && schema.quality) || []).find(
    q => (q.metric || q.rule) === 'rowCount',
  );
  const minRows = rowRule
    ? rowRule.mustBeGreaterThan || rowRule.mustBeGreaterOrEqualTo || 0
    : 0;
  return { columns, minRows };
}

/** Deterministic pseudo-random numbers, so the file only changes with the mesh. */
let seed = 42;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function uuid(text) {
  const hex = crypto.createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The START event of an Airflow task's run at `t`, under `parent` if given. */
function startEvent(job, runId, t, processingType, parent) {
  return {
    eventType: 'START',
    eventTime: new Date(t).toISOString(),
    producer: PRODUCER,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId,
      facets: {
        nominalTime: { nominalStartTime: new Date(t).toISOString() },
        ...(parent ? { parent } : {}),
      },
    },
    job: {
      ...job,
      facets: {
        jobType: { processingType, integration: 'AIRFLOW', jobType: 'TASK' },
      },
    },
    inputs: [],
    outputs: [],
  };
}

function inputsOf(product) {
  return (product.doc.spec.inputPorts || []).flatMap(input => {
    if (input.dataset) return [{ dataset: input.dataset, columns: [] }];
    const match = /^dataproduct:(?:[^/]+\/)?([^#]+)#(.+)$/.exec(
      input.from || '',
    );
    const source = match && byName.get(match[1]);
    const port =
      source && source.doc.spec.outputPorts.find(p => p.name === match[2]);
    return port
      ? [{ dataset: port.dataset, columns: columnsOf(source, port) }]
      : [];
  });
}

// The stories the example tells, by product name.
const STORIES = {
  orders: {
    failedRunDaysAgo: 1.5,
    nullsInLatest: { column: 'customer_id', rate: 0.05 },
  },
  'daily-revenue': { lateRunHoursAgo: 3 },
  'customer-lifetime-value': { volumeDrop: 0.4 },
  'web-sessions': { schemaChangeHoursAgo: 20 },
  'campaign-performance': {
    extraInputs: ['customer-profiles#profiles'],
    skipInputs: ['meta-ads/daily_spend'],
  },
};

// Tasks run under a parent DAG: each run names the DAG's run of its UTC day
// in its `parent` facet, and the DAG runs span their tasks' runs.
const PARENT_DAGS = {
  'daily-revenue': 'finance-daily-dag',
  'finance-reporting': 'finance-daily-dag',
};
const dagRuns = new Map();

/** The parent facet of a task run at time `t`, recording the DAG run's span. */
function parentFacetOf(productName, t, end) {
  const dag = PARENT_DAGS[productName];
  if (!dag) return undefined;
  const day = Math.floor(t / DAY) * DAY;
  const runId = uuid(`${dag}:${day}`);
  const run = dagRuns.get(runId) || { dag, runId, start: t, end };
  run.start = Math.min(run.start, t);
  run.end = Math.max(run.end, end);
  dagRuns.set(runId, run);
  return {
    run: { runId },
    job: { namespace: JOB_NAMESPACE, name: dag },
  };
}

// Tables a Spark job on the lake's Hive metastore writes for a product,
// by product: the input port whose files it parses, the table and its
// files, and each column with the source column it comes from. Spark
// reports a table by its files' path, naming the table in a `symlinks`
// facet; the product's build then reads the table by that name instead
// of the port's files.
const SPARK_TABLES = {
  // Carrier invoices arrive as CSV files; parsed into invoice lines.
  'shipping-costs': {
    port: 'carrier-invoices',
    files: {
      namespace: 's3://meshwork-retail-lake',
      name: 'warehouse/logistics.db/carrier_invoice_lines',
    },
    table: {
      namespace: 'hive://hive-metastore.meshwork-retail.example:9083',
      name: 'logistics.carrier_invoice_lines',
    },
    sourceFields: [
      { name: 'invoice_number', type: 'string' },
      { name: 'invoice_date', type: 'string' },
      { name: 'carrier_code', type: 'string' },
      { name: 'tracking_number', type: 'string' },
      { name: 'weight_kg', type: 'string' },
      { name: 'zone', type: 'string' },
      { name: 'net_amount', type: 'string' },
      { name: 'currency', type: 'string' },
    ],
    fields: [
      { name: 'invoice_id', type: 'string', from: ['invoice_number'] },
      { name: 'invoice_date', type: 'date', from: ['invoice_date'] },
      { name: 'carrier', type: 'string', from: ['carrier_code'] },
      { name: 'shipment_id', type: 'string', from: ['tracking_number'] },
      { name: 'billed_weight_kg', type: 'decimal(8,3)', from: ['weight_kg'] },
      { name: 'zone', type: 'string', from: ['zone'] },
      {
        name: 'charge_gbp',
        type: 'decimal(12,2)',
        from: ['net_amount', 'currency'],
      },
    ],
    // Before the build's 06:00 run, and before END's hour.
    hourUtc: 5,
  },
};

const events = [];
for (const product of products) {
  const { spec, metadata } = product.doc;
  const story = STORIES[metadata.name] || {};
  const maxDelay =
    spec.slos && spec.slos.freshness ? spec.slos.freshness.maxDelay : '1d';
  const delayMs =
    { m: MINUTE, h: HOUR, d: DAY }[maxDelay.slice(-1)] *
    Number(maxDelay.slice(0, -1));
  const interval = Math.max(15 * MINUTE, Math.min(delayMs / 2, 12 * HOUR));
  const days = interval < HOUR ? 2 : interval < 6 * HOUR ? 3 : 5;
  let inputs = inputsOf(product).filter(
    i => !(story.skipInputs || []).some(skip => i.dataset.name.endsWith(skip)),
  );
  const sparkTable = SPARK_TABLES[metadata.name];
  if (sparkTable) {
    const port = spec.inputPorts.find(p => p.name === sparkTable.port);
    inputs = inputs.map(i =>
      i.dataset.namespace === port.dataset.namespace &&
      i.dataset.name === port.dataset.name
        ? {
            dataset: sparkTable.table,
            columns: sparkTable.fields.map(({ name, type }) => ({
              name,
              type,
            })),
          }
        : i,
    );
  }
  for (const extra of story.extraInputs || []) {
    const [name, portName] = extra.split('#');
    const source = byName.get(name);
    const port = source.doc.spec.outputPorts.find(p => p.name === portName);
    inputs = [
      ...inputs,
      { dataset: port.dataset, columns: columnsOf(source, port) },
    ];
  }
  const job = { namespace: JOB_NAMESPACE, name: `${metadata.name}.build` };
  // Above any row count a port's contract requires.
  const baseRows = Math.max(
    Math.round(2000 + random() * 50_000),
    ...spec.outputPorts.map(p => contractChecksOf(product, p).minRows * 1.2),
  );
  for (let t = END - days * DAY; t <= END; t += interval) {
    const hoursAgo = (END - t) / HOUR;
    if (
      story.lateRunHoursAgo &&
      hoursAgo < story.lateRunHoursAgo + 4 &&
      hoursAgo > story.lateRunHoursAgo
    ) {
      continue; // the pipeline stalled: no run for four hours
    }
    const runId = uuid(`${metadata.name}:${t}`);
    const duration = Math.min(
      interval / 3,
      2 * MINUTE + random() * 10 * MINUTE,
    );
    const failed =
      story.failedRunDaysAgo &&
      Math.abs((END - t) / DAY - story.failedRunDaysAgo) < interval / DAY / 2;
    const parent = parentFacetOf(metadata.name, t, t + duration);
    const start = startEvent(
      job,
      runId,
      t,
      interval < HOUR ? 'STREAMING' : 'BATCH',
      parent,
    );
    events.push(start);
    const end = new Date(t + duration).toISOString();
    if (failed) {
      events.push({
        ...start,
        eventType: 'FAIL',
        eventTime: end,
        run: {
          runId,
          facets: {
            ...(parent ? { parent } : {}),
            errorMessage: {
              message:
                'duplicate key value violates unique constraint "orders_pkey"',
              programmingLanguage: 'SQL',
            },
          },
        },
        inputs: inputs.map(i => ({
          namespace: i.dataset.namespace,
          name: i.dataset.name,
        })),
      });
      continue;
    }
    const latest = END - t < interval;
    const outputs = spec.outputPorts.map(port => {
      let columns = columnsOf(product, port);
      if (story.schemaChangeHoursAgo && hoursAgo < story.schemaChangeHoursAgo) {
        columns = columns.map(c =>
          c.name === 'ANONYMOUS_ID' ? { name: 'VISITOR_ID', type: c.type } : c,
        );
      }
      let rowCount = Math.round(baseRows * (0.95 + random() * 0.1));
      if (story.volumeDrop && latest)
        rowCount = Math.round(baseRows * story.volumeDrop);
      const qualityColumns = {};
      const hasColumn = name =>
        columns.some(c => c.name.toLowerCase() === name.toLowerCase());
      for (const rule of (spec.slos && spec.slos.quality) || []) {
        if (rule.port && rule.port !== port.name) continue;
        // A rule of no column (rowCount) is the table's: its rowCount tells it.
        if (!rule.column) continue;
        // A port without a contract has no columns to tell.
        if (columns.length && !hasColumn(rule.column)) continue;
        const nulls =
          latest &&
          story.nullsInLatest &&
          story.nullsInLatest.column === rule.column
            ? Math.round(rowCount * story.nullsInLatest.rate)
            : 0;
        qualityColumns[rule.column] = {
          nullCount: nulls,
          // A column with a null-rate rule repeats values; the others are keys.
          distinctCount:
            rule.metric === 'nullRate' ? Math.round(rowCount / 3) : rowCount,
        };
      }
      // The columns the contract checks: complete and without duplicates.
      for (const column of contractChecksOf(product, port).columns) {
        qualityColumns[column] = qualityColumns[column] || {
          nullCount: 0,
          distinctCount: rowCount,
        };
      }
      const columnLineage = {};
      for (const column of columns) {
        const inputFields = inputs.flatMap(i =>
          i.columns
            .filter(c => c.name.toLowerCase() === column.name.toLowerCase())
            .map(c => ({
              namespace: i.dataset.namespace,
              name: i.dataset.name,
              field: c.name,
              transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
            })),
        );
        if (inputFields.length) columnLineage[column.name] = { inputFields };
      }
      return {
        namespace: port.dataset.namespace,
        name: port.dataset.name,
        facets: {
          schema: { fields: columns },
          ...(Object.keys(columnLineage).length
            ? { columnLineage: { fields: columnLineage } }
            : {}),
        },
        outputFacets: { outputStatistics: { rowCount, size: rowCount * 180 } },
        inputFacets: undefined,
        ...(Object.keys(qualityColumns).length
          ? {
              outputFacets: {
                outputStatistics: { rowCount, size: rowCount * 180 },
                dataQualityMetrics: { rowCount, columnMetrics: qualityColumns },
              },
            }
          : {}),
      };
    });
    events.push({
      ...start,
      eventType: 'COMPLETE',
      eventTime: end,
      run: parent ? { runId, facets: { parent } } : { runId },
      inputs: inputs.map(i => ({
        namespace: i.dataset.namespace,
        name: i.dataset.name,
      })),
      outputs: outputs.map(({ inputFacets: _unused, ...o }) => o),
    });
  }
}
// Daily Revenue read the first orders table until it moved to order lines
// two months ago: an edge its job is no longer seen on. The run writes
// nothing, so that no SLO window reaches back to it.
{
  const t = END - 60 * DAY;
  const runId = uuid(`daily-revenue:retired-read:${t}`);
  const start = {
    eventType: 'START',
    eventTime: new Date(t).toISOString(),
    producer: PRODUCER,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: JOB_NAMESPACE, name: 'daily-revenue.build' },
    inputs: [],
    outputs: [],
  };
  events.push(start, {
    ...start,
    eventType: 'COMPLETE',
    eventTime: new Date(t + 5 * MINUTE).toISOString(),
    inputs: [
      {
        namespace: 'postgres://warehouse.meshwork-retail.example:5432',
        name: 'analytics.checkout.orders_v1',
      },
    ],
  });
}
// The parent DAG runs, with no inputs or outputs of their own.
for (const run of [...dagRuns.values()].sort((a, b) => a.start - b.start)) {
  const start = {
    eventType: 'START',
    eventTime: new Date(run.start).toISOString(),
    producer: PRODUCER,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: run.runId,
      facets: {
        nominalTime: { nominalStartTime: new Date(run.start).toISOString() },
      },
    },
    job: {
      namespace: JOB_NAMESPACE,
      name: run.dag,
      facets: {
        jobType: {
          processingType: 'BATCH',
          integration: 'AIRFLOW',
          jobType: 'DAG',
        },
      },
    },
    inputs: [],
    outputs: [],
  };
  events.push(start, {
    ...start,
    eventType: 'COMPLETE',
    eventTime: new Date(run.end).toISOString(),
    run: { runId: run.runId },
  });
}
// Jobs a product names in its `meshwork.dev/openlineage-jobs` annotation
// because they write outside the mesh, where no output port tells whose
// they are: by product, the port each reads and the dataset it writes.
// Generated last and without random numbers, so that the events before
// them stay as they were.
const EXPORTS = {
  // The daily sync to Braze, the e-mail tool, of the evening's snapshot.
  'marketing-campaign-audiences': {
    port: 'audiences',
    destination: {
      namespace: 'braze://rest.fra-02.braze.eu',
      name: 'cohorts/campaign-audiences',
      fields: [
        { name: 'cohort_id', type: 'string', from: 'audience_id' },
        { name: 'external_id', type: 'string', from: 'customer_id' },
      ],
    },
    // Before END's hour, so that the seed's last event stays where it was.
    hourUtc: 4,
  },
};
/** The job a product's `meshwork.dev/openlineage-jobs` annotation names in `namespace`. */
function declaredJobOf(productName, namespace) {
  const product = byName.get(productName);
  const annotation =
    product.doc.metadata.annotations?.['meshwork.dev/openlineage-jobs'] || '';
  for (const entry of annotation.split(/[\n,]/).map(e => e.trim())) {
    const colon = entry.lastIndexOf(':');
    if (colon > 0 && entry.slice(0, colon) === namespace) {
      return { namespace, name: entry.slice(colon + 1) };
    }
  }
  throw new Error(
    `${productName}: metadata.annotations["meshwork.dev/openlineage-jobs"] must name its job in ${namespace} as <namespace>:<name>`,
  );
}

for (const [productName, exported] of Object.entries(EXPORTS)) {
  const product = byName.get(productName);
  const job = declaredJobOf(productName, JOB_NAMESPACE);
  const port = product.doc.spec.outputPorts.find(p => p.name === exported.port);
  const { destination } = exported;
  // Daily over the last five days, as the product's build runs.
  const lastRun = Math.floor(END / DAY) * DAY + exported.hourUtc * HOUR;
  for (let t = lastRun - 4 * DAY; t <= lastRun; t += DAY) {
    const runId = uuid(`${job.name}:${t}`);
    // Three to nine minutes, from the run id rather than the random stream.
    const duration = (3 + (parseInt(runId.slice(0, 2), 16) / 255) * 6) * MINUTE;
    const start = startEvent(job, runId, t, 'BATCH');
    const columnLineage = {};
    for (const field of destination.fields) {
      columnLineage[field.name] = {
        inputFields: [
          {
            namespace: port.dataset.namespace,
            name: port.dataset.name,
            field: field.from,
            transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          },
        ],
      };
    }
    events.push(start, {
      ...start,
      eventType: 'COMPLETE',
      eventTime: new Date(t + duration).toISOString(),
      run: { runId },
      inputs: [{ namespace: port.dataset.namespace, name: port.dataset.name }],
      outputs: [
        {
          namespace: destination.namespace,
          name: destination.name,
          facets: {
            schema: {
              fields: destination.fields.map(({ name, type }) => ({
                name,
                type,
              })),
            },
            columnLineage: { fields: columnLineage },
          },
        },
      ],
    });
  }
}
// The Spark jobs of SPARK_TABLES, as the OpenLineage Spark integration
// reports an INSERT into a Hive table: files by path, with the table's
// name as a TABLE symlink, and each facet with its producer and schema.
// Generated last and without random numbers, as the exports are.
const SPARK_PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark';
const SPARK_JOB_NAMESPACE = 'meshwork-retail.spark';
const sparkFacet = (spec, fields) => ({
  _producer: SPARK_PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/${spec}`,
  ...fields,
});
for (const [productName, spark] of Object.entries(SPARK_TABLES)) {
  const product = byName.get(productName);
  const job = declaredJobOf(productName, SPARK_JOB_NAMESPACE);
  const port = product.doc.spec.inputPorts.find(p => p.name === spark.port);
  const dataSource = namespace =>
    sparkFacet(
      '1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet',
      {
        name: namespace,
        uri: namespace,
      },
    );
  const schema = fields =>
    sparkFacet('1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet', {
      fields: fields.map(({ name, type }) => ({ name, type })),
    });
  const input = {
    namespace: port.dataset.namespace,
    name: port.dataset.name,
    facets: {
      dataSource: dataSource(port.dataset.namespace),
      schema: schema(spark.sourceFields),
    },
    inputFacets: {},
  };
  const columnLineage = {};
  for (const field of spark.fields) {
    columnLineage[field.name] = {
      inputFields: field.from.map(from => ({
        namespace: port.dataset.namespace,
        name: port.dataset.name,
        field: from,
        transformations: [
          {
            type: 'DIRECT',
            subtype:
              field.from.length === 1 && from === field.name
                ? 'IDENTITY'
                : 'TRANSFORMATION',
            description: '',
            masking: false,
          },
        ],
      })),
    };
  }
  const output = {
    namespace: spark.files.namespace,
    name: spark.files.name,
    facets: {
      dataSource: dataSource(spark.files.namespace),
      schema: schema(spark.fields),
      columnLineage: sparkFacet(
        '1-1-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
        { fields: columnLineage },
      ),
      symlinks: sparkFacet(
        '1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
        { identifiers: [{ ...spark.table, type: 'TABLE' }] },
      ),
    },
  };
  const runFacets = {
    processing_engine: sparkFacet(
      '1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet',
      { version: '3.5.1', name: 'spark', openlineageAdapterVersion: '1.19.0' },
    ),
  };
  const jobFacets = {
    jobType: sparkFacet('2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet', {
      processingType: 'BATCH',
      integration: 'SPARK',
      jobType: 'SQL_JOB',
    }),
  };
  // Daily, an hour before the build's morning run, from before its first.
  const lastRun = Math.floor(END / DAY) * DAY + spark.hourUtc * HOUR;
  for (let t = lastRun - 5 * DAY; t <= lastRun; t += DAY) {
    const runId = uuid(`${job.name}:${t}`);
    // From the run id rather than the random stream: two to five minutes,
    // and a few hundred invoice lines.
    const duration = (2 + (parseInt(runId.slice(0, 2), 16) / 255) * 3) * MINUTE;
    const rowCount = 300 + (parseInt(runId.slice(2, 5), 16) % 400);
    const event = {
      eventTime: new Date(t).toISOString(),
      producer: SPARK_PRODUCER,
      schemaURL:
        'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      eventType: 'START',
      run: { runId, facets: runFacets },
      job: { ...job, facets: jobFacets },
      inputs: [input],
      outputs: [{ ...output, outputFacets: {} }],
    };
    events.push(event, {
      ...event,
      eventTime: new Date(t + duration).toISOString(),
      eventType: 'COMPLETE',
      outputs: [
        {
          ...output,
          outputFacets: {
            outputStatistics: sparkFacet(
              '1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet',
              { rowCount, size: rowCount * 96, fileCount: 1 },
            ),
          },
        },
      ],
    });
  }
}
// Gzipped: every run repeats its schema, which compresses thirty-fold.
const file = path.join(__dirname, 'example-mesh.ndjson.gz');
fs.writeFileSync(
  file,
  zlib.gzipSync(`${events.map(e => JSON.stringify(e)).join('\n')}\n`, {
    level: 9,
  }),
);
console.log(
  `Wrote ${events.length} events to ${path.relative(process.cwd(), file)}`,
);
