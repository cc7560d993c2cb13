import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readableDataProductRefs } from '@meshwork/plugin-data-products-node';
import { formatDuration } from '@meshwork/plugin-data-products-common';
import {
  builtinChecks,
  governancePermissions,
  parseGovernancePolicies,
  platformTeamOf,
} from '@meshwork/plugin-governance-common';
import { createRouter } from './router';
import { detectChanges } from './service/detectChanges';
import { LineageFindings } from './service/LineageFindings';
import { LineageOutage } from './service/LineageOutage';
import { loadProductResources } from './service/loadProductResources';
import { ProductScorecards } from './service/ProductScorecards';
import { removalGracePeriodOf } from './service/removalGracePeriodOf';
import {
  governanceProductResourceRef,
  governanceProductRules,
} from './service/productPermissions';
import { ExemptionStore } from './store/ExemptionStore';
import { ScorecardStore } from './store/ScorecardStore';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 10 },
};
const DEFAULT_CHANGE_DETECTION: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 10 },
  timeout: { minutes: 5 },
};

/**
 * The governance backend: scores every data product on a schedule
 * (`governance.schedule`) with what the lineage backend measured, re-scores
 * products whose catalog entry, owner, domain, upstreams or exemptions
 * changed (`governance.changeDetection`), keeps scorecards with history and
 * exemptions with their audit trail, and serves them at `/api/governance`.
 * A product missing from the catalog keeps its history and exemptions for
 * `governance.removalGracePeriod` (default 24 hours), in case it comes back.
 * A bad `governance.policies` stops start-up with a message naming the
 * policy, and so does a `governance.platformTeam` that is not a group ref.
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
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        discovery,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
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
        const platformTeam = platformTeamOf(
          config.getOptionalString('governance.platformTeam'),
        );
        const scheduleOf = (
          key: string,
          fallback: SchedulerServiceTaskScheduleDefinition,
        ) =>
          config.has(key)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(key),
              )
            : fallback;
        const schedule = scheduleOf('governance.schedule', DEFAULT_SCHEDULE);
        const changeDetection = scheduleOf(
          'governance.changeDetection',
          DEFAULT_CHANGE_DETECTION,
        );

        const removalGracePeriodMs = removalGracePeriodOf(config);

        const db = await database.getClient();
        const skipMigrations = database.migrations?.skip;
        const exemptionStore = await ExemptionStore.create(db, {
          skipMigrations,
        });
        // Whichever pass removes a product ends its exemptions.
        const scorecardStore = await ScorecardStore.create(db, {
          skipMigrations,
          onRemove: (refs, now, tx) =>
            exemptionStore.revokeOfRemovedProducts(refs, now, tx),
          removalGracePeriodMs,
        });
        const lineage = new LineageFindings({ discovery, auth, logger });
        const scorecards = new ProductScorecards({
          catalog,
          auth,
          policies,
          exemptions: exemptionStore,
          lineage,
          logger,
        });

        permissionsRegistry.addResourceType({
          resourceRef: governanceProductResourceRef,
          permissions: governancePermissions,
          rules: Object.values(governanceProductRules),
          getResources: entityRefs =>
            loadProductResources(entityRefs, { catalog, auth }),
        });

        const logDepartures = (saved: {
          missing: string[];
          removed: string[];
        }) => {
          if (saved.missing.length) {
            logger.warn(
              `${
                saved.missing.length
              } data products missing from the catalog (${saved.missing
                .slice(0, 10)
                .join(', ')}${
                saved.missing.length > 10 ? ', …' : ''
              }): their scorecards are hidden, and they are removed with their history and exemptions unless back within ${formatDuration(
                removalGracePeriodMs,
              )}`,
            );
          }
          if (saved.removed.length) {
            logger.info(
              `Removed ${saved.removed.length} data products gone from the catalog`,
            );
          }
        };
        const lineageOutage = new LineageOutage(logger);
        // Both tasks are global: one replica at a time evaluates and writes.
        await scheduler.scheduleTask({
          id: 'governance-evaluation',
          scope: 'global',
          ...schedule,
          fn: lineageOutage.keepScorecards(async () => {
            const now = Date.now();
            const { scorecards: cards, unscored } =
              await scorecards.evaluateAll(
                new Date(now),
                (await scorecardStore.sourceHashes()).keys(),
                await scorecardStore.departedWithinGrace(now),
              );
            logDepartures(
              await scorecardStore.save(cards, now, {
                complete: true,
                keep: unscored,
              }),
            );
            logger.info(
              `Evaluated governance of ${cards.length} data products`,
            );
            // Scored with stand-in findings, lineage is still down.
            return lineage.answering;
          }),
        });
        await scheduler.scheduleTask({
          id: 'governance-change-detection',
          scope: 'global',
          ...changeDetection,
          fn: lineageOutage.keepScorecards(
            async () =>
              (await detectChanges({
                scorecards,
                store: scorecardStore,
                logger,
                onDepartures: logDepartures,
              })) > 0 && lineage.answering,
          ),
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            logger,
            scorecardStore,
            exemptionStore,
            scorecards,
            readableRefs: readableDataProductRefs({ permissions, catalog }),
            grantorsOf: async entityRef => {
              const [product] = await loadProductResources([entityRef], {
                catalog,
                auth,
              });
              return (
                product && {
                  platformTeam,
                  domainOwner: product.domainOwner,
                }
              );
            },
          }),
        );
      },
    });
  },
});
