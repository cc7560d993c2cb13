import { mockCredentials } from '@backstage/backend-test-utils';
import {
  closeStoreDatabase,
  createStoreTestDatabases,
  eventually,
  pluginDatabaseFactory,
} from '@meshwork/test-utils';
import request from 'supertest';
import {
  appConfigPolicies,
  startGovernanceBackend,
} from './__testUtils__/startGovernanceBackend';

describe('governance backend with its database down', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "answers 503 with Retry-After to a signed-in user, naming no host, and keeps a client's mistakes, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = pluginDatabaseFactory('governance', knex);
      const backend = await startGovernanceBackend({
        governance: {
          policies: await appConfigPolicies(),
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
          platformTeam: 'group:default/data-platform',
        },
        features: [database.factory],
      });
      const user = mockCredentials.user.header();
      const send = (method: 'get' | 'post', url: string, body?: object) =>
        request(backend.server)
          [method](`/api/governance${url}`)
          .set('Authorization', user)
          .send(body);
      let closed: Awaited<ReturnType<typeof closeStoreDatabase>> | undefined;
      try {
        // The catalog has read the product, so an exemption reaches the store.
        await eventually(
          async () =>
            (
              await send('get', '/grantors/dataproduct/default/daily-revenue')
            ).status === 200,
        );
        closed = await closeStoreDatabase(knex);
        const answers: Record<string, unknown> = {};
        for (const [method, url, body] of [
          ['get', '/scorecards'],
          ['get', '/scorecards/dataproduct/default/daily-revenue'],
          ['get', '/scorecards/dataproduct/default/x'],
          ['get', '/history'],
          ['get', '/history/dataproduct/default/daily-revenue'],
          ['get', '/rollups/domains'],
          ['get', '/exemptions'],
          ['get', '/exemptions/1'],
          [
            'post',
            '/exemptions',
            {
              entityRef: 'dataproduct:default/daily-revenue',
              checkId: 'freshness-within-slo',
              justification: 'The upstream warehouse is being migrated.',
              approver: 'group:default/data-platform',
              expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            },
          ],
        ] as const) {
          const res = await send(method, url, body);
          answers[`${method} ${url}`] = [
            res.status,
            res.headers['retry-after'],
            res.body,
          ];
        }
        const unavailable = [
          503,
          '5',
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'The governance store is unavailable; retry later',
            },
          },
        ];
        expect(answers).toEqual(
          Object.fromEntries(
            Object.keys(answers).map(key => [key, unavailable]),
          ),
        );
        // Mistakes are still the client's, checked before the store is asked.
        expect((await send('get', '/scorecards?level=bogus')).status).toBe(400);
        expect((await send('post', '/exemptions', {})).status).toBe(400);
        expect(
          (await request(backend.server).get('/api/governance/scorecards'))
            .status,
        ).toBe(401);
        expect((await send('get', '/rollups/planets')).status).toBe(404);
      } finally {
        await closed?.reopen();
        await backend.stop();
        await database.destroyOthers();
      }
    },
    120_000,
  );
});
