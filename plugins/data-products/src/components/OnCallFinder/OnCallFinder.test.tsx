import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useNavigate } from 'react-router-dom';
import type {
  ImpactedProduct,
  ProductImpact,
  RuntimeProductMatch,
} from '@meshwork/plugin-lineage-common';
import {
  type DataProductEntityV1alpha1,
  OPENLINEAGE_JOBS_ANNOTATION,
  type OutputPort,
} from '@meshwork/plugin-data-products-common';
import {
  contrastOf,
  inAppTheme,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import { backendErrorAnswer } from '../../__testUtils__/backendErrorAnswer';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import {
  checkoutTeam,
  ordersProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { ProductStatuses } from '../../api';
import { RUNTIME_SEARCH_TIMEOUT_MS } from './findOnCall';
import { STATUS_REFRESH_MS } from '../../api';
import { OnCallFinder } from './OnCallFinder';

/** The search box's label, which is its accessible name too. */
const SEARCH_BOX = 'Find on-call for a table, job, product or column';

/** An output port `name` of a table with a contract of these columns. */
const tablePort = (
  name: string,
  table: string,
  columns: string[],
): OutputPort => ({
  name,
  type: 'table',
  dataset: { namespace: 'postgres://warehouse:5432', name: table },
  contract: {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: name,
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: table.split('.').pop()!,
        properties: columns.map(column => ({
          name: column,
          logicalType: 'string',
        })),
      },
    ],
  },
});

/** A finance-owned product with a table port of these columns. */
const tableProduct = (
  name: string,
  table: string,
  columns: string[],
): DataProductEntityV1alpha1 => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, namespace: 'default' },
  spec: {
    domain: 'finance',
    owner: 'group:finance-data',
    lifecycle: 'production',
    type: 'consumer-aligned',
    tier: 2,
    version: '1.0.0',
    outputPorts: [tablePort(name, table, columns)],
  },
});

/** The names of the products answered, in order. */
const answered = async () =>
  (await screen.findAllByRole('region', { name: /^On-call for / })).map(card =>
    card.getAttribute('aria-label'),
  );

const ordersTable = {
  namespace: 'postgres://warehouse:5432',
  name: 'analytics.checkout.orders',
};

/** `GET /entities/dataproduct/default/orders/impact?port=orders`. */
const ordersImpact: ProductImpact = {
  product: 'dataproduct:default/orders',
  port: 'orders',
  impacted: [
    {
      entityRef: 'dataproduct:default/revenue',
      title: 'Revenue',
      owner: 'group:finance-data',
      tier: 1,
      depth: 1,
      via: 'dataproduct:default/orders',
      datasets: [ordersTable],
      onCall: {
        contact: '#revenue-oncall',
        provider: 'opsgenie',
        id: 'R9',
        source: 'product',
      },
    },
    {
      entityRef: 'dataproduct:default/churn',
      title: 'Churn',
      owner: 'checkout-data',
      tier: 2,
      depth: 2,
      via: 'dataproduct:default/revenue',
      datasets: [
        { namespace: 'snowflake://acme', name: 'finance.revenue_daily' },
      ],
    },
    {
      entityRef: 'dataproduct:default/board-deck',
      title: 'Board deck',
      owner: 'group:default/finance-data',
      depth: 2,
      via: 'dataproduct:default/revenue',
      datasets: [
        { namespace: 'snowflake://acme', name: 'finance.revenue_daily' },
      ],
    },
  ],
};

/** `GET /products/slo-status` as the client summarises it. */
const statuses = async (): Promise<ProductStatuses> => ({
  byRef: new Map([
    [
      'dataproduct:default/orders',
      {
        slo: {
          status: 'breaching',
          breaching: ['freshness', 'volume'],
          unobserved: ['returns'],
          unjudged: [],
        },
      },
    ],
    [
      'dataproduct:default/revenue',
      {
        slo: {
          status: 'ok',
          breaching: [],
          unobserved: ['refunds'],
          unjudged: ['volume of revenue'],
        },
      },
    ],
    [
      'dataproduct:default/carts',
      {
        slo: {
          status: 'unknown',
          breaching: [],
          unobserved: ['carts'],
          unjudged: [],
        },
      },
    ],
  ]),
  sloAvailable: true,
  scorecardsAvailable: true,
});

