/* eslint-disable no-console */
/**
 * `yarn bench catalog`: how long the catalog takes to process and stitch
 * 10,000 data products with contracts, against 10,000 plain Components with
 * the same number of relations, loaded in the same run, on SQLite and on
 * Postgres. Target: products / components <= 1.5.
 *
 * Options: --count=N (default 10000), --db=sqlite|postgres|both (default both).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { reportBenchmark } from '@meshwork/test-utils';
import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { catalogModuleDataProducts } from '../src/module';

process.env.LOG_LEVEL ??= 'warn';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const COUNT = Number(arg('count', '10000'));
const DATABASES =
  arg('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('db', 'both')];
const DOMAINS = 20;
const TEAMS = 50;
const COLUMNS = 20;
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };

function orgDocuments() {
  const docs: object[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let d = 0; d < DOMAINS; d++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: `domain-${d}` },
      spec: { owner: `group:team-${d % TEAMS}` },
    });
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `domain-${d}` },
      spec: { owner: `group:team-${d % TEAMS}`, domain: `domain-${d}` },
    });
  }
  return docs;
}

function contract(i: number) {
  return {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: `table_${i}`,
        physicalType: 'table',
        properties: Array.from({ length: COLUMNS }, (_, c) => ({
          name: `column_${c}`,
          logicalType: c % 3 === 0 ? 'integer' : 'string',
          physicalType: c % 3 === 0 ? 'bigint' : 'varchar(64)',
          required: c === 0,
          primaryKey: c === 0,
          classification: c === 1 ? 'pii' : 'internal',
        })),
      },
    ],
    slaProperties: [{ property: 'latency', value: 30, unit: 'm' }],
  };
}

/** Product i reads product i-1's port unless it starts a chain: 1 upstream for most. */
const upstreamOf = (i: number) => (i % 10 === 0 ? undefined : i - 1);

async function writeMesh(dir: string) {
  await fs.mkdir(path.join(dir, 'products'), { recursive: true });
  await fs.mkdir(path.join(dir, 'contracts'), { recursive: true });
  await fs.mkdir(path.join(dir, 'components'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'org.yaml'),
    orgDocuments()
      .map(d => stringify(d))
      .join('---\n'),
  );
  for (let i = 0; i < COUNT; i++) {
    const up = upstreamOf(i);
    const owner = `group:team-${i % TEAMS}`;
    const domain = `domain-${i % DOMAINS}`;
    await fs.writeFile(
      path.join(dir, 'contracts', `p-${i}.odcs.yaml`),
      stringify(contract(i)),
    );
    await fs.writeFile(
      path.join(dir, 'products', `p-${i}.yaml`),
      stringify({
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: `p-${i}` },
        spec: {
          domain,
          owner,
          lifecycle: 'production',
          type: 'aggregate',
          tier: 2,
          version: '1.0.0',
          outputPorts: [
            {
              name: 'out',
              type: 'table',
              dataset: { namespace: 'postgres://w:5432', name: `a.t_${i}` },
              contract: `../contracts/p-${i}.odcs.yaml`,
            },
          ],
          ...(up === undefined
            ? {}
            : {
                inputPorts: [
                  { name: 'in', from: `dataproduct:default/p-${up}#out` },
                ],
              }),
        },
      }),
    );
    // Same relations: owner, domain (through its system), one dependency.
    await fs.writeFile(
      path.join(dir, 'components', `c-${i}.yaml`),
      stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `c-${i}` },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner,
          system: domain,
          ...(up === undefined
            ? {}
            : { dependsOn: [`component:default/c-${up}`] }),
        },
      }),
    );
  }
}

function databaseConfig(kind: string, dir: string, prefix: string) {
  return kind === 'sqlite'
    ? {
        client: 'better-sqlite3',
        connection: { directory: path.join(dir, `sqlite-${prefix}`) },
      }
    : {
        client: 'pg',
        prefix,
        connection: POSTGRES,
      };
}

