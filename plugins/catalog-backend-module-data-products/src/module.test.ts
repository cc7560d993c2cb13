import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import { createStoreTestDatabases, eventually } from '@meshwork/test-utils';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { catalogModuleDataProducts } from './module';

const mesh = path.resolve(__dirname, '__fixtures__/mesh');

/** A product of the sales domain, in YAML's JSON form. */
function productYaml(
  name: string,
  ports: { outputs: string[]; inputs?: string[]; inputNamespace?: string },
): string {
  const dataset = (table: string, namespace = 'postgres://warehouse:5432') => ({
    namespace,
    name: `analytics.sales.${table}`,
  });
  return JSON.stringify({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name },
    spec: {
      domain: 'sales',
      owner: 'group:sales-data',
      lifecycle: 'production',
      type: 'aggregate',
      tier: 2,
      version: '1.0.0',
      outputPorts: ports.outputs.map(table => ({
        name: table,
        type: 'table',
        dataset: dataset(table),
      })),
      inputPorts: (ports.inputs ?? []).map(table => ({
        name: table,
        dataset: dataset(table, ports.inputNamespace),
      })),
    },
  });
}

describe('catalog module: data products', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'relates a product to the products writing the datasets its input ports name, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-inputs-'));
      const write = (name: string, ports: Parameters<typeof productYaml>[1]) =>
        fs.writeFile(path.join(dir, `${name}.yaml`), productYaml(name, ports));
      // Two products writing one dataset, as during a migration.
      await write('writer', { outputs: ['carts'] });
      await write('writer-v2', { outputs: ['carts'] });
      await write('reader', {
        outputs: ['baskets'],
        inputs: ['carts', 'returns'],
      });
      await write('loop', { outputs: ['loops'], inputs: ['loops', 'carts'] });
      await write('stray', { outputs: ['strays'], inputs: ['nowhere'] });
      // The writers' namespace spelled otherwise: no port, another scheme.
      await write('spelled', {
        outputs: ['spelled'],
        inputs: ['carts'],
        inputNamespace: 'postgresql://WAREHOUSE',
      });
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataProducts,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  { allow: ['Domain', 'Group', 'Location', 'DataProduct'] },
                ],
                locations: [
                  { type: 'file', target: path.join(mesh, 'org.yaml') },
                  { type: 'file', target: path.join(dir, '*.yaml') },
                ],
              },
            },
          }),
        ],
      });
      /** The product's relations once `done` holds of them. */
      const relationsOf = (
        name: string,
        done: (
          relations: Array<{ type: string; targetRef: string }>,
        ) => boolean,
      ) =>
        eventually(async seen => {
          const res = await request(backend.server)
            .get(`/api/catalog/entities/by-name/dataproduct/default/${name}`)
            .set('Authorization', mockCredentials.user.header());
          seen(res.body);
          const relations = res.body?.relations;
          return relations && done(relations) ? relations : undefined;
        });
      const has =
        (type: string, targetRef: string) =>
        (relations: Array<{ type: string; targetRef: string }>) =>
          relations.some(r => r.type === type && r.targetRef === targetRef);
      try {
        const reader = await relationsOf(
          'reader',
          relations =>
            has('dependsOn', 'dataproduct:default/writer')(relations) &&
            has('dependsOn', 'dataproduct:default/writer-v2')(relations),
        );
        expect(
          reader.filter((r: { type: string }) => r.type === 'dependsOn'),
        ).toHaveLength(2);
        for (const writer of ['writer', 'writer-v2']) {
          await relationsOf(
            writer,
            has('dependencyOf', 'dataproduct:default/reader'),
          );
        }

        // Registered with the writers: stored relating to them, so its
        // processing knew of itself too.
        const loop = await relationsOf(
          'loop',
          has('dependsOn', 'dataproduct:default/writer'),
        );
        expect(loop).not.toContainEqual(
          expect.objectContaining({ targetRef: 'dataproduct:default/loop' }),
        );

        await relationsOf(
          'spelled',
          relations =>
            has('dependsOn', 'dataproduct:default/writer')(relations) &&
            has('dependsOn', 'dataproduct:default/writer-v2')(relations),
        );

        // Stored, so processed without error, and related to no product.
        const stray = await relationsOf(
          'stray',
          has('ownedBy', 'group:default/sales-data'),
        );
        expect(stray.map((r: { type: string }) => r.type).sort()).toEqual([
          'ownedBy',
          'partOf',
        ]);

        await write('returns', { outputs: ['returns'] });
        await relationsOf(
          'reader',
          has('dependsOn', 'dataproduct:default/returns'),
        );
        await relationsOf(
          'returns',
          has('dependencyOf', 'dataproduct:default/reader'),
        );
      } finally {
        await backend.stop();
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it.each(databases.eachSupportedId())(
    'stores products with relations and contracts, and reports every broken reference and misspelt kind, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataProducts,
          unprocessedModule,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  { allow: ['Domain', 'Group', 'Location', 'DataProduct'] },
                ],
                locations: [
                  { type: 'file', target: path.join(mesh, 'org.yaml') },
                  { type: 'file', target: path.join(mesh, 'products/*.yaml') },
                ],
              },
            },
          }),
        ],
      });
      const get = (url: string) =>
        request(backend.server)
          .get(url)
          .set('Authorization', mockCredentials.user.header());
      try {
        const revenue = await eventually(async seen => {
          const res = await get(
            '/api/catalog/entities/by-name/dataproduct/default/revenue',
          );
          seen(res.body);
          const relations = res.body?.relations ?? [];
          return relations.length >= 3 ? res.body : undefined;
        });
        expect(revenue.relations).toEqual(
          expect.arrayContaining([
            { type: 'ownedBy', targetRef: 'group:default/sales-data' },
            { type: 'partOf', targetRef: 'domain:default/sales' },
            { type: 'dependsOn', targetRef: 'dataproduct:default/orders' },
          ]),
        );

        // Stored apart from revenue: on a busy machine, later.
        const orders = await eventually(async seen => {
          const res = await get(
            '/api/catalog/entities/by-name/dataproduct/default/orders',
          );
          seen(res.body);
          return res.body?.spec ? res.body : undefined;
        });
        expect(
          orders.spec.outputPorts[0].contract.schema[0].properties,
        ).toHaveLength(2);
        expect(orders.spec.outputPorts[0].contractSource).toBe(
          path.join(mesh, 'contracts/orders.odcs.yaml'),
        );
        const group = await eventually(async seen => {
          const res = await get(
            '/api/catalog/entities/by-name/group/default/sales-data',
          );
          seen(res.body);
          const owns = (res.body?.relations ?? []).some(
            (r: { type: string }) => r.type === 'ownerOf',
          );
          return owns ? res.body : undefined;
        });
        expect(group.relations).toEqual(
          expect.arrayContaining([
            { type: 'ownerOf', targetRef: 'dataproduct:default/orders' },
          ]),
        );

        const failures = await eventually(async seen => {
          // The processing-errors view lists both never-stored and failed entities.
          const lists = await Promise.all(
            ['pending', 'failed'].map(reason =>
              get(`/api/catalog/entities/unprocessed/${reason}`),
            ),
          );
          const entities = lists.flatMap(res => res.body?.entities ?? []);
          seen(entities.map(e => e.errors));
          const messages: string[] = entities.flatMap(
            (e: { errors?: Array<{ message: string }> }) =>
              (e.errors ?? []).map(x => x.message),
          );
          const complete = [
            'no-such-port',
            'lifecycle',
            'kind: must be',
            'apiVersion: must be',
          ].every(fragment => messages.some(m => m.includes(fragment)));
          return complete ? messages.join('\n') : undefined;
        });
        const brokenFile = path.join(mesh, 'products/broken.yaml');
        const malformedFile = path.join(mesh, 'products/malformed.yaml');
        const expected = [
          `${brokenFile}: spec.outputPorts[0].contract: cannot read contract file "../contracts/missing.odcs.yaml"`,
          `${path.join(
            mesh,
            'contracts/invalid.odcs.yaml',
          )}: spec.outputPorts[1].contract.apiVersion:`,
          `${path.join(
            mesh,
            'contracts/bad-yaml.odcs.yaml',
          )}: spec.outputPorts[2].contract: is not valid YAML at line 3, column 1`,
          `${brokenFile}: spec.outputPorts[3].contract: the contract of output port "out4" (../contracts/two-tables.odcs.yaml) has several schema objects ("customers", "lines" (physicalName "order_lines")) and none describes dataset "analytics.sales.broken4"`,
          `${brokenFile}: spec.slos.quality[0].column: "order_idd" is not a column of the contract of output port "out5" (../contracts/orders.odcs.yaml), schema object "orders", so its nullRate would never be measured: expected one of "order_id", "customer_email"`,
          `${brokenFile}: spec.owner: group:default/nobody is not in the catalog (expected an existing Group)`,
          `${brokenFile}: spec.domain: domain:default/nowhere is not in the catalog (expected an existing Domain)`,
          `${brokenFile}: spec.inputPorts[0].from: dataproduct:default/orders has no output port "no-such-port" (it has: orders)`,
          `${brokenFile}: spec.inputPorts[1].from: dataproduct:default/ghost is not in the catalog (expected an existing DataProduct)`,
          `${malformedFile}: spec.lifecycle: must be one of "experimental", "production", "deprecated" (got "live")`,
          `${malformedFile}: spec.outputPorts[0].dataset.name: is required`,
          `${malformedFile}: spec.outputPorts[1]: must be an object`,
          `${path.join(
            mesh,
            'products/misspelt-kind.yaml',
          )}: kind: must be "DataProduct" (got "Dataproduct")`,
          `${path.join(
            mesh,
            'products/unknown-api-version.yaml',
          )}: apiVersion: must be "meshwork.dev/v1alpha1" (got "meshwork.dev/v1")`,
        ];
        for (const fragment of expected) {
          expect(failures).toContain(fragment);
        }
      } finally {
        await backend.stop();
      }
    },
    90_000,
  );
});
