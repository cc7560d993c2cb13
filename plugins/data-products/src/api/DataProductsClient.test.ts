import type { ProductImpact } from '@meshwork/plugin-lineage-common';
import { DataProductsClient } from './DataProductsClient';

/**
 * A client whose backends answer `body` with `status`, recording the URLs;
 * each plugin's base URL is `http://localhost:7007/api/<pluginId>`.
 */
function clientAnswering(body: unknown, status = 200) {
  const urls: string[] = [];
  const client = new DataProductsClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, urls };
}

const impact: ProductImpact = {
  product: 'dataproduct:default/orders',
  port: 'orders',
  impacted: [
    {
      entityRef: 'dataproduct:default/revenue',
      title: 'Revenue',
      owner: 'group:finance-data',
      tier: 1,
      depth: 1,
      via: 'dataproduct:default/orders',
      datasets: [
        {
          namespace: 'postgres://warehouse:5432',
          name: 'analytics.checkout.orders',
        },
      ],
    },
  ],
};

describe('DataProductsClient', () => {
  it("asks the lineage backend for a product's or a port's impact", async () => {
    const { client, urls } = clientAnswering(impact);
    expect(await client.impact('dataproduct:default/orders', 'orders')).toEqual(
      impact,
    );
    await client.impact('DataProduct:team a/daily revenue');
    expect(urls).toEqual([
      'http://localhost:7007/api/lineage/entities/dataproduct/default/orders/impact?port=orders',
      'http://localhost:7007/api/lineage/entities/dataproduct/team%20a/daily%20revenue/impact',
    ]);
  });

  it('reads SLO statuses, from a lineage backend that names no unobserved ports too', async () => {
    const { client } = clientAnswering([
      { entityRef: 'dataproduct:default/orders', status: 'ok', breaching: [] },
      {
        entityRef: 'dataproduct:default/carts',
        status: 'ok',
        breaching: [],
        unobserved: ['abandoned'],
      },
    ]);
    const { byRef, sloAvailable } = await client.statuses();
    expect(sloAvailable).toBe(true);
    expect(byRef.get('dataproduct:default/orders')?.slo).toEqual({
      status: 'ok',
      breaching: [],
      unobserved: [],
    });
    expect(byRef.get('dataproduct:default/carts')?.slo?.unobserved).toEqual([
      'abandoned',
    ]);
  });

  it('turns an impact error into a ResponseError', async () => {
    const { client } = clientAnswering(
      {
        error: {
          name: 'InputError',
          message:
            'port "nope" is not an output port of dataproduct:default/orders; expected one of orders',
        },
        request: {
          method: 'GET',
          url: '/entities/dataproduct/default/orders/impact',
        },
        response: { statusCode: 400 },
      },
      400,
    );
    await expect(
      client.impact('dataproduct:default/orders', 'nope'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      body: {
        error: { name: 'InputError', message: expect.stringContaining('nope') },
      },
    });
  });
});
