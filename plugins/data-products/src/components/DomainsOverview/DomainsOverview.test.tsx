import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import { dataProductsApiRef, ProductStatus, ProductStatuses } from '../../api';
import {
  indexedSearchApi,
  renderWithCatalog,
} from '../../__testUtils__/renderWithCatalog';
import { testMesh } from '../../__testUtils__/testMesh';
import { rootRouteRef } from '../../routes';
import { DomainsOverview } from './DomainsOverview';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

/** Statuses as the client reads them, both backends answering. */
const statusesOf =
  (
    byRef: Record<string, ProductStatus>,
    answered: Partial<ProductStatuses> = {},
  ) =>
  async (): Promise<ProductStatuses> => ({
    byRef: new Map(Object.entries(byRef)),
    sloAvailable: true,
    scorecardsAvailable: true,
    ...answered,
  });

const met: ProductStatus['slo'] = {
  status: 'ok',
  breaching: [],
  unobserved: [],
  unjudged: [],
};

/** Orders breaching its freshness SLO, carts meeting its SLOs, revenue unmeasured. */
const ordersBreaching = statusesOf({
  'dataproduct:default/orders': {
    slo: {
      status: 'breaching',
      breaching: ['freshness'],
      unobserved: [],
      unjudged: [],
    },
    scorecard: { score: 82, level: 'silver' },
  },
  'dataproduct:default/carts': {
    slo: met,
    scorecard: { score: 67, level: 'bronze' },
  },
  'dataproduct:default/revenue': {
    slo: { status: 'unknown', breaching: [], unobserved: [], unjudged: [] },
  },
});

const rowOf = async (domain: string) =>
  (await screen.findByRole('link', { name: domain })).closest('tr')!;

/** The SLOs and Governance cells of a row. */
const healthOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .slice(-2)
    .map(cell => cell.textContent);

describe('DomainsOverview', () => {
  it('lists every domain with its teams and product counts', async () => {
    await renderWithCatalog(<DomainsOverview />);
    const checkout = await rowOf('Checkout');
    expect(checkout).toHaveTextContent('2');
    expect(checkout).toHaveTextContent('checkout-data (2)');
    const finance = screen
      .getByRole('link', { name: 'Finance' })
      .closest('tr')!;
    expect(finance).toHaveTextContent('finance-data (1)');
  });

  it("keeps a team's product count on the line of its name", async () => {
    await renderWithCatalog(<DomainsOverview />);
    const team = within(await rowOf('Checkout')).getByRole('link', {
      name: 'checkout-data',
    });
    // Text alone: a line may break after an inline box such as the
    // catalog's name box, and the count would then start the next line.
    expect(team.childElementCount).toBe(0);
    expect(team.parentElement).toHaveTextContent(/^checkout-data \(2\)$/);
    expect(team).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-data',
    );
  });

  it('says when there are no domains', async () => {
    await renderWithCatalog(<DomainsOverview />, { entities: [] });
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
  });

  it("counts a domain's breaching products, linked to the explorer filtered to them", async () => {
    await renderInTestApp(<DomainsOverview />, {
      apis: [
        [catalogApiRef, catalogApiMock({ entities: testMesh })],
        [
          dataProductsApiRef,
          { ...indexedSearchApi(testMesh), statuses: ordersBreaching },
        ],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-products': rootRouteRef,
      },
    });
    const checkout = await rowOf('Checkout');
    await waitFor(() =>
      expect(
        within(checkout).getByRole('link', { name: '1 breaching' }),
      ).toHaveAttribute(
        'href',
        '/data-products/explorer?domain=checkout&slo=breaching',
      ),
    );
    expect(healthOf(await rowOf('Finance'))[0]).toBe('Not measured');
  });

  it('says all SLOs are met when none breaches', async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: {
        statuses: statusesOf({
          'dataproduct:default/orders': { slo: met },
          'dataproduct:default/carts': { slo: met },
        }),
      },
    });
    const checkout = await rowOf('Checkout');
    await waitFor(() => expect(healthOf(checkout)[0]).toBe('All met'));
    expect(
      within(checkout).queryByRole('link', { name: /breaching/ }),
    ).toBeNull();
  });

  it("averages a domain's governance scores as the leaderboard does, with its levels", async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: { statuses: ordersBreaching },
    });
    const checkout = await rowOf('Checkout');
    await waitFor(() =>
      expect(healthOf(checkout)[1]).toBe(
        'Average 74.5gold 0 · silver 1 · bronze 1 · none 0',
      ),
    );
    expect(healthOf(await rowOf('Finance'))[1]).toBe('Not evaluated');
  });

  it('says the health is loading until the statuses are read', async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: { statuses: () => new Promise(() => {}) },
    });
    expect(healthOf(await rowOf('Checkout'))).toEqual(['Loading…', 'Loading…']);
  });

  it('says the health is unavailable when the statuses cannot be read, and lists the domains', async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: {
        statuses: () => Promise.reject(new Error('gateway timeout')),
      },
    });
    const checkout = await rowOf('Checkout');
    await waitFor(() =>
      expect(healthOf(checkout)).toEqual(['unavailable', 'unavailable']),
    );
    expect(checkout).toHaveTextContent('checkout-data (2)');
  });

  it('says only what a backend that did not answer gives is unavailable', async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: {
        statuses: async () => ({
          ...(await ordersBreaching()),
          sloAvailable: false,
        }),
      },
    });
    const checkout = await rowOf('Checkout');
    await waitFor(() => expect(healthOf(checkout)[0]).toBe('unavailable'));
    expect(healthOf(checkout)[1]).toMatch(/^Average 74\.5/);
  });
});

describe.each(['light', 'dark'])('DomainsOverview in the %s theme', themeId => {
  inAppTheme(themeId);

  it("shows a domain's breaching count on a chip whose text reads (4.5:1)", async () => {
    await renderWithCatalog(<DomainsOverview />, {
      dataProductsApi: { statuses: ordersBreaching },
    });
    const checkout = await rowOf('Checkout');
    const count = await within(checkout).findByText('1 breaching');
    expect(contrastOf(count)).toBeGreaterThanOrEqual(4.5);
  });
});
