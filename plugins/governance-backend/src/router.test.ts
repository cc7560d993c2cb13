import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { LineageFindings } from './service/LineageFindings';
import { ProductScorecards } from './service/ProductScorecards';
import { ExemptionStore } from './store/ExemptionStore';
import { ScorecardStore } from './store/ScorecardStore';

const RETURNS = 'dataproduct:default/returns';

describe('governance router', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'answers a 404 for the scorecard of a product missing from the catalog and no history, until it is back, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const scorecardStore = await ScorecardStore.create(db, {
        removalGracePeriodMs: 24 * 60 * 60 * 1000,
      });
      const exemptionStore = await ExemptionStore.create(db);
      const logger = mockServices.logger.mock();
      const auth = mockServices.auth();
      const app = express()
        .use(
          await createRouter({
            httpAuth: mockServices.httpAuth(),
            permissions: mockServices.permissions(),
            logger,
            scorecardStore,
            exemptionStore,
            scorecards: new ProductScorecards({
              catalog: catalogServiceMock(),
              auth,
              policies: [],
              exemptions: exemptionStore,
              lineage: new LineageFindings({
                discovery: mockServices.discovery(),
                auth,
                logger,
              }),
              logger,
            }),
            readableRefs: async () => undefined,
            grantorsOf: async () => undefined,
          }),
        )
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger,
          }).error(),
        );
      const get = async (url: string) => {
        const res = await request(app)
          .get(url)
          .set('Authorization', mockCredentials.user.header());
        return [res.status, res.body.error?.message ?? res.body];
      };
      const now = Date.now();
      await scorecardStore.save(
        [
          {
            entityRef: RETURNS,
            domain: 'domain:default/checkout',
            owner: 'group:default/checkout-data',
            score: 100,
            level: 'gold',
            checks: [],
            evaluatedAt: new Date(now).toISOString(),
            sourceHash: 'returns',
          },
        ],
        now,
      );
      const [scorecard, history] = [
        '/scorecards/dataproduct/default/returns',
        '/history/dataproduct/default/returns',
      ];
      expect(await get(scorecard)).toEqual([
        200,
        expect.objectContaining({ entityRef: RETURNS }),
      ]);
      const shown = await get(history);
      expect(shown).toEqual([200, [expect.objectContaining({ score: 100 })]]);

      await scorecardStore.save([], now + 1, { remove: [RETURNS] });
      expect(await get(scorecard)).toEqual([
        404,
        `No scorecard for ${RETURNS} yet`,
      ]);
      expect(await get(history)).toEqual([200, []]);

      await scorecardStore.save([], now + 2, { present: [RETURNS] });
      expect(await get(scorecard)).toEqual([
        200,
        expect.objectContaining({ entityRef: RETURNS }),
      ]);
      expect(await get(history)).toEqual(shown);
    },
  );
});
