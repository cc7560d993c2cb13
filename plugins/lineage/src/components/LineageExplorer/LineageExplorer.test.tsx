import { fireEvent, screen, within } from '@testing-library/react';
import {
  fakeLineageApi,
  ORDERS_ID,
  ordersDetails,
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
});
