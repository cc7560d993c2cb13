import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  builtinChecks,
  parseGovernancePolicies,
} from '@meshwork/plugin-governance-common';
import { createRouter } from './router';
import { ProductScorecards } from './service/ProductScorecards';
import { ScorecardStore } from './store/ScorecardStore';

/**
 * The governance backend: evaluates every data product's checks on a
 * schedule (`governance.evaluationSeconds`), keeps scorecards with history,
 * and serves them at `/api/governance`. A bad `governance.policies` stops
 * start-up with a message naming the policy.
 *
 * @public
 */
export const governancePlugin = createBackendPlugin({
  pluginId: 'governance',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        scheduler,
      }) {
        const configured = parseGovernancePolicies(
          config.getOptional('governance.policies'),
        );
        // Without policies, every built-in check applies at its own severity.
        const policies = configured.length
          ? configured
          : [
              {
                name: 'built-in defaults',
                checks: builtinChecks.map(check => ({ id: check.id })),
              },
            ];
        const store = await ScorecardStore.create(await database.getClient(), {
          skipMigrations: database.migrations?.skip,
        });
        const scorecards = new ProductScorecards({ catalog, auth, policies });
        await scheduler.scheduleTask({
          id: 'governance-evaluation',
          // One replica at a time evaluates and writes.
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber('governance.evaluationSeconds') ?? 300,
          },
          timeout: { minutes: 10 },
          fn: async () => {
            const cards = await scorecards.evaluateAll();
            await store.replaceAll(cards, Date.now());
            logger.info(
              `Evaluated governance of ${cards.length} data products`,
            );
          },
        });
        httpRouter.use(await createRouter({ httpAuth, store, scorecards }));
      },
    });
  },
});