async function catalogKnex(
  kind: string,
  dir: string,
  prefix: string,
): Promise<Knex> {
  return kind === 'sqlite'
    ? knexFactory({
        client: 'better-sqlite3',
        connection: {
          filename: path.join(dir, `sqlite-${prefix}`, 'catalog.sqlite'),
        },
        useNullAsDefault: true,
      })
    : knexFactory({
        client: 'pg',
        connection: { ...POSTGRES, database: `${prefix}catalog` },
      });
}

/** Seconds from start until every entity of `kind` is stored with all its relations. */
async function timeLoad(
  dbKind: string,
  dir: string,
  entityKind: 'dataproduct' | 'component',
  target: string,
) {
  const prefix = `bench_${entityKind}_${Date.now()}_`;
  const port = 17000 + Math.floor(Math.random() * 1000);
  const config = new ConfigReader({
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database: databaseConfig(dbKind, dir, prefix),
    },
    catalog: {
      processingInterval: { seconds: 5 },
      rules: [
        {
          allow: [
            'Component',
            'System',
            'Domain',
            'Group',
            'Location',
            'DataProduct',
          ],
        },
      ],
      locations: [
        { type: 'file', target: path.join(dir, 'org.yaml') },
        { type: 'file', target: path.join(dir, target, '*.yaml') },
      ],
    },
  });
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(catalogModuleDataProducts);
  const started = Date.now();
  await backend.start();
  const knex = await catalogKnex(dbKind, dir, prefix);
  // Each entity's own relations: owner + domain/system (+ 1 dependency for 9 in 10).
  const expectedRelations = COUNT * 2 + COUNT - Math.ceil(COUNT / 10);
  let seconds = 0;
  for (;;) {
    const [{ stored }] = await knex('final_entities')
      .join(
        'refresh_state',
        'refresh_state.entity_id',
        'final_entities.entity_id',
      )
      .whereNotNull('final_entities.final_entity')
      .where('refresh_state.entity_ref', 'like', `${entityKind}:%`)
      .count({ stored: '*' });
    const [{ relations }] = await knex('relations')
      .where('source_entity_ref', 'like', `${entityKind}:%`)
      .whereIn('type', ['ownedBy', 'partOf', 'dependsOn'])
      .count({ relations: '*' });
    if (Number(stored) >= COUNT && Number(relations) >= expectedRelations) {
      seconds = (Date.now() - started) / 1000;
      break;
    }
    if (Date.now() - started > 30 * 60_000) {
      throw new Error(
        `timed out with ${stored}/${COUNT} ${entityKind} stored and ${relations}/${expectedRelations} relations`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await knex.destroy();
  await backend.stop();
  if (dbKind === 'postgres') {
    const admin = knexFactory({
      client: 'pg',
      connection: { ...POSTGRES, database: 'postgres' },
    });
    // The stopped backend may still hold pooled connections.
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      `${prefix}catalog`,
    ]);
    await admin.destroy();
  }
  return seconds;
}

async function main() {
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'meshwork-bench-catalog-'),
  );
  console.log(
    `Generating ${COUNT} data products (${COLUMNS}-column contracts) and ${COUNT} components in ${dir}`,
  );
  await writeMesh(dir);
  for (const db of DATABASES) {
    const components = await timeLoad(db, dir, 'component', 'components');
    const products = await timeLoad(db, dir, 'dataproduct', 'products');
    reportBenchmark({
      name: `catalog ${db}: ${COUNT} data products processed and stitched`,
      value: products,
      unit: 's',
      baseline: {
        name: `${COUNT} components, same relations`,
        value: components,
      },
    });
    reportBenchmark({
      name: `catalog ${db}: products/components ratio`,
      value: products / components,
      unit: 'x',
      target: { max: 1.5 },
    });
  }
  await fs.rm(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
