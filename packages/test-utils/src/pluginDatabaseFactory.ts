import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

/**
 * A database service for a test backend: plugin `pluginId`'s database is
 * `knex` (a store test's SQLite or Postgres), every other plugin's an
 * in-memory SQLite of its own, which `destroyOthers` closes.
 */
export function pluginDatabaseFactory(pluginId: string, knex: Knex) {
  const others: Knex[] = [];
  return {
    factory: createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => {
        if (plugin.getId() === pluginId) {
          return mockServices.database({ knex });
        }
        const other = knexFactory({
          client: 'better-sqlite3',
          connection: ':memory:',
          useNullAsDefault: true,
        });
        others.push(other);
        return { getClient: async () => other };
      },
    }),
    destroyOthers: async () => {
      await Promise.all(others.map(other => other.destroy()));
    },
  };
}
