import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { pluginDatabaseFactory } from '@meshwork/test-utils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { lineagePlugin } from '../plugin';

/**
 * The lineage plugin on a test backend, over the given database; other
 * plugins among `features` (the catalog) each get an in-memory one.
 */
export async function startLineageBackend(
  knex: Knex,
  options: { config?: JsonObject; features?: any[] } = {},
) {
  const database = pluginDatabaseFactory('lineage', knex);
  const backend = await startTestBackend({
    features: [
      lineagePlugin,
      database.factory,
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
  const stop = backend.stop.bind(backend);
  backend.stop = async () => {
    await stop();
    await database.destroyOthers();
  };
  return backend;
}
