import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DATA_PRODUCT_LISTING_FIELDS,
  DataProductSearchIndex,
} from '@meshwork/plugin-data-products-common';
import { permissionsHidingLabelled } from '@meshwork/test-utils';
import { dataProductsPlugin } from './plugin';

async function waitFor(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** The fixture mesh, as text: tests write it, changed, to their own file. */
const readMesh = () =>
  fs.readFile(path.resolve(__dirname, '__fixtures__/mesh.yaml'), 'utf8');

/**
 * The catalog with the data products module and this plugin, reading the
 * mesh written to a file of its own (rewritten to change a product), with
 * the given services besides: the real scheduler rebuilds the index.
 */
async function startWithMesh(mesh: string, services: any[]) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'data-products-'));
  const meshFile = path.join(dir, 'mesh.yaml');
  await fs.writeFile(meshFile, mesh);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataProducts,
      dataProductsPlugin,
      schedulerServiceFactory,
      ...services,
      mockServices.rootConfig.factory({
        data: {
          dataProducts: { searchIndex: { refreshSeconds: 1 } },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Group', 'Domain', 'Location', 'DataProduct'] }],
            locations: [{ type: 'file', target: meshFile }],
          },
        },
      }),
    ],
  });
  return {
    backend,
    rewrite: (text: string) => fs.writeFile(meshFile, text),
    stop: async () => {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

describe('data-products backend', () => {
  it('searches the catalog’s products by table, namespace and column, signed in only', async () => {
    const mesh = await readMesh();
    const builds = jest.spyOn(DataProductSearchIndex, 'build');
    const { backend, rewrite, stop } = await startWithMesh(mesh, [
      // A request without a token is anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ]);
    try {
      const search = (q: string) =>
        request(backend.server)
          .get('/api/data-products/search')
          .query({ q })
          .set('Authorization', mockCredentials.user.header());

      // The catalog processes the fixture, then the next refresh indexes it.
      await waitFor(
        'the product indexed',
        async () => (await search('voucher')).body.totalItems === 1,
      );
      expect((await search('voucher_code')).body).toEqual({
        items: [
          {
            entityRef: 'dataproduct:default/orders',
            product: {
              apiVersion: 'meshwork.dev/v1alpha1',
              kind: 'DataProduct',
              metadata: expect.objectContaining({
                name: 'orders',
                namespace: 'default',
              }),
              spec: expect.objectContaining({
                domain: 'checkout',
                outputPorts: [
                  expect.objectContaining({
                    name: 'orders',
                    dataset: expect.objectContaining({
                      name: 'analytics.checkout.orders',
                    }),
                  }),
                ],
              }),
            },
            matches: [
              {
                on: 'column',
                text: 'orders.voucher_code',
                port: 'orders',
                exact: true,
              },
            ],
          },
        ],
        totalItems: 1,
      });
      expect(
        (await search('postgres://warehouse:5432/analytics.checkout.orders'))
          .body.items[0].entityRef,
      ).toBe('dataproduct:default/orders');
      // By a job it names, which its ports do not tell.
      expect((await search('crm_sync')).body.items[0]).toMatchObject({
        entityRef: 'dataproduct:default/orders',
        matches: [{ on: 'declaredJob', text: 'orders.crm_sync', exact: true }],
      });

      const anonymous = await request(backend.server)
        .get('/api/data-products/search')
        .query({ q: 'orders' });
      expect(anonymous.status).toBe(401);
      const empty = await search('  ');
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe(
        'q: expected the text to search for',
      );
      for (const [query, got] of [
        ['limit=all', '"all"'],
        ['limit=0x10', '"0x10"'],
        ['limit=1e2', '"1e2"'],
        ['limit=%205', '" 5"'],
        ['limit[]=5', '["5"]'],
      ]) {
        const badLimit = await request(backend.server)
          .get(`/api/data-products/search?q=orders&${query}`)
          .set('Authorization', mockCredentials.user.header());
        expect({ query, status: badLimit.status }).toEqual({
          query,
          status: 400,
        });
        expect(badLimit.body.error.message).toBe(
          `limit: expected a whole number from 1 to 1000 (got ${got})`,
        );
      }

      const listings = (body: object) =>
        request(backend.server)
          .post('/api/data-products/listings')
          .set('Authorization', mockCredentials.user.header())
          .send(body);
      const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
        body.items.map(item => item.metadata.name);
      const found = await listings({ q: 'voucher', filters: { tier: '1' } });
      expect(found.status).toBe(200);
      expect(names(found.body)).toEqual(['orders']);
      expect(found.body.totalItems).toBe(1);
      // A list carries each port's name, not its contract (megabytes in a
      // real mesh): the explorer shows only how many ports a product has.
      expect(found.body.items[0].spec.outputPorts).toEqual([
        {
          name: 'orders',
          dataset: {
            namespace: 'postgres://warehouse:5432',
            name: 'analytics.checkout.orders',
          },
        },
      ]);
      const byFields = async (fields: string[]) => {
        const answer = await request(backend.server)
          .get('/api/catalog/entities/by-query')
          .query({ filter: 'kind=DataProduct', fields: fields.join(',') })
          .set('Authorization', mockCredentials.user.header());
        return answer.body.items.find(
          (item: { metadata: { name: string } }) =>
            item.metadata.name === 'orders',
        );
      };
      // So does the explorer's page from the catalog. Its `fields` reach an
      // array's items by index only: a path through the array selects none.
      expect(
        await byFields(['metadata.name', 'spec.outputPorts.name']),
      ).toEqual({ metadata: { name: 'orders' } });
      const listed = await byFields(DATA_PRODUCT_LISTING_FIELDS);
      expect(listed.spec).toEqual({
        domain: 'checkout',
        owner: 'group:checkout-data',
        lifecycle: 'production',
        type: 'aggregate',
        tier: 1,
        outputPorts: [{ name: 'orders' }],
      });
      // A word of a description finds the product in the explorer, not in
      // the on-call finder's search.
      expect(names((await listings({ q: 'chargebacks' })).body)).toEqual([
        'orders',
      ]);
      expect((await search('chargebacks')).body.totalItems).toBe(0);
      // So does a phrase of it, as the catalog's full-text filter (the
      // explorer's answer while the index is built) finds it.
      const phrase = 'placed at checkout';
      expect(names((await listings({ q: phrase })).body)).toEqual(['orders']);
      const byCatalog = await request(backend.server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter: 'kind=DataProduct',
          fullTextFilterTerm: phrase,
          fullTextFilterFields: 'metadata.description',
        })
        .set('Authorization', mockCredentials.user.header());
      expect(names(byCatalog.body)).toEqual(['orders']);
      // A ref as the catalog reads one: any case, kind and namespace
      // optional.
      for (const ref of [
        'dataproduct:default/orders',
        'DataProduct:default/Orders',
        'orders',
      ]) {
        expect(names((await listings({ entityRefs: [ref] })).body)).toEqual([
          'orders',
        ]);
      }
      const badRef = await listings({ entityRefs: ['orders', ':'] });
      expect(badRef.status).toBe(400);
      expect(badRef.body.error.message).toBe(
        'entityRefs[1]: expected an entity ref like dataproduct:default/name or name (got ":")',
      );
      // A ref of another kind is refused, not answered with no products.
      const otherKind = await listings({
        entityRefs: ['component:default/orders'],
      });
      expect(otherKind.status).toBe(400);
      expect(otherKind.body.error.message).toBe(
        'entityRefs[0]: expected a dataproduct ref like dataproduct:default/name or name (got "component:default/orders")',
      );
      // A body of another type is refused as such, not read as none (the
      // first page of every product).
      const form = await request(backend.server)
        .post('/api/data-products/listings')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(JSON.stringify({ filters: { tier: '2' } }));
      expect(form.status).toBe(415);
      expect(form.body.error.message).toBe(
        'Content-Type application/x-www-form-urlencoded is not supported; send application/json',
      );
      // JSON that does not parse is refused as such, without the body.
      const malformed = await request(backend.server)
        .post('/api/data-products/listings')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/json')
        .send('{"q": secret}');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toEqual(
        expect.objectContaining({
          name: 'InputError',
          message: "request body is not valid JSON: Unexpected token 's'",
        }),
      );
      expect(
        (
          await listings({
            q: 'voucher',
            entityRefs: ['dataproduct:default/other'],
          })
        ).body,
      ).toEqual({ items: [], totalItems: 0 });
      expect(
        (await listings({ filters: { domain: 'finance' } })).body.totalItems,
      ).toBe(0);
      const badListing = await listings({
        pageSize: 1000,
        filters: { colour: 'red' },
      });
      expect(badListing.status).toBe(400);
      expect(badListing.body.error.message).toMatch(/^filters: .*colour/);
      expect(badListing.body.error.message).toMatch(/pageSize: .*100/);
      // A `__proto__` key, which JSON.parse makes an own one, is as unknown.
      const proto = await request(backend.server)
        .post('/api/data-products/listings')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/json')
        .send('{"filters":{"__proto__":1}}');
      expect(proto.status).toBe(400);
      expect(proto.body.error.message).toBe(
        'filters: Unrecognized key: "__proto__"',
      );
      expect(
        (await request(backend.server).post('/api/data-products/listings'))
          .status,
      ).toBe(401);

      // Refreshes rebuild the index only when a product changed.
      const buildsBefore = builds.mock.calls.length;
      await new Promise(resolve => setTimeout(resolve, 3000));
      expect(builds.mock.calls.length).toBe(buildsBefore);
      await rewrite(mesh.replace('voucher_code', 'coupon_code'));
      await waitFor(
        'the changed column indexed',
        async () => (await search('coupon_code')).body.totalItems === 1,
      );
      expect((await search('voucher')).body.totalItems).toBe(0);
    } finally {
      await stop();
      builds.mockRestore();
    }
  }, 120_000);

  it('answers only the products the caller may read, as the catalog decides', async () => {
    const mesh = await readMesh();
    // A second product like the first, labelled so that a contractor's
    // reads leave it out.
    const product = mesh.slice(mesh.indexOf('apiVersion: meshwork.dev'));
    const payments = product
      .replace(
        'name: orders\n',
        'name: payments\n  labels: { restricted: "yes" }\n',
      )
      .replace('analytics.checkout.orders', 'analytics.checkout.payments');
    const contractor = 'user:default/contractor';
    const permissions = permissionsHidingLabelled({
      user: contractor,
      label: 'restricted',
    });
    const { backend, stop } = await startWithMesh(`${mesh}\n---\n${payments}`, [
      permissions.factory,
    ]);
    try {
      const as = (user: string) => ({
        search: async (q: string) =>
          (
            await request(backend.server)
              .get('/api/data-products/search')
              .query({ q })
              .set('Authorization', mockCredentials.user.header(user))
              .expect(200)
          ).body,
        listings: async (body: object) =>
          (
            await request(backend.server)
              .post('/api/data-products/listings')
              .set('Authorization', mockCredentials.user.header(user))
              .send(body)
              .expect(200)
          ).body,
      });
      const refsOf = (body: { items: Array<{ entityRef: string }> }) =>
        body.items.map(item => item.entityRef);
      const namesOf = (body: {
        items: Array<{ metadata: { name: string } }>;
      }) => body.items.map(item => item.metadata.name);
      const staff = as('user:default/staff');
      await waitFor(
        'both products indexed',
        async () =>
          (
            await request(backend.server)
              .get('/api/data-products/search')
              .query({ q: 'voucher' })
              .set('Authorization', mockCredentials.user.header())
          ).body.totalItems === 2,
      );
      const outsider = as(contractor);
      expect(refsOf(await outsider.search('voucher'))).toEqual([
        'dataproduct:default/orders',
      ]);
      expect((await outsider.search('payments')).totalItems).toBe(0);
      expect(await outsider.listings({})).toEqual({
        items: [expect.objectContaining({ kind: 'DataProduct' })],
        totalItems: 1,
      });
      expect(namesOf(await outsider.listings({ q: 'voucher' }))).toEqual([
        'orders',
      ]);
      expect(
        (
          await outsider.listings({
            entityRefs: ['dataproduct:default/payments'],
          })
        ).totalItems,
      ).toBe(0);
      expect(namesOf(await staff.listings({}))).toEqual(['orders', 'payments']);
    } finally {
      await stop();
    }
  }, 120_000);

  it('finds, lists and hides a product whose name holds upper case, by its ref in any case', async () => {
    const mesh = await readMesh();
    const product = mesh.slice(mesh.indexOf('apiVersion: meshwork.dev'));
    // Backstage names may hold upper case (namespaces may not): the
    // catalog compares refs without it.
    const named = (name: string, labels = '') =>
      product
        .replace('name: orders\n', `name: ${name}\n${labels}`)
        .replace(
          'analytics.checkout.orders',
          `analytics.checkout.${name.toLocaleLowerCase('en-US')}`,
        );
    const contractor = 'user:default/contractor';
    const permissions = permissionsHidingLabelled({
      user: contractor,
      label: 'restricted',
    });
    const { backend, stop } = await startWithMesh(
      [
        mesh,
        named('Refunds'),
        named('Payouts', '  labels: { restricted: "yes" }\n'),
      ].join('\n---\n'),
      [permissions.factory],
    );
    try {
      const as = (user: string) => ({
        search: async (q: string) =>
          (
            await request(backend.server)
              .get('/api/data-products/search')
              .query({ q })
              .set('Authorization', mockCredentials.user.header(user))
              .expect(200)
          ).body,
        listings: async (body: object) =>
          (
            await request(backend.server)
              .post('/api/data-products/listings')
              .set('Authorization', mockCredentials.user.header(user))
              .send(body)
              .expect(200)
          ).body.items.map(
            (item: { metadata: { name: string } }) => item.metadata.name,
          ),
      });
      const staff = as('user:default/staff');
      const outsider = as(contractor);
      await waitFor(
        'the three products indexed',
        async () =>
          (
            await request(backend.server)
              .get('/api/data-products/search')
              .query({ q: 'voucher' })
              .set('Authorization', mockCredentials.user.header())
          ).body.totalItems === 3,
      );

      // Named as the catalog writes a ref, and as the lineage and governance
      // backends name the products a status filter (SLOs, governance level)
      // chooses.
      const { body: refunds } = await request(backend.server)
        .get('/api/catalog/entities/by-name/dataproduct/default/Refunds')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(refunds.metadata.name).toBe('Refunds');
      const statusRef = stringifyEntityRef(refunds);
      expect(statusRef).toBe('dataproduct:default/refunds');
      expect(await staff.search('refunds')).toEqual({
        items: [
          expect.objectContaining({
            entityRef: statusRef,
            product: expect.objectContaining({
              metadata: expect.objectContaining({ name: 'Refunds' }),
            }),
          }),
        ],
        totalItems: 1,
      });

      for (const ref of [
        statusRef,
        'DataProduct:default/Refunds',
        'dataproduct:DEFAULT/REFUNDS',
        'Refunds',
      ]) {
        for (const caller of [staff, outsider]) {
          expect(await caller.listings({ entityRefs: [ref] })).toEqual([
            'Refunds',
          ]);
          // A search within a status filter's products.
          expect(
            await caller.listings({ q: 'voucher', entityRefs: [ref] }),
          ).toEqual(['Refunds']);
        }
      }
      expect(
        await staff.listings({
          entityRefs: ['Payouts', 'dataproduct:default/refunds'],
        }),
      ).toEqual(['Payouts', 'Refunds']);
      expect(
        await outsider.listings({
          entityRefs: ['dataproduct:default/Payouts', 'Refunds'],
        }),
      ).toEqual(['Refunds']);
      expect(
        await outsider.listings({ q: 'voucher', entityRefs: ['Payouts'] }),
      ).toEqual([]);
      expect(await outsider.listings({ q: 'voucher' })).toEqual([
        'orders',
        'Refunds',
      ]);
      expect(
        (await outsider.search('voucher')).items.map(
          (item: { entityRef: string }) => item.entityRef,
        ),
      ).toEqual(['dataproduct:default/orders', statusRef]);
      expect((await outsider.search('payouts')).totalItems).toBe(0);
      expect((await staff.search('payouts')).totalItems).toBe(1);
    } finally {
      await stop();
    }
  }, 120_000);
});
