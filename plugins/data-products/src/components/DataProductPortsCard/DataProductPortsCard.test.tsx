import { OPENLINEAGE_JOBS_ANNOTATION } from '@meshwork/plugin-data-products-common';
import { screen, within } from '@testing-library/react';
import {
  cartsProduct,
  ordersProduct,
  revenueProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductPortsCard } from './DataProductPortsCard';

describe('DataProductPortsCard', () => {
  it('titles the card as a heading, and its sections one level under', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        metadata: {
          ...ordersProduct.metadata,
          annotations: {
            [OPENLINEAGE_JOBS_ANNOTATION]:
              'meshwork-retail.airflow:orders.export',
          },
        },
      },
    });
    expect(
      screen.getByRole('heading', { name: 'Inputs and consumers', level: 2 }),
    ).toBeInTheDocument();
    for (const section of ['Input ports', 'Jobs it also runs', 'Consumers']) {
      expect(
        screen.getByRole('heading', { name: section, level: 3 }),
      ).toBeInTheDocument();
    }
  });

  it('links input ports to the upstream products and lists consumers', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: ordersProduct,
    });
    expect(screen.getByRole('link', { name: 'carts' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/carts',
    );
    expect(screen.getByRole('link', { name: 'revenue' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/revenue',
    );
  });

  it('keeps each consumer with the comma after it, linked to its page', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        relations: [
          ...ordersProduct.relations!,
          {
            type: 'dependencyOf',
            targetRef: 'dataproduct:marketing/customer-segments',
          },
        ],
      },
    });
    const revenue = screen.getByRole('link', { name: 'revenue' });
    // Text alone: a line may break after an inline box such as the
    // catalog's name box, and the comma would then start the next line.
    expect(revenue.childElementCount).toBe(0);
    expect(revenue.nextSibling?.textContent).toBe(', ');
    expect(
      screen.getByRole('link', { name: 'marketing/customer-segments' }),
    ).toHaveAttribute(
      'href',
      '/catalog/marketing/dataproduct/customer-segments',
    );
  });

  it("links an input port without a namespace to the product's namespace", async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        metadata: { ...ordersProduct.metadata, namespace: 'retail' },
        spec: {
          ...ordersProduct.spec,
          inputPorts: [{ name: 'carts', from: 'carts#carts' }],
        },
      },
    });
    expect(screen.getByRole('link', { name: /carts/ })).toHaveAttribute(
      'href',
      '/catalog/retail/dataproduct/carts',
    );
  });

  it('names the product whose output port a dataset input port reads, else calls it external', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          inputPorts: [
            {
              name: 'carts-topic',
              dataset: {
                namespace: 'kafka://broker:9092',
                name: 'checkout.carts',
              },
            },
            {
              name: 'fx-rates',
              dataset: { namespace: 's3://vendor-feeds', name: 'fx' },
            },
          ],
        },
      },
    });
    const ports = screen.getByRole('list', { name: 'Input ports' });
    expect(
      await within(ports).findByText(
        /dataset kafka:\/\/broker:9092 checkout\.carts:/,
      ),
    ).toBeInTheDocument();
    expect(within(ports).getByRole('link', { name: 'carts' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/carts',
    );
    expect(
      within(ports)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'carts-topicdataset kafka://broker:9092 checkout.carts: port carts of carts',
      'fx-ratesexternal dataset s3://vendor-feeds fx',
    ]);
  });

  it('names the output port a dataset input port spells otherwise, the name as written', async () => {
    // Orders' output port is postgres://warehouse:5432 analytics.checkout.orders.
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...revenueProduct,
        spec: {
          ...revenueProduct.spec,
          inputPorts: [
            {
              name: 'orders-table',
              dataset: {
                namespace: 'postgresql://Warehouse',
                name: 'analytics.checkout.orders',
              },
            },
            {
              name: 'orders-upper',
              dataset: {
                namespace: 'postgres://warehouse:5432',
                name: 'ANALYTICS.CHECKOUT.ORDERS',
              },
            },
          ],
        },
      },
    });
    const ports = screen.getByRole('list', { name: 'Input ports' });
    expect(
      await within(ports).findByRole('link', { name: 'orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/orders');
    expect(
      within(ports)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'orders-tabledataset postgresql://Warehouse analytics.checkout.orders: port orders of orders',
      'orders-upperexternal dataset postgres://warehouse:5432 ANALYTICS.CHECKOUT.ORDERS',
    ]);
  });

  it('marks each input whose source product is deprecated, and no other', async () => {
    const legacyCarts = {
      ...cartsProduct,
      metadata: { name: 'legacy-carts', namespace: 'default' },
      spec: {
        ...cartsProduct.spec,
        lifecycle: 'deprecated' as const,
        outputPorts: [
          {
            name: 'carts',
            type: 'topic' as const,
            dataset: { namespace: 'kafka://broker:9092', name: 'legacy.carts' },
          },
        ],
      },
      relations: [],
    };
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...revenueProduct,
        spec: {
          ...revenueProduct.spec,
          inputPorts: [
            { name: 'legacy', from: 'dataproduct:default/legacy-carts#carts' },
            {
              name: 'legacy-topic',
              dataset: {
                namespace: 'kafka://broker:9092',
                name: 'legacy.carts',
              },
            },
            { name: 'orders', from: 'dataproduct:default/orders#orders' },
          ],
        },
        relations: [
          ...revenueProduct.relations!,
          { type: 'dependsOn', targetRef: 'dataproduct:default/legacy-carts' },
        ],
      },
      entities: [...testMesh, legacyCarts],
    });
    const [legacy, legacyTopic, orders] = within(
      screen.getByRole('list', { name: 'Input ports' }),
    ).getAllByRole('listitem');
    const marker = await within(legacy).findByText('deprecated');
    expect(marker.closest('[title]')).toHaveAttribute(
      'title',
      'The source product is deprecated: move this input off it before it is removed.',
    );
    expect(legacyTopic).toHaveTextContent(
      'dataset kafka://broker:9092 legacy.carts: port carts of legacy-cartsdeprecated',
    );
    // Orders, read alike and loaded with them, is in production.
    expect(orders).toHaveTextContent('from orders port orders');
    expect(within(orders).queryByText('deprecated')).toBeNull();
  });

  it('says where to move an input whose source names a successor, and by when', async () => {
    jest.useFakeTimers({
      now: new Date('2027-03-01T12:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    const legacyCarts = {
      ...cartsProduct,
      metadata: { name: 'legacy-carts', namespace: 'default' },
      spec: {
        ...cartsProduct.spec,
        lifecycle: 'deprecated' as const,
        deprecation: { successor: 'orders', sunset: '2027-03-31' },
        outputPorts: [
          {
            name: 'carts',
            type: 'topic' as const,
            dataset: { namespace: 'kafka://broker:9092', name: 'legacy.carts' },
          },
        ],
      },
      relations: [],
    };
    const oldCarts = {
      ...legacyCarts,
      metadata: { name: 'old-carts', namespace: 'default' },
      spec: {
        ...legacyCarts.spec,
        deprecation: { sunset: '2027-02-28' },
        outputPorts: [
          { ...legacyCarts.spec.outputPorts[0], dataset: undefined },
        ],
      },
    };
    try {
      await renderWithCatalog(<DataProductPortsCard />, {
        entity: {
          ...revenueProduct,
          spec: {
            ...revenueProduct.spec,
            inputPorts: [
              {
                name: 'legacy',
                from: 'dataproduct:default/legacy-carts#carts',
              },
              {
                name: 'legacy-topic',
                dataset: {
                  namespace: 'kafka://broker:9092',
                  name: 'legacy.carts',
                },
              },
              { name: 'old', from: 'dataproduct:default/old-carts#carts' },
            ],
          },
          relations: [
            {
              type: 'dependsOn',
              targetRef: 'dataproduct:default/legacy-carts',
            },
            { type: 'dependsOn', targetRef: 'dataproduct:default/old-carts' },
          ],
        },
        entities: [...testMesh, legacyCarts, oldCarts],
      });
      const [legacy, legacyTopic, old] = within(
        screen.getByRole('list', { name: 'Input ports' }),
      ).getAllByRole('listitem');
      const marker = await within(legacy).findByText('deprecated');
      expect(marker.closest('[title]')).toHaveAttribute(
        'title',
        'The source product is deprecated: move this input to its successor before it is removed.',
      );
      expect(
        within(legacy).getByRole('link', { name: 'orders' }),
      ).toHaveAttribute('href', '/catalog/default/dataproduct/orders');
      expect(legacy).toHaveTextContent(
        /from legacy-carts port cartsdeprecated use orders, served until 2027-03-31 \(in 30 days\)$/,
      );
      expect(legacyTopic).toHaveTextContent(
        /port carts of legacy-cartsdeprecated use orders, served until 2027-03-31 \(in 30 days\)$/,
      );
      expect(old).toHaveTextContent(
        /from old-carts port cartsdeprecated served until 2027-02-28 \(1 day ago\)$/,
      );
      expect(within(old).getAllByRole('link')).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says when a product reads nothing', async () => {
    await renderWithCatalog(<DataProductPortsCard />, { entity: cartsProduct });
    expect(screen.getByText(/No input ports/)).toBeInTheDocument();
  });

  it('lists the jobs it declares running, each with its namespace', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        metadata: {
          ...ordersProduct.metadata,
          annotations: {
            [OPENLINEAGE_JOBS_ANNOTATION]:
              'meshwork-retail.airflow:orders.export\nspark://host:7077:orders_sync, job:broken',
          },
        },
      },
    });
    const jobs = screen.getByRole('list', { name: 'Jobs it also runs' });
    expect(
      within(jobs)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'orders.exportnamespace meshwork-retail.airflow',
      'orders_syncnamespace spark://host:7077',
    ]);
  });

  it('shows no jobs when it declares none', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: ordersProduct,
    });
    expect(screen.queryByText('Jobs it also runs')).toBeNull();
  });
});
