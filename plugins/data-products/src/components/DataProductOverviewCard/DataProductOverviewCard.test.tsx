import { screen, within } from '@testing-library/react';
import {
  cartsProduct,
  ordersProduct,
  revenueProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductOverviewCard } from './DataProductOverviewCard';

describe('DataProductOverviewCard', () => {
  it('renders the description as markdown, never as raw HTML', async () => {
    const { container } = await renderWithCatalog(<DataProductOverviewCard />, {
      entity: ordersProduct,
    });
    expect(screen.getByText('confirmed').tagName).toBe('STRONG');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText(/<img src=x/)).toBeInTheDocument();
  });

  it('shows a link to no web page (a bucket, a database) as text', async () => {
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: {
        ...ordersProduct,
        metadata: {
          ...ordersProduct.metadata,
          description: [
            'Raw files in [the lake](s3://lake/curated/orders/),',
            'queried at <postgres://warehouse:5432/analytics.orders>;',
            'see [the docs](https://docs.example/orders).',
          ].join(' '),
        },
      },
    });
    expect(
      screen.getByText(
        /Raw files in the lake, queried at postgres:\/\/warehouse/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link').map(link => link.textContent)).toEqual(
      expect.not.arrayContaining([
        'the lake',
        'postgres://warehouse:5432/analytics.orders',
      ]),
    );
    expect(screen.getByRole('link', { name: /the docs/ })).toHaveAttribute(
      'href',
      'https://docs.example/orders',
    );
  });

  it('shows where the product sits and its SLOs in plain words', async () => {
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: ordersProduct,
    });
    expect(screen.getByText('checkout')).toBeInTheDocument();
    expect(screen.getByText('checkout-data')).toBeInTheDocument();
    expect(screen.getByText('2.1.0')).toBeInTheDocument();
    expect(screen.getByText('tier-1')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Updated within 30 minutes, 99% of the time over the last 7 days.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the description and SLOs are missing', async () => {
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: cartsProduct,
    });
    expect(screen.getByText(/No description/)).toBeInTheDocument();
    expect(screen.getByText('No SLOs declared.')).toBeInTheDocument();
  });

  it('warns that a deprecated product is so, counting and naming who still consumes it', async () => {
    const legacyCarts = {
      ...cartsProduct,
      metadata: { name: 'legacy-carts', namespace: 'default' },
      spec: { ...cartsProduct.spec, lifecycle: 'deprecated' as const },
      relations: [
        { type: 'dependencyOf', targetRef: 'dataproduct:default/orders' },
        { type: 'dependencyOf', targetRef: 'dataproduct:default/revenue' },
      ],
    };
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: legacyCarts,
      entities: [...testMesh, legacyCarts],
    });
    const warning = screen.getByRole('alert');
    expect(
      await within(warning).findByRole('link', { name: 'revenue' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/revenue');
    expect(warning).toHaveTextContent(
      'Deprecated: 2 consumers still read it (orders, revenue) and must move off it before it is removed.',
    );
  });

  it('counts a consumer related by refs differing only in case once, as entity refs are case-insensitive', async () => {
    const legacyCarts = {
      ...cartsProduct,
      metadata: { name: 'legacy-carts', namespace: 'default' },
      spec: { ...cartsProduct.spec, lifecycle: 'deprecated' as const },
      relations: [
        { type: 'dependencyOf', targetRef: 'dataproduct:default/revenue' },
        { type: 'dependencyOf', targetRef: 'DataProduct:Default/Revenue' },
      ],
    };
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: legacyCarts,
      entities: [...testMesh, legacyCarts],
    });
    const warning = screen.getByRole('alert');
    expect(
      await within(warning).findByRole('link', { name: 'revenue' }),
    ).toBeInTheDocument();
    expect(warning).toHaveTextContent(
      'Deprecated: 1 consumer still reads it (revenue) and must move off it before it is removed.',
    );
  });

  it('says a deprecated product nothing consumes is deprecated', async () => {
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: {
        ...revenueProduct,
        spec: { ...revenueProduct.spec, lifecycle: 'deprecated' },
      },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Deprecated: no consumer reads it any more.',
    );
  });

  it('shows no deprecation warning on a product in production', async () => {
    // Orders has a consumer, so only its lifecycle keeps the warning away.
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: ordersProduct,
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/Deprecated/)).toBeNull();
  });
});
