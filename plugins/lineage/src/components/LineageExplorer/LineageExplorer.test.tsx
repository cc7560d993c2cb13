import { fireEvent, screen, within } from '@testing-library/react';
import {
  fakeLineageApi,
  ORDERS_ID,
  ordersDetails,
  ordersProduct,
  ordersRunsApi,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { LineageExplorer } from './LineageExplorer';

describe('LineageExplorer', () => {
  it("says a clicked node's product could not be read when the products lookup failed", async () => {
    renderLineage(<LineageExplorer roots={[ORDERS_ID]} />, {
      lineageApi: fakeLineageApi({
        graph: ordersRunsApi.graph,
        datasetOwners: async () => {
          throw new Error('catalog unavailable');
        },
        declaredJobProducts: async () => [],
        dataset: async () => ordersDetails,
      }),
    });

    // A plain click: d3-drag's mousedown handler needs a real window view.
    fireEvent.click(await screen.findByLabelText('Dataset mart.orders'));
    const panel = await screen.findByRole('region', {
      name: 'Details of mart.orders',
    });
    // Expanded, its products asked for again and still not read.
    await within(panel).findByRole('button', { name: 'Collapse neighbours' });
    expect(panel).toHaveTextContent(
      'Its data product could not be read: catalog unavailable',
    );
    expect(panel).not.toHaveTextContent('Not part of any data product');
    await within(panel).findByRole('table', { name: 'Schema' });
  });

  it('titles every product of the products view from the catalog', async () => {
    const orders = 'dataproduct:default/orders';
    const forecast = 'dataproduct:default/demand-forecast';
    renderLineage(
      <LineageExplorer
        roots={[ORDERS_ID]}
        productRef={orders}
        settingsInAddress
      />,
      {
        lineageApi: fakeLineageApi({
          graph: ordersRunsApi.graph,
          datasetOwners: async () => [],
          declaredJobProducts: async () => [],
          productGraph: async () => ({
            edges: [
              {
                source: orders,
                target: forecast,
                datasets: [],
                observed: true,
                declared: true,
              },
            ],
            drift: [],
          }),
        }),
        entities: [
          ordersProduct,
          {
            ...ordersProduct,
            metadata: {
              name: 'demand-forecast',
              namespace: 'default',
              title: 'Demand Forecast',
            },
          },
        ],
        initialRoute: '/?view=product',
      },
    );

    // Neither product owns a dataset of the dataset graph.
    expect(
      await screen.findByLabelText('Data product Demand Forecast'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Data product Orders')).toBeInTheDocument();
  });
});
