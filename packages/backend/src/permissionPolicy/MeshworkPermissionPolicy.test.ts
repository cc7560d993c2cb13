import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessed from '@backstage/plugin-catalog-backend-module-unprocessed';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import governancePlugin from '@meshwork/plugin-governance-backend';
import { createStoreTestDatabases, eventually } from '@meshwork/test-utils';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { promises as fs } from 'fs';
import { meshworkPermissionPolicyModule } from './meshworkPermissionPolicyModule';

const repo = path.resolve(__dirname, '../../../..');
const DAY = 24 * 60 * 60 * 1000;

/** The governance plugin on the database under test; others in memory. */
const databasesFor = (governance: Knex) =>
  createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const client =
        plugin.getId() === 'governance'
          ? governance
          : knexFactory({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            });
      return { getClient: async () => client };
    },
  });

/**
 * Mock auth, except that a plugin calling another on behalf of a user passes
 * a user token naming itself as the actor, as real Backstage auth does: the
 * permission backend applies the governance plugin's conditions that way,
 * and the mock's own on-behalf tokens carry no actor.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const serviceToken = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options =>
      auth.isPrincipal(options.onBehalfOf, 'user')
        ? {
            token: mockCredentials.user.token(
              options.onBehalfOf.principal.userEntityRef,
              { actor: { subject: `plugin:${plugin.getId()}` } },
            ),
          }
        : serviceToken(options);
    return auth;
  },
});

/**
 * A user owns what they are and the groups they are a member of in the
 * catalog, as Meshwork's sign-in resolvers put in the token.
 */
const catalogUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: { auth: coreServices.auth, catalog: catalogServiceRef },
  factory: ({ auth, catalog }) => ({
    async getUserInfo(credentials) {
      if (!auth.isPrincipal(credentials, 'user')) {
        throw new Error('Not a user');
      }
      const { userEntityRef } = credentials.principal;
      const user = await catalog.getEntityByRef(userEntityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(user?.relations ?? [])
            .filter(relation => relation.type === 'memberOf')
            .map(relation => relation.targetRef),
        ],
      };
    },
  }),
});

/**
 * The permission backend deciding by Meshwork's policy, with users' groups
 * from the catalog; callers are whoever the test's Authorization names.
 */
const permissionFeatures = [
  permissionPlugin,
  meshworkPermissionPolicyModule,
  permissionsServiceFactory,
  permissionsRegistryServiceFactory,
  catalogUserInfo,
  authWithActors,
  mockServices.httpAuth.factory({
    defaultCredentials: mockCredentials.none(),
  }),
];

/** The example mesh's org and products, as app-config.yaml reads them. */
const exampleMeshLocations = [
  { type: 'file', target: path.join(repo, 'catalog-info/org/*.yaml') },
  { type: 'file', target: path.join(repo, 'catalog-info/products/**/*.yaml') },
];

/** The settings of app-config.yaml the test backend takes as they ship. */
async function appConfig() {
  const config = parseYaml(
    await fs.readFile(path.join(repo, 'app-config.yaml'), 'utf8'),
  );
  return {
    policies: config.governance.policies,
    catalogRules: config.catalog.rules,
  };
}

/**
 * A product team's own locations: a Domain the team made up, owned by one
 * of its engineers, and a product of the team's in that domain (apart: a
 * location holding a kind it may not is refused whole).
 */
async function teamLocations() {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'team-'));
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: 'fulfilment-own' },
      spec: { owner: 'user:default/oliver.bennett' },
    },
    {
      apiVersion: 'meshwork.dev/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'returns-shadow', description: 'Returns, again.' },
      spec: {
        domain: 'fulfilment-own',
        owner: 'group:default/fulfilment-engineering',
        lifecycle: 'experimental',
        type: 'aggregate',
        tier: 3,
        version: '0.1.0',
        outputPorts: [
          {
            name: 'returns',
            type: 'table',
            dataset: { namespace: 'postgres://team:5432', name: 'returns' },
          },
        ],
      },
    },
  ];
  const files = ['domain.yaml', 'product.yaml'].map(file =>
    path.join(directory, file),
  );
  await Promise.all(
    files.map((file, index) =>
      fs.writeFile(file, stringifyYaml(entities[index])),
    ),
  );
  return { directory, files };
}

