import { act, fireEvent, screen, within } from '@testing-library/react';
import type { ProductLineage } from '../../api';
import {
  fakeLineageApi,
  NS,
  ordersProduct,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { ProductDriftCard } from './ProductDriftCard';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';

/** `GET /entities/dataproduct/default/orders/lineage`. */
const lineage: ProductLineage = {
  product: 'dataproduct:default/orders',
  upstream: [
    {
      source: 'dataproduct:default/customers',
      target: 'dataproduct:default/orders',
      datasets: [{ namespace: NS, name: 'mart.customers' }],
      observed: true,
      declared: false,
    },
  ],
  downstream: [],
  drift: {
    product: 'dataproduct:default/orders',
    undeclaredInputs: [
      {
        product: 'dataproduct:default/customers',
        dataset: { namespace: NS, name: 'mart.customers' },
      },
      { dataset: { namespace: 's3://raw-events', name: 'clickstream' } },
    ],
    observed: true,
    unseenInputs: [
      {
        port: 'carts',
        from: 'dataproduct:default/carts#carts',
        dataset: { namespace: NS, name: 'mart.carts' },
      },
      { port: 'fx_rates', dataset: { namespace: NS, name: 'ref.fx_rates' } },
    ],
    readWindowDays: 30,
  },
};

const renderCard = (productLineage: () => Promise<ProductLineage>) =>
  renderLineage(<ProductDriftCard />, {
    entity: ordersProduct,
    lineageApi: fakeLineageApi({ productLineage }),
  });

describe('ProductDriftCard', () => {
  it('lists undeclared reads and unread input ports, over the read window', async () => {
    const asked: string[] = [];
    await renderLineage(<ProductDriftCard />, {
      entity: ordersProduct,
      lineageApi: fakeLineageApi({
        productLineage: async ref => {
          asked.push(ref);
          return lineage;
        },
      }),
    });

    const undeclared = await screen.findByRole('list', {
      name: 'Undeclared dependencies',
    });
    expect(asked).toEqual(['dataproduct:default/orders']);
    expect(
      screen.getByRole('heading', { name: 'Dependency drift' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Read at run time but not declared as input ports (within 30 days of the pipeline's newest run)",
      ),
    ).toBeInTheDocument();
    const [customers, clickstream] =
      within(undeclared).getAllByRole('listitem');
    expect(within(customers).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/customers',
    );
    expect(
      within(customers).getByText(`${NS}/mart.customers`),
    ).toBeInTheDocument();
    expect(within(clickstream).queryByRole('link')).not.toBeInTheDocument();
    expect(within(clickstream).getByText('clickstream')).toBeInTheDocument();
    expect(
      within(clickstream).getByText('s3://raw-events/clickstream'),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        "Declared input ports not seen read at run time (within 30 days of the pipeline's newest run)",
      ),
    ).toBeInTheDocument();
    const unseen = screen.getByRole('list', { name: 'Unread input ports' });
    const [carts, fx] = within(unseen).getAllByRole('listitem');
    expect(within(carts).getByText('carts')).toBeInTheDocument();
    expect(
      within(carts).getByText('dataproduct:default/carts#carts'),
    ).toBeInTheDocument();
    expect(within(fx).getByText('fx_rates')).toBeInTheDocument();
    expect(within(fx).getByText(`${NS}/ref.fx_rates`)).toBeInTheDocument();
  });

  it('lists a dataset two products declare once for each', async () => {
    const errors = jest.spyOn(console, 'error');
    const shared = { namespace: NS, name: 'mart.customers' };
    await renderCard(async () => ({
      ...lineage,
      drift: {
        ...lineage.drift,
        undeclaredInputs: [
          { product: 'dataproduct:default/customers', dataset: shared },
          { product: 'dataproduct:default/customers-v2', dataset: shared },
        ],
      },
    }));
    const undeclared = await screen.findByRole('list', {
      name: 'Undeclared dependencies',
    });
    expect(
      within(undeclared)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual(['customers', 'customers-v2']);
    expect(
      errors.mock.calls.filter(call => String(call[0]).includes('same key')),
    ).toEqual([]);
    errors.mockRestore();
  });

  it('says when runtime lineage matches the declared ports', async () => {
    await renderCard(async () => ({
      ...lineage,
      drift: { ...lineage.drift, undeclaredInputs: [], unseenInputs: [] },
    }));
    expect(
      await screen.findByText(
        'Runtime lineage matches the declared input ports.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says when no job has been seen writing the product yet', async () => {
    await renderCard(async () => ({
      ...lineage,
      upstream: [],
      drift: {
        ...lineage.drift,
        undeclaredInputs: [],
        observed: false,
        unseenInputs: [],
      },
    }));
    expect(
      await screen.findByText(/No job has been seen writing this product/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Runtime lineage matches the declared input ports.'),
    ).not.toBeInTheDocument();
  });

  it("shows no other product's drift while this one's loads", async () => {
    const revenue = {
      ...ordersProduct,
      metadata: { ...ordersProduct.metadata, name: 'revenue' },
    };
    const { released, release } = releasable();
    await renderLineage(
      <EntityPageSwitching first={ordersProduct} next={revenue}>
        <ProductDriftCard />
      </EntityPageSwitching>,
      {
        lineageApi: fakeLineageApi({
          productLineage: async ref => {
            if (ref !== 'dataproduct:default/revenue') return lineage;
            await released;
            return {
              ...lineage,
              product: ref,
              drift: {
                ...lineage.drift,
                undeclaredInputs: [],
                unseenInputs: [],
              },
            };
          },
        }),
      },
    );
    await screen.findByRole('list', { name: 'Undeclared dependencies' });

    fireEvent.click(screen.getByRole('button', { name: 'Open next' }));
    expect(screen.queryByText(/Read at run time/)).not.toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();

    await act(async () => release());
    expect(
      await screen.findByText(
        'Runtime lineage matches the declared input ports.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when product lineage cannot be loaded', async () => {
    await renderCard(async () => {
      throw new Error('Product lineage failed: 503 Service Unavailable');
    });
    expect(
      (await screen.findAllByText(/503 Service Unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });
});
