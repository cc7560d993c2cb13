import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { RegisteredEntities } from './RegisteredEntities';
import { RegisteredOutputDatasets } from './RegisteredOutputDatasets';

const migrations = resolvePackagePath(
  '@backstage/plugin-catalog-backend',
  'migrations',
);

/** A product writing each of `tables`, as its YAML's JSON. */
function product(name: string, tables: string[], extra: object = {}) {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      ...extra,
      outputPorts: tables.map(table => ({
        name: table,
        type: 'table',
        dataset: { namespace: 's3://lake', name: table },
      })),
    },
  };
}

/** Writes an entity's rows as the catalog stores them in each state. */
async function store(
  knex: Knex,
  name: string,
  state: {
    /** The version read from the file, as refresh_state holds it. */
    file: object;
    /** The processing errors; '' when not processed yet. */
    errors: string;
    /** The version the catalog serves, if any. */
    served?: ReturnType<typeof product>;
  },
) {
  const id = `id-${name}`;
  const ref = `dataproduct:default/${name}`;
  await knex('final_entities').where({ entity_id: id }).delete();
  await knex('refresh_state').where({ entity_id: id }).delete();
  await knex('refresh_state').insert({
    entity_id: id,
    entity_ref: ref,
    unprocessed_entity: JSON.stringify(state.file),
    unprocessed_hash: `u-${JSON.stringify(state.file).length}-${Math.random()}`,
    errors: state.errors,
    next_update_at: knex.fn.now(),
    last_discovery_at: knex.fn.now(),
  });
  if (state.served) {
    await knex('final_entities').insert({
      entity_id: id,
      entity_ref: ref,
      hash: `f-${Math.random()}`,
      final_entity: JSON.stringify({
        ...state.served,
        relations: [],
        metadata: { ...state.served.metadata, uid: id },
      }),
    });
  }
}

const refused = JSON.stringify([
  { name: 'InputError', message: 'spec.tier: must be one of 1, 2, 3' },
]);

describe('the products other products are judged against', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'are the versions the catalog serves, or, until it serves one, the versions waiting in its queue, never refused ones, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrations });
      const database = { getClient: async () => knex };
      const registered = new RegisteredEntities(database);
      const datasets = new RegisteredOutputDatasets(database, {
        maxAgeMs: 0,
      });
      const owners = async (...tables: string[]) =>
        datasets.ownersOf(
          tables.map(table => ({ namespace: 's3://lake', name: table })),
        );
      const ports = async (...names: string[]) => {
        const found = await registered.lookup(
          names.map(name => `dataproduct:default/${name}`),
        );
        return names.map(
          name => found.get(`dataproduct:default/${name}`) ?? 'absent',
        );
      };

      // Served as `orders`; a refused edit adds `rates` and drops `orders`.
      await store(knex, 'payments', {
        served: product('payments', ['orders']),
        file: product('payments', ['rates'], { tier: 'high' }),
        errors: refused,
      });
      // Registered, waiting in the queue.
      await store(knex, 'queued', {
        file: product('queued', ['queue']),
        errors: '',
      });
      // Processed, not stitched yet.
      await store(knex, 'unstitched', {
        file: product('unstitched', ['unstitched']),
        errors: '[]',
      });
      // Refused from its first version on: the catalog serves nothing.
      await store(knex, 'never', {
        file: product('never', ['never'], { tier: 'high' }),
        errors: refused,
      });

      expect(
        await owners('orders', 'rates', 'queue', 'unstitched', 'never'),
      ).toEqual([
        ['dataproduct:default/payments'],
        [],
        ['dataproduct:default/queued'],
        ['dataproduct:default/unstitched'],
        [],
      ]);
      expect(
        await ports('payments', 'queued', 'unstitched', 'never', 'ghost'),
      ).toEqual([
        { outputPorts: ['orders'] },
        { outputPorts: ['queue'] },
        { outputPorts: ['unstitched'] },
        // Registered, with no ports to trust: "is itself invalid".
        {},
        'absent',
      ]);

      // The edit accepted and served: its ports count, read again.
      await store(knex, 'payments', {
        served: product('payments', ['rates']),
        file: product('payments', ['rates']),
        errors: '[]',
      });
      // The never-accepted product fixed, waiting in the queue.
      await store(knex, 'never', {
        file: product('never', ['never']),
        errors: '',
      });
      expect(await owners('orders', 'rates', 'never')).toEqual([
        [],
        ['dataproduct:default/payments'],
        ['dataproduct:default/never'],
      ]);
      expect(await ports('payments', 'never')).toEqual([
        { outputPorts: ['rates'] },
        { outputPorts: ['never'] },
      ]);
    },
    60_000,
  );
});
