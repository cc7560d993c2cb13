import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { OnCallFinder } from './OnCallFinder';

describe('OnCallFinder', () => {
  it('finds the product, team, on-call, runbook and neighbours of a table', async () => {
    await renderWithCatalog(<OnCallFinder />);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Find on-call' }),
      'postgres://warehouse:5432/analytics.checkout.orders',
    );
    const card = await screen.findByLabelText('On-call for orders');
    expect(card).toHaveTextContent(
      'table: analytics.checkout.orders (port orders)',
    );
    expect(card).toHaveTextContent('#orders-oncall (pagerduty P123)');
    expect(within(card).getByText('Open runbook')).toHaveAttribute(
      'href',
      'https://runbooks.example/orders',
    );
    expect(card).toHaveTextContent('checkout-data');
    expect(card).toHaveTextContent('carts');
    expect(card).toHaveTextContent('revenue');
  });

  it("falls back to the owning team's on-call and says when there is none", async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=checkout.carts',
    });
    expect(await screen.findByLabelText('On-call for carts')).toHaveTextContent(
      '#checkout-data-oncall (pagerduty)',
    );
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Find on-call' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Find on-call' }),
      'revenue_daily',
    );
    const revenue = await screen.findByLabelText('On-call for revenue');
    expect(revenue).toHaveTextContent('No on-call declared');
    expect(revenue).toHaveTextContent('No runbook');
  });

  it('finds a product from a column name', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=customer_email',
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('column: orders.customer_email');
  });

  it('says when nothing is called that', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=nope.nothing',
    });
    expect(
      await screen.findByText('Nothing in the mesh is called "nope.nothing"'),
    ).toBeInTheDocument();
  });
});

describe('OnCallFinder while the search index is being built', () => {
  it("falls back to the catalog's full-text search", async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      dataProductsApi: {
        search: () => Promise.reject(new Error('503 still building')),
        listings: () => Promise.reject(new Error('503 still building')),
      },
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('table: analytics.checkout.orders (port orders)');
  });
});