describe('OnCallFinder', () => {
  it('finds the product, team, on-call, runbook and neighbours of a table', async () => {
    await renderWithCatalog(<OnCallFinder />);
    await userEvent.type(
      screen.getByRole('textbox', { name: SEARCH_BOX }),
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
    expect(
      await within(card).findByText('Not measured yet'),
    ).toBeInTheDocument();
    expect(
      await within(card).findByText('No products downstream of port orders'),
    ).toBeInTheDocument();
  });

  it('keeps each neighbour with the comma after it, so lines break after commas', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      entities: testMesh.map(entity =>
        entity === ordersProduct
          ? {
              ...ordersProduct,
              relations: [
                ...ordersProduct.relations!,
                {
                  type: 'dependencyOf',
                  targetRef: 'dataproduct:default/customer-segments',
                },
              ],
            }
          : entity,
      ),
    });
    const card = await screen.findByLabelText('On-call for orders');
    const revenue = within(card).getByRole('link', { name: 'revenue' });
    // Text alone: a line may break after an inline box such as the
    // catalog's name box, and the comma would then start the next line.
    expect(revenue.childElementCount).toBe(0);
    expect(revenue.nextSibling?.textContent).toBe(', ');
    expect(
      within(card).getByRole('link', { name: 'customer-segments' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/customer-segments');
  });

  it('lists the first few of many products downstream, and the rest on request', async () => {
    // A central table: read by 12 products besides revenue.
    const readers = Array.from(
      { length: 12 },
      (_, i) => `dataproduct:default/reader-${String(i + 1).padStart(2, '0')}`,
    );
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      entities: testMesh.map(entity =>
        entity === ordersProduct
          ? {
              ...ordersProduct,
              relations: [
                ...ordersProduct.relations!,
                ...readers.map(targetRef => ({
                  type: 'dependencyOf',
                  targetRef,
                })),
              ],
            }
          : entity,
      ),
    });
    const card = await screen.findByLabelText('On-call for orders');
    const downstream = within(card).getByRole('group', { name: 'Downstream' });
    const names = () =>
      within(downstream)
        .getAllByRole('link')
        .map(link => link.textContent);
    expect(downstream).toHaveTextContent(/^Downstream13 products: /);
    expect(names()).toEqual([
      'revenue',
      'reader-01',
      'reader-02',
      'reader-03',
      'reader-04',
    ]);
    const more = within(downstream).getByRole('button', {
      name: 'and 8 more',
    });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(more);
    expect(names()).toHaveLength(13);
    expect(names()).toContain('reader-12');
    const fewer = within(downstream).getByRole('button', {
      name: 'Show fewer',
    });
    expect(fewer).toHaveAttribute('aria-expanded', 'true');
    expect(fewer).toHaveFocus();
    await userEvent.click(fewer);
    expect(names()).toHaveLength(5);
    // Upstream, with one product, is listed as before.
    expect(
      within(within(card).getByRole('group', { name: 'Upstream' }))
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual(['carts']);
  });

  it('names the product once when both its name and its title match', async () => {
    await renderWithCatalog(<OnCallFinder />, { initialRoute: '/?q=orders' });
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      within(card)
        .getAllByText(/^product: /)
        .map(chip => chip.textContent),
    ).toEqual(['product: orders']);
  });

  it("links the on-call contact to the product's slack channel that names it, and only that", async () => {
    const withChannels = (
      channels: Array<{ type: 'slack'; url: string }>,
    ): DataProductEntityV1alpha1 => ({
      ...ordersProduct,
      spec: {
        ...ordersProduct.spec,
        support: { ...ordersProduct.spec.support, channels },
      },
    });
    const contactOf = async (product: DataProductEntityV1alpha1) => {
      const rendered = await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=analytics.checkout.orders',
        entities: testMesh.map(e => (e === ordersProduct ? product : e)),
      });
      const card = await screen.findByLabelText('On-call for orders');
      expect(card).toHaveTextContent(/#orders-oncall.* \(pagerduty P123\)/);
      const found = within(card)
        .queryByRole('link', { name: /^#orders-oncall/ })
        ?.getAttribute('href');
      rendered.unmount();
      return found;
    };
    expect(
      await contactOf(
        withChannels([
          { type: 'slack', url: 'https://slack.example/archives/orders' },
          {
            type: 'slack',
            url: 'https://slack.example/archives/orders-oncall',
          },
        ]),
      ),
    ).toBe('https://slack.example/archives/orders-oncall');
    // Its one slack channel, `orders`, is where users ask: no link.
    expect(await contactOf(ordersProduct)).toBeUndefined();
  });

  it("falls back to the owning team's on-call and says when there is none", async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=checkout.carts',
    });
    expect(await screen.findByLabelText('On-call for carts')).toHaveTextContent(
      '#checkout-data-oncall (pagerduty, team)',
    );
    await userEvent.clear(screen.getByRole('textbox', { name: SEARCH_BOX }));
    await userEvent.type(
      screen.getByRole('textbox', { name: SEARCH_BOX }),
      'revenue_daily',
    );
    const revenue = await screen.findByLabelText('On-call for revenue');
    expect(revenue).toHaveTextContent('No on-call declared');
    expect(revenue).toHaveTextContent('No runbook');
  });

  it("falls back to the owning team's runbook and says it is the team's", async () => {
    const teamWithRunbook = {
      ...checkoutTeam,
      metadata: {
        ...checkoutTeam.metadata,
        links: [{ type: 'runbook', url: 'https://wiki.example/checkout-data' }],
      },
    };
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=checkout.carts',
      entities: testMesh.map(entity =>
        entity === checkoutTeam ? teamWithRunbook : entity,
      ),
    });
    const carts = await screen.findByLabelText('On-call for carts');
    const runbook = within(carts).getByText('Open runbook');
    expect(runbook).toHaveAttribute(
      'href',
      'https://wiki.example/checkout-data',
    );
    expect(runbook.closest('p')).toHaveTextContent(/^Open runbook.* \(team\)$/);
  });

  it('finds a table named as an engine error quotes it', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(
        '"ANALYTICS"."CHECKOUT"."ORDERS"',
      )}`,
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toBeInTheDocument();
  });

  it('finds a product from a column name', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=customer_email',
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('column: orders.customer_email');
  });

  it('searches anew for a term a link puts in the address', async () => {
    const Go = () => {
      const navigate = useNavigate();
      return (
        <button onClick={() => navigate('/?q=customer_email')}>
          Search the column
        </button>
      );
    };
    await renderWithCatalog(
      <>
        <Go />
        <OnCallFinder />
      </>,
      { initialRoute: '/?q=nope.nothing' },
    );
    expect(
      await screen.findByText(/no job or table in current lineage, is called/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Search the column'));
    expect(screen.getByLabelText(SEARCH_BOX)).toHaveValue('customer_email');
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('column: orders.customer_email');
  });

  it('shows no answer of the last term while the next one loads', async () => {
    const { released, release } = releasable();
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=nope.nothing',
      dataProductsApi: {
        runtimeMatches: async term => {
          if (term === 'customer_email') await released;
          return [];
        },
      },
    });
    expect(
      await screen.findByText(/no job or table in current lineage, is called/),
    ).toBeInTheDocument();
    const box = screen.getByLabelText(SEARCH_BOX);
    await userEvent.clear(box);
    await userEvent.type(box, 'customer_email');
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByText(/no job or table in current lineage, is called/),
    ).not.toBeInTheDocument();
    release();
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('column: orders.customer_email');
  });

  it("heads each answer with its product's title, a level under the page's", async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=customer_email',
    });
    const answer = await screen.findByRole('region', {
      name: 'On-call for orders',
    });
    expect(within(answer).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Orders',
    );
  });

  it('is ready to type in, named by what it shows, with each answer a named region', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=customer_email',
    });
    expect(screen.getByRole('textbox', { name: SEARCH_BOX })).toHaveFocus();
    expect(screen.getByText(SEARCH_BOX, { selector: 'label' })).toBeVisible();
    expect(
      await screen.findByRole('region', { name: 'On-call for orders' }),
    ).toHaveTextContent('column: orders.customer_email');
  });

  it.each([
    'postgresql://warehouse:5432/analytics.checkout.orders',
    'postgres://warehouse/analytics.checkout.orders',
    'kafka://broker:9092/analytics.checkout.orders',
  ])('finds a table by its name within another namespace: %s', async q => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(q)}`,
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('table: analytics.checkout.orders (port orders)');
  });

  it.each([
    'dataproduct:default/orders',
    'DataProduct:default/orders',
    'default/orders',
  ])('finds the product whose entity ref is pasted: %s', async q => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(q)}`,
    });
    expect(await answered()).toEqual(['On-call for orders']);
  });

  it('searches for a path that names no product as a ref', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent('default/nope')}`,
    });
    expect(
      await screen.findByText(
        'No data product, and no job or table in current lineage, is called "default/nope"',
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing is called that', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=nope.nothing',
    });
    expect(
      await screen.findByText(
        'No data product, and no job or table in current lineage, is called "nope.nothing"',
      ),
    ).toBeInTheDocument();
  });
});

