import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { createStoreTestDatabases, eventually } from '@meshwork/test-utils';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { catalogModuleDataProducts } from '../module';

const org = path.resolve(__dirname, '../__fixtures__/mesh/org.yaml');

/** A product of the sales domain, in YAML's JSON form. */
function productYaml(
  name: string,
  spec: {
    outputs: string[];
    inputs?: Array<{ dataset: string } | { from: string }>;
    tier?: unknown;
  },
): string {
  const dataset = (table: string) => ({ namespace: 's3://lake', name: table });
  return JSON.stringify({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name },
    spec: {
      domain: 'sales',
      owner: 'group:sales-data',
      lifecycle: 'production',
      type: 'aggregate',
      tier: spec.tier ?? 2,
      version: '1.0.0',
      outputPorts: spec.outputs.map(table => ({
        name: table,
        type: 'table',
        dataset: dataset(table),
      })),
      inputPorts: (spec.inputs ?? []).map((input, index) =>
        'dataset' in input
          ? { name: `in${index}`, dataset: dataset(input.dataset) }
          : { name: `in${index}`, from: input.from },
      ),
    },
  });
}

describe('a product version the catalog refused', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'relates and checks the other products against the version the catalog serves, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'refused-'));
      const write = (name: string, spec: Parameters<typeof productYaml>[1]) =>
        fs.writeFile(path.join(dir, `${name}.yaml`), productYaml(name, spec));
      await write('writer', { outputs: ['orders'] });
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
                  { type: 'file', target: org },
                  { type: 'file', target: path.join(dir, '*.yaml') },
                ],
              },
            },
          }),
        ],
      });
      const served = (name: string) =>
        eventually(async seen => {
          const res = await request(backend.server)
            .get(`/api/catalog/entities/by-name/dataproduct/default/${name}`)
            .set('Authorization', mockCredentials.user.header());
          seen(res.body);
          const relations: Array<{ type: string; targetRef: string }> =
            res.body?.relations ?? [];
          return relations.some(r => r.type === 'ownedBy')
            ? res.body
            : undefined;
        });
      const errorsOf = (name: string) =>
        eventually(async seen => {
          const row = await knex('refresh_state')
            .where('entity_ref', `dataproduct:default/${name}`)
            .first('errors');
          seen(row);
          const errors: Array<{ message: string }> = row?.errors
            ? JSON.parse(row.errors)
            : [];
          return errors.length > 0
            ? errors.map(e => e.message).join('\n')
            : undefined;
        });
      const dependsOn = (entity: {
        relations: Array<{ type: string; targetRef: string }>;
      }) =>
        entity.relations
          .filter(r => r.type === 'dependsOn')
          .map(r => r.targetRef);
      try {
        await served('writer');
        // Refused: it moves its port from `orders` to `rates`.
        await write('writer', { outputs: ['rates'], tier: 'high' });
        expect(await errorsOf('writer')).toContain('tier');
        expect((await served('writer')).spec.outputPorts[0].name).toBe(
          'orders',
        );

        await write('reads-rates', {
          outputs: ['a'],
          inputs: [{ dataset: 'rates' }],
        });
        await write('reads-orders', {
          outputs: ['b'],
          inputs: [{ dataset: 'orders' }],
        });
        await write('from-orders', {
          outputs: ['c'],
          inputs: [{ from: 'dataproduct:default/writer#orders' }],
        });
        await write('from-rates', {
          outputs: ['d'],
          inputs: [{ from: 'dataproduct:default/writer#rates' }],
        });
        expect(dependsOn(await served('reads-rates'))).toEqual([]);
        expect(dependsOn(await served('reads-orders'))).toEqual([
          'dataproduct:default/writer',
        ]);
        expect(dependsOn(await served('from-orders'))).toEqual([
          'dataproduct:default/writer',
        ]);
        expect(await errorsOf('from-rates')).toContain(
          `${path.join(
            dir,
            'from-rates.yaml',
          )}: spec.inputPorts[0].from: dataproduct:default/writer has no output port "rates" (it has: orders)`,
        );
      } finally {
        await backend.stop();
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
