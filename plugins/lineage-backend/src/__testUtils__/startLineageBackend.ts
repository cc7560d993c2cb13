import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { lineagePlugin } from '../plugin';

/** The lineage plugin alone on a test backend, over the given database. */
export async function startLineageBackend(
  knex: Knex,
  options: { config?: JsonObject; features?: any[] } = {},
) {
  return startTestBackend({
    features: [
      lineagePlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
}
