import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityPresentationApi,
  entityPresentationApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  cartsProduct,
  ordersProduct,
  revenueProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductOverviewCard } from './DataProductOverviewCard';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

describe('DataProductOverviewCard', () => {
  it('titles the card as a heading, and its service levels one level under', async () => {
    await renderWithCatalog(<DataProductOverviewCard />, {
      entity: ordersProduct,
    });
    expect(
      screen.getByRole('heading', { name: 'Data product', level: 2 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Service levels', level: 3 }),
    ).toBeInTheDocument();
  });

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('says what is missing in a red that reads (4.5:1) on the card', async () => {
      await renderWithCatalog(<DataProductOverviewCard />, {
        entity: cartsProduct,
      });
      expect(
        contrastOf(screen.getByText(/No description/)),
      ).toBeGreaterThanOrEqual(4.5);
      expect(
        contrastOf(screen.getByText('No SLOs declared.')),
      ).toBeGreaterThanOrEqual(4.5);
    });
  });

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

  /** Carts, deprecated, consumed by `consumers` (their refs as related). */
  const legacyCartsReadBy = (...consumers: string[]) => ({
    ...cartsProduct,
    metadata: { name: 'legacy-carts', namespace: 'default' },
    spec: { ...cartsProduct.spec, lifecycle: 'deprecated' as const },
    relations: consumers.map(targetRef => ({
      type: 'dependencyOf',
      targetRef,
    })),
  });

  it('warns that a deprecated product is so, counting and naming who still consumes it', async () => {
    const legacyCarts = legacyCartsReadBy(
      'dataproduct:default/orders',
      'dataproduct:default/revenue',
    );
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
    const legacyCarts = legacyCartsReadBy(
      'dataproduct:default/revenue',
      'DataProduct:Default/Revenue',
    );
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

  describe('with what a deprecated product says replaces it', () => {
    const readByNone = legacyCartsReadBy();
    const legacyCarts = {
      ...readByNone,
      spec: {
        ...readByNone.spec,
        deprecation: {
          successor: 'revenue',
          sunset: '2027-03-31',
          reason: '<b>Folded</b> into revenue.',
        },
      },
    };

    beforeEach(() => {
      // Late on 1 March in UTC, already 2 March east of it: days count in
      // UTC wherever the viewer is.
      jest.useFakeTimers({
        now: new Date('2027-03-01T23:30:00Z'),
        doNotFake: ['nextTick', 'setImmediate'],
      });
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('links its successor by its title, says until when it is served and why, in one alert', async () => {
      const entities: Entity[] = [...testMesh, legacyCarts];
      // The app's catalog presents a ref by the title it fetches.
      const entityPresentationApi: EntityPresentationApi = {
        forEntity: entityOrRef => {
          const entityRef =
            typeof entityOrRef === 'string'
              ? entityOrRef
              : stringifyEntityRef(entityOrRef);
          const entity = entities.find(
            candidate => stringifyEntityRef(candidate) === entityRef,
          );
          const snapshot = {
            entityRef,
            primaryTitle:
              entity?.metadata.title ?? entity?.metadata.name ?? entityRef,
          };
          return { snapshot, promise: Promise.resolve(snapshot) };
        },
      };
      const { container } = await renderInTestApp(
        <EntityProvider entity={legacyCarts}>
          <DataProductOverviewCard />
        </EntityProvider>,
        {
          apis: [
            [catalogApiRef, catalogApiMock({ entities })],
            [entityPresentationApiRef, entityPresentationApi],
          ],
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      const [warning] = screen.getAllByRole('alert');
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(
        await within(warning).findByRole('link', { name: 'Revenue' }),
      ).toHaveAttribute('href', '/catalog/default/dataproduct/revenue');
      expect(warning).toHaveTextContent(
        'Deprecated: no consumer reads it any more. Use Revenue instead. Served until 2027-03-31 (in 30 days). Reason: <b>Folded</b> into revenue.',
      );
      expect(container.querySelector('b')).toBeNull();
    });

    it.each([
      ['2027-03-02', 'Served until 2027-03-02 (in 1 day).'],
      ['2027-03-01', 'Served until 2027-03-01 (today).'],
      ['2027-02-27', 'Served until 2027-02-27 (2 days ago).'],
      ['end of March', 'Served until end of March.'],
      ['2027-02-30', 'Served until 2027-02-30.'],
    ])(
      'shows a sunset of %s, as written, against today in UTC',
      async (sunset, text) => {
        await renderWithCatalog(<DataProductOverviewCard />, {
          entity: {
            ...legacyCarts,
            spec: { ...legacyCarts.spec, deprecation: { sunset } },
          },
        });
        const warning = screen.getByRole('alert');
        expect(warning).toHaveTextContent(
          `Deprecated: no consumer reads it any more. ${text}`,
        );
        expect(within(warning).queryByRole('link')).toBeNull();
      },
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
