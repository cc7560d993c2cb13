import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import { indexedSearchApi } from './__testUtils__/renderWithCatalog';
import { testMesh } from './__testUtils__/testMesh';
import { dataProductsApiRef } from './api';
import { dataProductsPlugin } from './plugin';

const breaching = {
  slo: {
    status: 'breaching' as const,
    breaching: ['freshness'],
    unobserved: [],
    unjudged: [],
  },
};

describe('dataProductsPlugin', () => {
  it('opens the explorer with the filters of a link to the page', async () => {
    renderTestApp({
      features: [dataProductsPlugin],
      initialRouteEntries: ['/data-products?owner=checkout-data&slo=breaching'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: testMesh })],
        [
          dataProductsApiRef,
          {
            ...indexedSearchApi(testMesh),
            statuses: async () => ({
              byRef: new Map([
                ['dataproduct:default/orders', breaching],
                ['dataproduct:default/revenue', breaching],
              ]),
              sloAvailable: true,
              scorecardsAvailable: true,
            }),
          },
        ],
      ],
    });
    // Owned by checkout-data and breaching: only Orders, of the three. The
    // whole app's first render takes seconds on a busy machine.
    const table = await screen.findByRole(
      'table',
      { name: 'Data products' },
      { timeout: 10_000 },
    );
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('row')
          .slice(1)
          .map(row => within(row).getAllByRole('cell')[0].textContent),
      ).toEqual(['Orders']),
    );
  }, 20_000);
});
