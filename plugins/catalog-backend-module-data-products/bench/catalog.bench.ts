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
import { reportBenchmark, writeGeneratedMesh } from '@meshwork/test-utils';
import { promises as fs } from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { catalogModuleDataProducts } from '../src/module';

process.env.LOG_LEVEL ??= 'warn';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const COUNT = Number(arg('count', '10000'));
const DATABASES =
  arg('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('db', 'both')];
const COLUMNS = 20;
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };

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
  await writeGeneratedMesh({
    dir,
    count: COUNT,
    columns: COLUMNS,
    components: true,
  });
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