describe('OnCallFinder on a bare name', () => {
  // order_id is a column of orders, and only a word of campaigns' column.
  const entities = [
    ...testMesh,
    tableProduct('campaigns', 'marketing.campaigns', ['first_order_id']),
  ];

  it.each([
    ['search index', {}],
    [
      "catalog's full-text search, while the index is built",
      { search: () => Promise.reject(new Error('503 still building')) },
    ],
  ])(
    'puts the product of that whole name first, as the only exact match, by the %s',
    async (_by, dataProductsApi) => {
      await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=order_id',
        entities,
        dataProductsApi,
      });
      expect(await answered()).toEqual([
        'On-call for orders',
        'On-call for campaigns',
      ]);
      const chip = (card: string, text: string) =>
        within(screen.getByRole('region', { name: card }))
          .getByText(text)
          .closest('.MuiChip-root');
      expect(
        chip('On-call for orders', 'column: orders.order_id (port orders)'),
      ).toHaveClass('MuiChip-colorPrimary');
      expect(
        chip(
          'On-call for campaigns',
          'column: campaigns.first_order_id (port campaigns)',
        ),
      ).not.toHaveClass('MuiChip-colorPrimary');
    },
  );

  it('says how many more were found than are shown', async () => {
    const shops = Array.from({ length: 11 }, (_, i) =>
      tableProduct(`shop-${i + 1}`, `shop.orders_${i + 1}`, ['sku']),
    );
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=orders',
      entities: [...testMesh, ...shops],
    });
    expect(
      await screen.findByText(
        'Showing 10 of 12 products found; type more of the name to narrow them down.',
      ),
    ).toBeInTheDocument();
    expect(await answered()).toHaveLength(10);
    expect((await answered())[0]).toBe('On-call for orders');
  });

  it('says nothing of more when all are shown', async () => {
    await renderWithCatalog(<OnCallFinder />, { initialRoute: '/?q=orders' });
    await screen.findByRole('region', { name: 'On-call for orders' });
    expect(screen.queryByText(/^Showing/)).toBeNull();
  });
});

