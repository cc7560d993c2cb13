import type {
  ProductImpact,
  RuntimeProductMatch,
} from '@meshwork/plugin-lineage-common';
import { DataProductsClient } from './DataProductsClient';

/**
 * A client whose backends answer each URL as `answer` says, recording the
 * URLs; each plugin's base URL is `http://localhost:7007/api/<pluginId>`.
 */
function clientOver(
  answer: (url: string) => { status: number; body: unknown },
) {
  const urls: string[] = [];
  const client = new DataProductsClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        const { status, body } = answer(String(input));
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, urls };
}

/** A client whose backends answer every URL with `body` and `status`. */
const clientAnswering = (body: unknown, status = 200) =>
  clientOver(() => ({ status, body }));

const SLO_STATUS_URL = 'http://localhost:7007/api/lineage/products/slo-status';
const SCORECARDS_URL = 'http://localhost:7007/api/governance/scorecards';
const notFound = {
  status: 404,
  body: { error: { name: 'NotFoundError', message: 'no such route' } },
};

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

  it("asks the lineage backend for a product's measured SLOs", async () => {
    const slo = {
      entityRef: 'dataproduct:team a/daily revenue',
      measuredAt: '2026-12-07T03:00:00.000Z',
      windowMs: 2_419_200_000,
      outputPorts: [],
    };
    const { client, urls } = clientAnswering(slo);
    expect(await client.slo('DataProduct:team a/daily revenue')).toEqual(slo);
    expect(urls).toEqual([
      'http://localhost:7007/api/lineage/entities/dataproduct/team%20a/daily%20revenue/slo',
    ]);
  });

  it('reads SLO statuses, from a lineage backend that names no unobserved ports too, with scorecards', async () => {
    const { client, urls } = clientOver(url => {
      if (url === SLO_STATUS_URL) {
        return {
          status: 200,
          body: [
            {
              entityRef: 'dataproduct:default/orders',
              status: 'ok',
              breaching: [],
            },
            {
              entityRef: 'dataproduct:default/carts',
              status: 'ok',
              breaching: [],
              unobserved: ['abandoned'],
              unjudged: ['volume of carts'],
            },
          ],
        };
      }
      if (url === SCORECARDS_URL) {
        return {
          status: 200,
          body: [
            {
              entityRef: 'dataproduct:default/orders',
              score: 82,
              level: 'silver',
              failing: 1,
            },
          ],
        };
      }
      return notFound;
    });
    const { byRef, sloAvailable, scorecardsAvailable } =
      await client.statuses();
    expect(urls.sort()).toEqual([SCORECARDS_URL, SLO_STATUS_URL]);
    expect({ sloAvailable, scorecardsAvailable }).toEqual({
      sloAvailable: true,
      scorecardsAvailable: true,
    });
    expect(byRef.get('dataproduct:default/orders')).toEqual({
      slo: { status: 'ok', breaching: [], unobserved: [], unjudged: [] },
      scorecard: { score: 82, level: 'silver' },
    });
    expect(byRef.get('dataproduct:default/carts')).toEqual({
      slo: {
        status: 'ok',
        breaching: [],
        unobserved: ['abandoned'],
        unjudged: ['volume of carts'],
      },
    });
  });

  it('keeps the SLO statuses when the governance backend fails, and says so', async () => {
    const { client } = clientOver(url =>
      url === SLO_STATUS_URL
        ? {
            status: 200,
            body: [
              {
                entityRef: 'dataproduct:default/orders',
                status: 'breached',
                breaching: ['freshness'],
              },
            ],
          }
        : notFound,
    );
    const { byRef, sloAvailable, scorecardsAvailable } =
      await client.statuses();
    expect({ sloAvailable, scorecardsAvailable }).toEqual({
      sloAvailable: true,
      scorecardsAvailable: false,
    });
    expect(byRef.get('dataproduct:default/orders')).toEqual({
      slo: {
        status: 'breached',
        breaching: ['freshness'],
        unobserved: [],
        unjudged: [],
      },
    });
  });

  it("carries a lineage search's partial answer on the list of matches", async () => {
    const match: RuntimeProductMatch = {
      entityRef: 'dataproduct:default/orders',
      port: 'orders',
      via: { type: 'job', namespace: 'airflow', name: 'orders_daily' },
      exact: true,
    };
    const { client, urls } = clientOver(url => ({
      status: 200,
      body: url.includes('q=orders_')
        ? { items: [match], partial: true }
        : { items: [match] },
    }));

    const partial = await client.runtimeMatches('orders_', 10);
    expect([...partial]).toEqual([match]);
    expect(partial.partial).toBe(true);
    const whole = await client.runtimeMatches('orders', 5, 'airflow://x');
    expect([...whole]).toEqual([match]);
    expect(whole).not.toHaveProperty('partial');
    expect(urls).toEqual([
      'http://localhost:7007/api/lineage/products/search?q=orders_&limit=10',
      'http://localhost:7007/api/lineage/products/search?q=orders&limit=5&namespace=airflow%3A%2F%2Fx',
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