const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
/** In group data-platform, the platform team. */
const platformEngineer = user('noah.fischer');
/** In group logistics-data, owner of the logistics domain. */
const logisticsOwner = user('tomasz.nowak');
/** In fulfilment-engineering, which owns returns but not its domain. */
const fulfilmentEngineer = user('oliver.bennett');

describe('exemptions under Meshwork permission policy', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'are granted by the platform team or the domain owner only, and stop applying when they expire or are revoked, on %p',
    async databaseId => {
      const { policies, catalogRules } = await appConfig();
      const team = await teamLocations();
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleUnprocessed,
          catalogModuleDataProducts,
          governancePlugin,
          schedulerServiceFactory,
          ...permissionFeatures,
          databasesFor(await databases.init(databaseId)),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              governance: {
                policies,
                platformTeam: 'group:default/data-platform',
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 1 },
                },
                changeDetection: {
                  frequency: { seconds: 1 },
                  timeout: { minutes: 1 },
                },
              },
              catalog: {
                processingInterval: { seconds: 1 },
                rules: catalogRules,
                locations: [
                  ...exampleMeshLocations,
                  ...team.files.map(target => ({ type: 'file', target })),
                ],
              },
            },
          }),
        ],
      });
      const api = (url: string) => `/api/governance${url}`;
      const exempt = (header: string | undefined, body: object) => {
        const req = request(backend.server).post(api('/exemptions'));
        if (header) req.set('Authorization', header);
        return req.send(body);
      };
      const scorecard = async (name: string) =>
        (
          await request(backend.server)
            .get(api(`/scorecards/dataproduct/default/${name}`))
            .set('Authorization', mockCredentials.service.header())
        ).body;
      const statusOf = async (name: string, checkId: string) =>
        (await scorecard(name)).checks?.find((c: any) => c.id === checkId)
          ?.status;
      const inDays = (days: number) =>
        new Date(Date.now() + days * DAY).toISOString();
      const returnsRunbook = {
        entityRef: 'dataproduct:default/returns',
        checkId: 'description-present',
        justification: 'Description being agreed with the returns team',
        approver: 'user:default/tomasz.nowak',
        expiresAt: inDays(30),
      };
      try {
        await eventually(
          async () =>
            (await statusOf('delivery-performance', 'runbook-present')) ===
              'fail' &&
            (
              await scorecard('returns')
            ).checks &&
            (
              await scorecard('orders')
            ).checks,
          'the example mesh scored',
        );
        // A Domain comes only from the org's own files: a team making one
        // up is refused, so its product naming that domain is not in the
        // catalog, and the team cannot exempt it as the domain's owner.
        await eventually(async () => {
          const pending = await request(backend.server)
            .get('/api/catalog/entities/unprocessed/pending')
            .set('Authorization', mockCredentials.service.header());
          return /domain:default\/fulfilment-own at file:[^"]*domain\.yaml, originated at [^"]*, is not of an allowed kind/.test(
            JSON.stringify(pending.body),
          );
        }, "the team's Domain refused");
        await exempt(fulfilmentEngineer, {
          ...returnsRunbook,
          entityRef: 'dataproduct:default/returns-shadow',
        }).expect(400);

        // The platform team may exempt any product.
        const byPlatform = await exempt(platformEngineer, {
          entityRef: 'dataproduct:default/delivery-performance',
          checkId: 'runbook-present',
          justification: 'Runbook moves to the new wiki this sprint',
          approver: 'group:default/data-platform',
          expiresAt: inDays(14),
        }).expect(201);
        expect(byPlatform.body).toMatchObject({
          id: expect.any(String),
          createdBy: 'user:default/noah.fischer',
          approver: 'group:default/data-platform',
          state: 'active',
        });
        // Re-scored at once, with the exemption alongside.
        const card = await scorecard('delivery-performance');
        expect(card.checks).toContainEqual(
          expect.objectContaining({
            id: 'runbook-present',
            status: 'exempt',
            message: expect.stringContaining(
              'Runbook moves to the new wiki this sprint',
            ),
          }),
        );
        expect(card.exemptions.map((e: any) => e.id)).toEqual([
          byPlatform.body.id,
        ]);

        // The owner of a product's domain may; the product's own team may not.
        await exempt(fulfilmentEngineer, returnsRunbook).expect(403);
        const byDomainOwner = await exempt(
          logisticsOwner,
          returnsRunbook,
        ).expect(201);
        // …and not on another domain's products.
        await exempt(logisticsOwner, {
          ...returnsRunbook,
          entityRef: 'dataproduct:default/orders',
        }).expect(403);
        await exempt(undefined, returnsRunbook).expect(401);
        await exempt(mockCredentials.service.header(), returnsRunbook).expect(
          403,
        );

        const problem = async (body: object) =>
          (await exempt(platformEngineer, body).expect(400)).body.error.message;
        const { justification: _j, ...withoutJustification } = returnsRunbook;
        expect(await problem(withoutJustification)).toBe(
          'justification: is required',
        );
        expect(
          await problem({ ...returnsRunbook, checkId: 'be-nice' }),
        ).toMatch(/^checkId: expected one of owner-is-group, /);
        expect(
          await problem({ ...returnsRunbook, entityRef: 'group:default/x' }),
        ).toBe('entityRef: expected a dataproduct entity ref (got kind group)');
        expect(
          await problem({ ...returnsRunbook, entityRef: 'dataproduct:nope' }),
        ).toBe(
          'entityRef: no data product dataproduct:default/nope in the catalog',
        );
        expect(
          await problem({ ...returnsRunbook, expiresAt: 'next week' }),
        ).toBe(
          'expiresAt: expected an ISO 8601 time, e.g. 2027-01-31T00:00:00Z',
        );
        expect(
          await problem({ ...returnsRunbook, expiresAt: inDays(-1) }),
        ).toMatch(/^expiresAt: must be in the future \(got /);
        expect(await problem({ ...returnsRunbook, colour: 'red' })).toMatch(
          /^\(body\): Unrecognized key: "colour"/,
        );

        // Revocation: same rule; a revoked exemption stays, as revoked.
        const revoke = (header: string, id: string, body: object) =>
          request(backend.server)
            .post(api(`/exemptions/${id}/revoke`))
            .set('Authorization', header)
            .send(body);
        await revoke(fulfilmentEngineer, byDomainOwner.body.id, {
          reason: 'Not needed',
        }).expect(403);
        expect(
          (await revoke(logisticsOwner, byDomainOwner.body.id, {}).expect(400))
            .body.error.message,
        ).toBe('reason: is required');
        expect(
          (
            await revoke(logisticsOwner, byDomainOwner.body.id, {
              reason: 'Description written',
            }).expect(200)
          ).body,
        ).toMatchObject({
          state: 'revoked',
          revokedBy: 'user:default/tomasz.nowak',
        });
        await revoke(logisticsOwner, byDomainOwner.body.id, {
          reason: 'Again',
        }).expect(409);
        await revoke(logisticsOwner, 'no-such-exemption', {
          reason: 'x',
        }).expect(404);
        const audit = (
          await request(backend.server)
            .get(api(`/exemptions/${byDomainOwner.body.id}`))
            .set('Authorization', platformEngineer)
            .expect(200)
        ).body;
        expect(audit.events.map((e: any) => [e.action, e.actor])).toEqual([
          ['created', 'user:default/tomasz.nowak'],
          ['revoked', 'user:default/tomasz.nowak'],
        ]);

        // Revoked, the check fails again at once.
        await revoke(platformEngineer, byPlatform.body.id, {
          reason: 'Runbook moved',
        }).expect(200);
        expect(await statusOf('delivery-performance', 'runbook-present')).toBe(
          'fail',
        );

        // An exemption that expires stops applying by itself.
        const shortLived = await exempt(platformEngineer, {
          entityRef: 'dataproduct:default/delivery-performance',
          checkId: 'runbook-present',
          justification: 'A few seconds of grace',
          approver: 'user:default/noah.fischer',
          expiresAt: new Date(Date.now() + 3_000).toISOString(),
        }).expect(201);
        expect(await statusOf('delivery-performance', 'runbook-present')).toBe(
          'exempt',
        );
        const listed = (
          await request(backend.server)
            .get(api('/exemptions?expiringWithinDays=1'))
            .set('Authorization', platformEngineer)
            .expect(200)
        ).body;
        expect(listed.map((e: any) => e.id)).toEqual([shortLived.body.id]);
        await eventually(
          async () =>
            (await statusOf('delivery-performance', 'runbook-present')) ===
            'fail',
          'the check failing again after the expiry',
          15_000,
        );
        expect((await scorecard('delivery-performance')).exemptions).toEqual(
          [],
        );
        expect(
          (
            await request(backend.server)
              .get(api('/exemptions?state=expired'))
              .set('Authorization', platformEngineer)
          ).body.map((e: any) => e.id),
        ).toEqual([shortLived.body.id]);
        expect(
          (
            await request(backend.server)
              .get(api('/exemptions?expiringWithinDays=soon'))
              .set('Authorization', platformEngineer)
              .expect(400)
          ).body.error.message,
        ).toBe(
          'expiringWithinDays: expected a number of days up to 3660 (got "soon")',
        );
        // Past what a time in milliseconds holds: a 400, not the database's
        // 500 on Postgres; a fraction of a millisecond is a whole one.
        await request(backend.server)
          .get(api('/exemptions?expiringWithinDays=999999999999'))
          .set('Authorization', platformEngineer)
          .expect(400);
        await request(backend.server)
          .get(api('/exemptions?expiringWithinDays=0.000001'))
          .set('Authorization', platformEngineer)
          .expect(200);
      } finally {
        await backend.stop();
        await fs.rm(team.directory, { recursive: true, force: true });
      }
    },
    240_000,
  );
});