describe('OnCallFinder on what runs for the products', () => {
  const ordersJob = { namespace: 'airflow', name: 'orders_daily' };
  /** The orders port, written by orders_daily, found through `via`. */
  const ordersFoundBy = (
    via: RuntimeProductMatch['via'],
    exact: boolean,
  ): Extract<RuntimeProductMatch, { port: string }> => ({
    entityRef: 'dataproduct:default/orders',
    port: 'orders',
    via,
    job: ordersJob,
    exact,
  });
  /** `GET /products/search` of the lineage backend, for four texts. */
  const runtimeMatches = async (term: string) => {
    const found: Record<string, RuntimeProductMatch> = {
      orders_daily: ordersFoundBy({ type: 'job', ...ordersJob }, true),
      nightly_dag: ordersFoundBy(
        { type: 'job', namespace: 'airflow', name: term },
        true,
      ),
      orders_tmp: ordersFoundBy(
        {
          type: 'dataset',
          namespace: 'postgres://warehouse:5432',
          name: 'staging.orders_tmp',
        },
        false,
      ),
      extract_orders: {
        ...ordersFoundBy(
          { type: 'job', namespace: 'airflow', name: term },
          true,
        ),
        upstream: true,
      },
      // Its table by another name, loaded without lineage: no job writes it.
      'hive.orders': {
        entityRef: 'dataproduct:default/orders',
        port: 'orders',
        via: { type: 'dataset', namespace: 'hive://metastore', name: term },
        exact: true,
      },
      orders_not_null: {
        ...ordersFoundBy(
          { type: 'job', namespace: 'quality', name: term },
          true,
        ),
        job: { namespace: 'quality', name: term },
        reads: true,
      },
    };
    return found[term] ? [found[term]] : [];
  };

  /**
   * The orders card found for `q` at runtime, and the blast radii asked for
   * (none downstream).
   */
  const findOrdersAtRuntime = async (q: string) => {
    const asked: Array<[string, string | undefined]> = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${q}`,
      dataProductsApi: {
        runtimeMatches,
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return { product: entityRef, port, impacted: [] };
        },
      },
    });
    return { card: await screen.findByLabelText('On-call for orders'), asked };
  };

  it("leaves the catalog's full-text scan for a job lineage found", async () => {
    const scanned: string[] = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=orders_daily',
      dataProductsApi: { runtimeMatches },
      catalogApi: {
        queryEntities: async request => {
          scanned.push(JSON.stringify(request));
          return { items: [], totalItems: 0, pageInfo: {} };
        },
      },
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('job: orders_daily (port orders)');
    expect(scanned).toEqual([]);
  });

  it('finds the product whose port a job writes, and the radius of that port', async () => {
    const { card, asked } = await findOrdersAtRuntime('orders_daily');
    expect(card).toHaveTextContent('job: orders_daily (port orders)');
    expect(card).toHaveTextContent('#orders-oncall (pagerduty P123)');
    expect(
      await within(card).findByText('No products downstream of port orders'),
    ).toBeInTheDocument();
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
  });

  it("gives the radius of the best match's one port, whatever else matched", async () => {
    const orderLines = {
      name: 'order-lines',
      type: 'table',
      dataset: { namespace: 'postgres://warehouse:5432', name: 'lines' },
    };
    const asked: Array<[string, string | undefined]> = [];
    const namespaces: Array<string | undefined> = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(
        'airflow://scheduler/orders_daily',
      )}`,
      entities: testMesh.map(entity =>
        entity === ordersProduct
          ? {
              ...ordersProduct,
              spec: {
                ...ordersProduct.spec,
                outputPorts: [...ordersProduct.spec.outputPorts, orderLines],
              },
            }
          : entity,
      ),
      dataProductsApi: {
        runtimeMatches: async (term, _limit, namespace) => {
          namespaces.push(namespace);
          const backfill = {
            namespace: 'airflow',
            name: 'orders_daily_backfill',
          };
          return [
            ...(await runtimeMatches(term)),
            {
              entityRef: 'dataproduct:default/orders',
              port: 'order-lines',
              via: { type: 'job' as const, ...backfill },
              job: backfill,
              exact: false,
            },
          ];
        },
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return { product: entityRef, port, impacted: [] };
        },
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    expect(card).toHaveTextContent(
      'job: orders_daily_backfill (port order-lines)',
    );
    await within(card).findByText('No products downstream of port orders');
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
    // The namespace typed goes to lineage, not into the name.
    expect(namespaces).toEqual(['airflow://scheduler']);
  });

  it('names the task of a DAG that writes the port', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=nightly_dag',
      dataProductsApi: { runtimeMatches },
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('job: nightly_dag (task orders_daily, port orders)');
  });

  it('names the job writing the port that a job upstream feeds, and gives the radius of that port', async () => {
    const { card, asked } = await findOrdersAtRuntime('extract_orders');
    expect(card).toHaveTextContent(
      'job upstream: extract_orders (feeds orders_daily, port orders)',
    );
    await within(card).findByText('No products downstream of port orders');
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
  });

  it("finds the product of the port a check job reads, with that port's radius", async () => {
    const { card, asked } = await findOrdersAtRuntime('orders_not_null');
    expect(card).toHaveTextContent(
      'job reading it: orders_not_null (port orders)',
    );
    await within(card).findByText('No products downstream of port orders');
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
  });

  it('finds the product of a table that its job writes', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=orders_tmp',
      dataProductsApi: { runtimeMatches },
    });
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent(
      'table its job writes: staging.orders_tmp (port orders)',
    );
  });

  it('finds the product of a table no job writes by the name lineage knows it by', async () => {
    const { card } = await findOrdersAtRuntime('hive.orders');
    expect(card).toHaveTextContent('table: hive.orders (port orders)');
  });

  /** The finder asked `q` while lineage's search stops at one of its caps. */
  const renderWhileLineageStopsEarly = (q: string) =>
    renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${q}`,
      dataProductsApi: {
        runtimeMatches: async term =>
          Object.assign(await runtimeMatches(term), { partial: true as const }),
      },
    });

  it('says under the answers when lineage stopped early', async () => {
    await renderWhileLineageStopsEarly('nightly_dag');
    const card = await screen.findByLabelText('On-call for orders');
    const note = screen.getByText(/^Lineage search stopped early/);
    expect(note).toHaveTextContent(
      'some jobs, DAG tasks or tables were not read, so results may be incomplete.',
    );
    expect(
      card.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('says nothing of stopping early when lineage read all it found', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=nightly_dag',
      dataProductsApi: { runtimeMatches },
    });
    await screen.findByLabelText('On-call for orders');
    expect(screen.queryByText(/Lineage search stopped early/)).toBeNull();
  });

  it('does not call a name missing when lineage stopped early', async () => {
    await renderWhileLineageStopsEarly('finance-daily-dag');
    expect(
      await screen.findByText('No data product found for "finance-daily-dag"'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/no job or table in current lineage, is called/),
    ).toBeNull();
    expect(
      screen.getByText(/Lineage search stopped early/),
    ).toBeInTheDocument();
  });

  /** The finder asked `q` while the lineage backend answers 503. */
  const renderWhileLineageDown = (q: string) =>
    renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${q}`,
      dataProductsApi: {
        runtimeMatches: () => Promise.reject(new Error('503 lineage down')),
      },
    });

  it('still answers from what products declare when lineage cannot, and says so', async () => {
    await renderWhileLineageDown('customer_email');
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('column: orders.customer_email');
    expect(
      screen.getByText(/Jobs and tables seen at runtime could not be searched/),
    ).toHaveTextContent('(503 lineage down)');
  });

  it('answers from what products declare when lineage does not answer in time', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=customer_email',
        dataProductsApi: { runtimeMatches: () => new Promise(() => {}) },
      });
      // The search waits for lineage only so long, then answers.
      expect(
        await screen.findByRole(
          'region',
          { name: 'On-call for orders' },
          { timeout: RUNTIME_SEARCH_TIMEOUT_MS + 1_000 },
        ),
      ).toHaveTextContent('column: orders.customer_email');
      expect(
        screen.getByText(
          /Jobs and tables seen at runtime could not be searched/,
        ),
      ).toHaveTextContent('(the lineage backend gave no answer within 5 s)');
    } finally {
      jest.useRealTimers();
    }
  });

  /** The finder asked `q` while the lineage backend answers `status`. */
  const renderWhileLineageAnswers = (
    q: string,
    status: number,
    error: { name: string; message: string },
  ) =>
    renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${q}`,
      dataProductsApi: {
        runtimeMatches: async () => {
          throw await backendErrorAnswer(status, error);
        },
      },
    });

  it('shows why lineage refused a name, without asking to try again', async () => {
    const name = 'x'.repeat(257);
    await renderWhileLineageAnswers(name, 400, {
      name: 'InputError',
      message: 'Query parameter q must be text of 1 to 256 characters',
    });
    expect(
      await screen.findByText(
        'The lineage backend refused the search: Query parameter q must be text of 1 to 256 characters.',
      ),
    ).toBeInTheDocument();
    // Said once, by the empty state: not again in a banner.
    expect(
      screen.queryByText(
        /Jobs and tables seen at runtime could not be searched/,
      ),
    ).toBeNull();
    expect(screen.queryByText(/try again/i)).toBeNull();
    // Hundreds of characters with no space must wrap, not widen the page.
    expect(
      screen
        .getByText(`No data product declares "${name}"`)
        .closest('[style*="overflow-wrap: anywhere"]'),
    ).not.toBeNull();
  });

  it('asks to try again when lineage fails on its side', async () => {
    await renderWhileLineageAnswers('finance-daily-dag', 503, {
      name: 'ServiceUnavailableError',
      message: 'The lineage store is not reachable',
    });
    expect(await screen.findByText(/^Try again shortly/)).toBeInTheDocument();
  });

  it('does not call a name missing when lineage could not be searched', async () => {
    await renderWhileLineageDown('finance-daily-dag');
    expect(
      await screen.findByText('No data product declares "finance-daily-dag"'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/no job or table in current lineage, is called/),
    ).toBeNull();
    expect(
      screen.getByText(/Jobs and tables seen at runtime could not be searched/),
    ).toBeInTheDocument();
  });
});

describe('OnCallFinder on a job a product declares', () => {
  const exportJob = {
    namespace: 'meshwork-retail.airflow',
    name: 'orders.export',
  };
  const entities = testMesh.map(entity =>
    entity === ordersProduct
      ? {
          ...ordersProduct,
          metadata: {
            ...ordersProduct.metadata,
            annotations: {
              [OPENLINEAGE_JOBS_ANNOTATION]: `${exportJob.namespace}:${exportJob.name}`,
            },
          },
        }
      : entity,
  );

  it.each([
    ['search index', {}],
    [
      "catalog's full-text search (the index being built)",
      { search: () => Promise.reject(new Error('503 still building')) },
    ],
  ])(
    "finds it by the %s when lineage is down, with the whole product's radius",
    async (_by, dataProductsApi) => {
      const asked: Array<[string, string | undefined]> = [];
      await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=orders.export',
        entities,
        dataProductsApi: {
          ...dataProductsApi,
          runtimeMatches: () => Promise.reject(new Error('503 lineage down')),
          impact: async (entityRef, port) => {
            asked.push([entityRef, port]);
            return { product: entityRef, port, impacted: [] };
          },
        },
      });
      const card = await screen.findByLabelText('On-call for orders');
      expect(card).toHaveTextContent(
        'job: orders.export (declared by the product)',
      );
      await within(card).findByText('No products downstream');
      expect(asked).toEqual([['dataproduct:default/orders', undefined]]);
    },
  );

  it('shows it once, as lineage sees it, when lineage finds it too', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=orders.export',
      entities,
      dataProductsApi: {
        runtimeMatches: async () => [
          {
            entityRef: 'dataproduct:default/orders',
            port: 'orders',
            via: { type: 'job', ...exportJob },
            job: exportJob,
            exact: true,
            reads: true,
          },
        ],
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      within(card)
        .getAllByText(/orders\.export/)
        .map(chip => chip.textContent),
    ).toEqual(['job reading it: orders.export (port orders)']);
  });

  it("names the declared DAG of a task lineage finds, and a table it writes, with the whole product's radius", async () => {
    const asked: Array<[string, string | undefined]> = [];
    const dag = { namespace: 'meshwork-retail.airflow', name: 'exports_dag' };
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=braze_sync',
      entities,
      dataProductsApi: {
        runtimeMatches: async () => [
          {
            entityRef: 'dataproduct:default/orders',
            via: { type: 'job', namespace: dag.namespace, name: 'braze_sync' },
            exact: true,
            declared: dag,
          },
          {
            entityRef: 'dataproduct:default/orders',
            via: {
              type: 'dataset',
              namespace: 'braze://eu',
              name: 'braze/cohort',
            },
            job: { namespace: dag.namespace, name: 'braze_sync' },
            exact: false,
            declared: dag,
          },
        ],
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return { product: entityRef, port, impacted: [] };
        },
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    expect(card).toHaveTextContent(
      'job: braze_sync (task of exports_dag, declared by the product)',
    );
    expect(card).toHaveTextContent(
      'table: braze/cohort (written by braze_sync, a job the product declares)',
    );
    await within(card).findByText('No products downstream');
    expect(asked).toEqual([['dataproduct:default/orders', undefined]]);
  });
});

describe('OnCallFinder while the search index is being built', () => {
  /** The finder at `q`, the data-products backend answering 503. */
  const findWhileIndexBuilds = (q: string) =>
    renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(q)}`,
      dataProductsApi: {
        search: () => Promise.reject(new Error('503 still building')),
        listings: () => Promise.reject(new Error('503 still building')),
      },
    });

  it("falls back to the catalog's full-text search", async () => {
    await findWhileIndexBuilds('analytics.checkout.orders');
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('table: analytics.checkout.orders (port orders)');
  });

  it('finds a table by its name alone when nothing is in the namespace typed', async () => {
    await findWhileIndexBuilds('kafka://broker:9092/analytics.checkout.orders');
    expect(
      await screen.findByLabelText('On-call for orders'),
    ).toHaveTextContent('table: analytics.checkout.orders (port orders)');
  });
});

