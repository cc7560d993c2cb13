import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import { lineagePlugin } from '../plugin';

/**
 * The lineage plugin on a test backend, over the given database; other
 * plugins among `features` (the catalog) each get an in-memory one.
 */
export async function startLineageBackend(
  knex: Knex,
  options: { config?: JsonObject; features?: any[] } = {},
) {
  const others: Knex[] = [];
  const backend = await startTestBackend({
    features: [
      lineagePlugin,
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          if (plugin.getId() === 'lineage') {
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
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
  const stop = backend.stop.bind(backend);
  backend.stop = async () => {
    await stop();
    await Promise.all(others.map(other => other.destroy()));
  };
  return backend;
}