describe('catalog deletions under Meshwork permission policy', () => {
  it("let a product's owner delete it, and the platform team delete anything and unregister locations; no one else", async () => {
    const { catalogRules } = await appConfig();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataProducts,
        catalogModuleUnprocessed,
        ...permissionFeatures,
        databasesFor(
          knexFactory({
            client: 'better-sqlite3',
            connection: ':memory:',
            useNullAsDefault: true,
          }),
        ),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            governance: { platformTeam: 'group:default/data-platform' },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: catalogRules,
              locations: exampleMeshLocations,
            },
          },
        }),
      ],
    });
    try {
      const catalog = (url: string) => `/api/catalog${url}`;
      const uidOf = (name: string) =>
        eventually(async () => {
          const res = await request(backend.server)
            .get(catalog(`/entities/by-name/dataproduct/default/${name}`))
            .set('Authorization', platformEngineer);
          return res.status === 200 && (res.body.metadata.uid as string);
        }, `${name} in the catalog`);
      // Owned by fulfilment-engineering; their users' ownership comes from
      // the catalog, so wait for the org too.
      const returns = await uidOf('returns');
      await eventually(async () => {
        const res = await request(backend.server)
          .get(catalog('/entities/by-name/user/default/oliver.bennett'))
          .set('Authorization', platformEngineer);
        return res.status === 200 && res.body.relations?.length > 0;
      }, 'the org in the catalog');
      const deleteEntity = (uid: string, header: string | undefined) => {
        const req = request(backend.server).delete(
          catalog(`/entities/by-uid/${uid}`),
        );
        return header ? req.set('Authorization', header) : req;
      };

      // The unprocessed-entities API deletes any entity by id, with no
      // owner to check: the platform team's alone.
      const deleteUnprocessed = (uid: string, header: string) =>
        request(backend.server)
          .delete(catalog(`/entities/unprocessed/delete/${uid}`))
          .set('Authorization', header);
      await deleteUnprocessed(returns, fulfilmentEngineer).expect(403);
      await deleteUnprocessed(returns, logisticsOwner).expect(403);
      await request(backend.server)
        .get(catalog('/entities/by-name/dataproduct/default/returns'))
        .set('Authorization', platformEngineer)
        .expect(200);

      await deleteEntity(returns, logisticsOwner).expect(403);
      await deleteEntity(returns, undefined).expect(401);
      await deleteEntity(returns, fulfilmentEngineer).expect(204);
      const orders = await uidOf('orders');
      await deleteEntity(orders, fulfilmentEngineer).expect(403);
      await deleteEntity(orders, platformEngineer).expect(204);

      // Refused before it is looked up: the platform team gets past the
      // permission to find there is no such location.
      const unregister = (header: string) =>
        request(backend.server)
          .delete(catalog('/locations/00000000-0000-4000-8000-000000000000'))
          .set('Authorization', header);
      const answers = [];
      for (const someone of [fulfilmentEngineer, logisticsOwner]) {
        answers.push((await unregister(someone)).status);
      }
      answers.push((await unregister(platformEngineer)).status);
      expect(answers).toEqual([403, 403, 404]);
      const segments = await uidOf('customer-segments');
      await deleteUnprocessed(segments, platformEngineer).expect(204);
    } finally {
      await backend.stop();
    }
  }, 120_000);
});