describe('OnCallFinder with SLO status and blast radius', () => {
  /** The finder at `q`, with orders' radius; the radii asked for. */
  const findWithOrdersRadius = async (q: string) => {
    const asked: Array<[string, string | undefined]> = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: `/?q=${encodeURIComponent(q)}`,
      dataProductsApi: {
        statuses,
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return ordersImpact;
        },
      },
    });
    return asked;
  };

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('shows that the product is breaching on a chip whose text reads (4.5:1)', async () => {
      await findWithOrdersRadius('analytics.checkout.orders');
      const card = await screen.findByLabelText('On-call for orders');
      const chip = await within(card).findByText('Breaching freshness, volume');
      expect(contrastOf(chip)).toBeGreaterThanOrEqual(4.5);
    });
  });

  it("shows that the product is breaching and what its port's break reaches", async () => {
    const asked = await findWithOrdersRadius('analytics.checkout.orders');
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      await within(card).findByText('Breaching freshness, volume'),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent(
      'Breaching freshness, volume; no events yet for returns',
    );
    expect(
      await within(card).findByText('3 products downstream of port orders', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
    // In the backend's order; the on-call falls back to the owning team's.
    expect(
      within(card)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Revenue · finance-data · tier 1 · #revenue-oncall (opsgenie R9)',
      'Churn · checkout-data · tier 2 · #checkout-data-oncall (pagerduty, team)',
      'Board deck · finance-data · no tier · No on-call declared',
    ]);
    expect(within(card).getByRole('link', { name: 'Churn' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/churn',
    );
    const [, churnOwner] = within(
      within(card).getAllByRole('listitem')[1],
    ).getAllByRole('link');
    expect(churnOwner).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-data',
    );
    expect(card).not.toHaveTextContent('more');
  });

  it('names each SLO breached, with its port and its figure against the limit', async () => {
    const asked: string[] = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      dataProductsApi: {
        statuses: async () => ({
          byRef: new Map([
            [
              'dataproduct:default/orders',
              {
                slo: {
                  status: 'breaching',
                  breaching: ['quality'],
                  unobserved: [],
                  unjudged: [],
                },
              },
            ],
          ]),
          sloAvailable: true,
          scorecardsAvailable: true,
        }),
        slo: async entityRef => {
          asked.push(entityRef);
          return {
            entityRef,
            measuredAt: '2026-12-07T03:00:00.000Z',
            windowMs: 28 * 86_400_000,
            outputPorts: [
              {
                name: 'orders',
                dataset: ordersTable,
                observed: true,
                quality: {
                  status: 'breached',
                  rules: [
                    {
                      column: 'customer_id',
                      metric: 'nullRate',
                      max: 0.03,
                      value: 0.05,
                      status: 'breached',
                    },
                  ],
                  failedAssertions: [],
                },
              },
            ],
          };
        },
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    const breaches = await within(card).findByRole('list', {
      name: 'SLOs breached',
    });
    expect(
      within(breaches)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'orders quality: customer_id nullRate 0.05 (must be at most 0.03)',
    ]);
    expect(within(card).getByText('Breaching quality')).toBeInTheDocument();
    // Only the breaching product's SLOs are read.
    expect(asked).toEqual(['dataproduct:default/orders']);
  });

  it("asks for the whole product's radius when the product itself matches", async () => {
    const asked: Array<[string, string | undefined]> = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=revenue',
      dataProductsApi: {
        statuses,
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return { product: entityRef, impacted: [] };
        },
      },
    });
    const card = await screen.findByLabelText('On-call for revenue');
    expect(
      await within(card).findByText(
        'SLOs met; no events yet for refunds; not judged: volume of revenue',
      ),
    ).toBeInTheDocument();
    expect(
      await within(card).findByText('No products downstream'),
    ).toBeInTheDocument();
    expect(asked).toEqual([['dataproduct:default/revenue', undefined]]);
  });

  it.each([
    ['a column of its contract', 'customer_email'],
    [
      'a node id pasted whole',
      `dataset:${ordersTable.namespace}:${ordersTable.name}`,
    ],
    [
      "the Lineage page's address",
      `https://meshwork.example.com/lineage?node=${encodeURIComponent(
        `dataset:${ordersTable.namespace}:${ordersTable.name}`,
      )}&up=2`,
    ],
  ])('asks for the radius of the port %s names', async (_what, term) => {
    const asked = await findWithOrdersRadius(term);
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      await within(card).findByText('3 products downstream of port orders', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(asked).toEqual([['dataproduct:default/orders', 'orders']]);
  });

  it("asks for the whole product's radius when the name is found in two of its ports", async () => {
    const asked: Array<[string, string | undefined]> = [];
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=order_id',
      entities: testMesh.map(entity =>
        entity === ordersProduct
          ? {
              ...ordersProduct,
              spec: {
                ...ordersProduct.spec,
                outputPorts: [
                  ...ordersProduct.spec.outputPorts,
                  tablePort('order-lines', 'analytics.checkout.order_lines', [
                    'order_id',
                  ]),
                ],
              },
            }
          : entity,
      ),
      dataProductsApi: {
        statuses,
        impact: async (entityRef, port) => {
          asked.push([entityRef, port]);
          return { product: entityRef, port, impacted: [] };
        },
      },
    });
    const card = await screen.findByRole('region', {
      name: 'On-call for orders',
    });
    expect(card).toHaveTextContent('column: orders.order_id (port orders)');
    expect(card).toHaveTextContent(
      'column: order_lines.order_id (port order-lines)',
    );
    expect(
      await within(card).findByText('No products downstream'),
    ).toBeInTheDocument();
    expect(asked).toEqual([['dataproduct:default/orders', undefined]]);
  });

  it('lists the five most critical products and the rest on request', async () => {
    const many: ImpactedProduct[] = Array.from({ length: 7 }, (_, i) => ({
      entityRef: `dataproduct:default/report-${i + 1}`,
      title: `Report ${i + 1}`,
      owner: 'group:finance-data',
      tier: 3,
      depth: i + 1,
      via: 'dataproduct:default/orders',
      datasets: [ordersTable],
    }));
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      dataProductsApi: {
        statuses,
        impact: async () => ({ ...ordersImpact, impacted: many }),
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    const more = await within(card).findByRole('button', {
      name: 'Show 2 more',
    });
    expect(card).toHaveTextContent('7 products downstream of port orders');
    const reports = () =>
      within(card)
        .getAllByRole('listitem')
        .map(item => within(item).getAllByRole('link')[0].textContent);
    expect(reports()).toEqual([
      'Report 1',
      'Report 2',
      'Report 3',
      'Report 4',
      'Report 5',
    ]);
    await userEvent.click(more);
    await waitFor(() => expect(reports()).toHaveLength(7));
    expect(reports().slice(5)).toEqual(['Report 6', 'Report 7']);
  });

  it('says when a product is not measured yet', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=checkout.carts',
      dataProductsApi: { statuses },
    });
    const card = await screen.findByLabelText('On-call for carts');
    expect(
      await within(card).findByText(
        'Not measured yet; no events yet for carts',
      ),
    ).toBeInTheDocument();
  });

  it('says when the lineage backend has no SLO status to give', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      dataProductsApi: {
        statuses: async () => ({ ...(await statuses()), sloAvailable: false }),
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      await within(card).findByText('SLO status unavailable'),
    ).toBeInTheDocument();
    expect(card).not.toHaveTextContent('Breaching');
  });

  it('says so when the statuses cannot be loaded at all', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=analytics.checkout.orders',
      dataProductsApi: {
        statuses: () => Promise.reject(new Error('502 bad gateway')),
      },
    });
    const card = await screen.findByLabelText('On-call for orders');
    expect(
      await within(card).findByText('SLO status unavailable'),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent('#orders-oncall (pagerduty P123)');
  });

  it('reads the statuses again every minute while answers are shown', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      let breaching = true;
      let calls = 0;
      const { released, release } = releasable();
      await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=analytics.checkout.orders',
        dataProductsApi: {
          statuses: async () => {
            calls += 1;
            if (calls > 1) await released;
            const read = await statuses();
            return breaching
              ? read
              : {
                  ...read,
                  byRef: new Map([
                    [
                      'dataproduct:default/orders',
                      {
                        slo: {
                          status: 'ok',
                          breaching: [],
                          unobserved: [],
                          unjudged: [],
                        },
                      },
                    ],
                  ]),
                };
          },
        },
      });
      const card = await screen.findByLabelText('On-call for orders');
      await within(card).findByText('Breaching freshness, volume');
      expect(calls).toBe(1);
      breaching = false;
      await act(async () => {
        jest.advanceTimersByTime(STATUS_REFRESH_MS);
      });
      expect(calls).toBe(2);
      // While it is read again, the last read stays shown.
      expect(
        within(card).getByText('Breaching freshness, volume'),
      ).toBeInTheDocument();
      expect(within(card).queryByText('Checking SLOs…')).toBeNull();
      await act(async () => release());
      expect(await within(card).findByText('SLOs met')).toBeInTheDocument();
      expect(within(card).queryByText(/Breaching/)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the last statuses read, said to be so, when a refresh fails', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      let calls = 0;
      await renderWithCatalog(<OnCallFinder />, {
        initialRoute: '/?q=analytics.checkout.orders',
        dataProductsApi: {
          statuses: async () => {
            calls += 1;
            if (calls > 1) throw new Error('502 bad gateway');
            return statuses();
          },
        },
      });
      const card = await screen.findByLabelText('On-call for orders');
      await within(card).findByText('Breaching freshness, volume');
      await act(async () => {
        jest.advanceTimersByTime(STATUS_REFRESH_MS);
      });
      await waitFor(() =>
        expect(card).toHaveTextContent(
          'Breaching freshness, volume; no events yet for returns (as last read: the latest refresh failed)',
        ),
      );
      expect(calls).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows a failed blast radius only on the card it belongs to', async () => {
    await renderWithCatalog(<OnCallFinder />, {
      initialRoute: '/?q=checkout',
      dataProductsApi: {
        statuses,
        impact: async (entityRef, port) => {
          if (entityRef === 'dataproduct:default/carts') {
            throw new Error('500 lineage graph unavailable');
          }
          return { product: entityRef, port, impacted: [] };
        },
      },
    });
    const carts = await screen.findByLabelText('On-call for carts');
    const orders = await screen.findByLabelText('On-call for orders');
    expect(
      await within(carts).findByText(/^Blast radius unavailable: /),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(orders).toHaveTextContent('No products downstream'),
    );
    expect(orders).not.toHaveTextContent('Blast radius unavailable');
    expect(carts).toHaveTextContent('Not measured yet');
  });
});
