import { screen } from '@testing-library/react';
import type { ProductSlo } from '@meshwork/plugin-lineage-common';
import { LineageClient } from '../api';
import {
  NS,
  ORDERS_DATASET,
  ordersProduct,
  ordersRunsApi,
  renderLineage,
} from '../__testUtils__/fixtures';
import { ProductRunsCard } from './ProductRunsCard';
import { ProductSloCard } from './ProductSloCard';

const BASE = 'http://backend/api/lineage';

/** `GET /entities/dataproduct/default/orders/slo`: both ports seen, no SLOs. */
const slo: ProductSlo = {
  entityRef: 'dataproduct:default/orders',
  measuredAt: '2026-03-02T06:00:00.000Z',
  windowMs: 86_400_000,
  outputPorts: [
    { name: 'orders', dataset: ORDERS_DATASET, observed: true },
    {
      name: 'order_lines',
      dataset: { namespace: NS, name: 'mart.order_lines' },
      observed: true,
    },
  ],
};

/** The lineage backend's answer to a GET of the orders product's cards. */
async function answer(url: URL): Promise<unknown> {
  const path = url.pathname.slice(new URL(BASE).pathname.length + 1);
  const query = url.searchParams;
  if (path === 'graph') {
    return ordersRunsApi.graph(query.get('nodeId')!, {
      upstreamDepth: Number(query.get('upstreamDepth')),
      downstreamDepth: Number(query.get('downstreamDepth')),
      maxNodes: Number(query.get('maxNodes')),
    });
  }
  if (path === 'runs') {
    const job = query.get('job')!;
    return { runs: await ordersRunsApi.runs(job, Number(query.get('limit'))) };
  }
  if (path === 'entities/dataproduct/default/orders/slo') return slo;
  if (path === 'entities/dataproduct/default/orders/writes') {
    return ordersRunsApi.writes(slo.entityRef, Number(query.get('limit')));
  }
  throw new Error(`Not expected: GET ${url}`);
}

describe("a product page's lineage cards", () => {
  it('send one request for what the SLO and runs cards both need', async () => {
    const sent = new Map<string, number>();
    const lineageApi = new LineageClient({
      discoveryApi: { getBaseUrl: async () => BASE },
      fetchApi: {
        fetch: async (input: RequestInfo | URL) => {
          const url = String(input);
          sent.set(url, (sent.get(url) ?? 0) + 1);
          return new Response(JSON.stringify(await answer(new URL(url))), {
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    });
    await renderLineage(
      <>
        <ProductSloCard />
        <ProductRunsCard />
      </>,
      { entity: ordersProduct, lineageApi },
    );
    expect(
      await screen.findByText('This product declares no measurable SLOs.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Recent runs' }),
    ).toBeInTheDocument();
    // Both cards read each port's writers from its graph.
    const graphs = [...sent.keys()].filter(url =>
      url.startsWith(`${BASE}/graph?`),
    );
    expect(graphs).toHaveLength(ordersProduct.spec.outputPorts.length);
    expect([...sent].filter(([, times]) => times > 1)).toEqual([]);
  });
});
