import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useNavigate } from 'react-router-dom';
import {
  fakeLineageApi,
  NS,
  ORDERS_ID,
  ordersDetails,
  ORDERS_JOB_ID,
  ownersOf,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { LineagePage } from './LineagePage';

const REVENUE_ID = `dataset:${NS}:mart.revenue`;

/** The graph of a root: itself alone. */
const graph = async (root: string) => ({
  root,
  nodes: [
    {
      id: root,
      type: 'dataset' as const,
      namespace: NS,
      name: root.slice(`dataset:${NS}:`.length),
      depth: 0,
    },
  ],
  edges: [],
  truncated: false,
});

/** An Airflow job next to the root, a task of `parent` if given. */
const airflowJob = (name: string, parent?: string) => ({
  id: `job:airflow:${name}`,
  type: 'job' as const,
  namespace: 'airflow',
  name,
  depth: 1,
  ...(parent ? { parent } : {}),
});

/** The graph of `mart.orders` with `jobs` around it. */
const ordersGraph =
  (
    jobs: Array<ReturnType<typeof airflowJob>>,
    edges: Array<{ source: string; target: string }>,
  ) =>
  async (root: string) => ({
    root,
    nodes: [
      {
        id: ORDERS_ID,
        type: 'dataset' as const,
        namespace: NS,
        name: 'mart.orders',
        depth: 0,
      },
      ...jobs,
    ],
    edges,
    truncated: false,
  });

const lineageApi = (overrides = {}) =>
  fakeLineageApi({
    graph,
    datasetOwners: async () => [],
    dataset: async () => ordersDetails,
    columnLineage: async () => ({ nodes: [], edges: [] } as any),
    ...overrides,
  });

const box = () => screen.getByRole('textbox', { name: 'Dataset or job' });

/** Buttons that open revenue's lineage, as a link would, and go back. */
const Go = () => {
  const navigate = useNavigate();
  return (
    <>
      <button onClick={() => navigate(`/?node=${REVENUE_ID}`)}>Revenue</button>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
};

describe('LineagePage', () => {
  // The file's first test pays for the page's first render: over 4 s alone
  // on this two-core machine, and past 5 s in a clean-clone CI run.
  it('names the node shown in the search box, also after going back', async () => {
    await renderLineage(
      <>
        <Go />
        <LineagePage />
      </>,
      { lineageApi: lineageApi(), initialRoute: `/?node=${ORDERS_ID}` },
    );
    // By its name: the header gives its id.
    expect(box()).toHaveValue('mart.orders');
    await userEvent.click(screen.getByText('Revenue'));
    await waitFor(() => expect(box()).toHaveValue('mart.revenue'), {
      timeout: 5000,
    });
    await userEvent.click(screen.getByText('Back'));
    await waitFor(() => expect(box()).toHaveValue('mart.orders'), {
      timeout: 5000,
    });
    // Leaving the box keeps the node shown, not one shown before.
    await userEvent.click(box());
    await userEvent.click(screen.getByText('Revenue'));
    await waitFor(() => expect(box()).toHaveValue('mart.revenue'), {
      timeout: 5000,
    });
    await userEvent.click(box());
    await userEvent.tab();
    expect(box()).toHaveValue('mart.revenue');
  }, 20_000);

  it('opens a node id pasted whole on Enter, without searching for it', async () => {
    const searched: string[] = [];
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        search: async (q: string) => {
          searched.push(q);
          return [];
        },
      }),
    });
    await userEvent.click(box());
    await userEvent.paste(` ${REVENUE_ID}`);
    await waitFor(
      () =>
        expect(
          screen.getByRole('option', { name: /^mart\.revenue/ }),
        ).toBeInTheDocument(),
      { timeout: 5000 },
    );
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(box()).toHaveValue('mart.revenue'), {
      timeout: 5000,
    });
    expect(
      await screen.findByRole('heading', { name: 'Lineage' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText(REVENUE_ID).length).toBeGreaterThan(0);
    expect(searched).toEqual([]);
  }, 20_000);

  it('names the symlink a dataset was found by', async () => {
    const files = 'dataset:s3a://lake:orders';
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        search: async (q: string, type: string) =>
          q === 'mart.orders' && type === 'dataset'
            ? [
                {
                  id: files,
                  namespace: 's3a://lake',
                  name: 'orders',
                  symlink: { namespace: 'hive', name: 'mart.orders' },
                },
              ]
            : [],
      }),
    });
    await userEvent.click(box());
    await userEvent.paste('mart.orders');
    expect(
      await screen.findByRole('option', {}, { timeout: 5000 }),
    ).toHaveTextContent(
      'ordersDataset in s3a://lake, found as mart.orders in hive',
    );
  }, 20_000);

  it("lists one table's names as one result, naming its other names, and opens its primary", async () => {
    const files = {
      id: 'dataset:s3a://lake:warehouse/orders',
      namespace: 's3a://lake',
      name: 'warehouse/orders',
    };
    const hive = {
      id: 'dataset:hive://metastore:mart.orders',
      namespace: 'hive://metastore',
      name: 'mart.orders',
    };
    const asked: string[] = [];
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        search: async (q: string, type: string) =>
          q === 'mart.orders' && type === 'dataset'
            ? [
                { ...hive, primary: files, alsoKnownAs: [files] },
                {
                  ...files,
                  symlink: { namespace: hive.namespace, name: hive.name },
                  alsoKnownAs: [hive],
                },
              ]
            : [],
        dataset: async (id: string) => {
          asked.push(id);
          return { ...ordersDetails, ...files, alsoKnownAs: [hive] };
        },
      }),
    });
    await userEvent.click(box());
    await userEvent.paste('mart.orders');
    await screen.findAllByRole('option', {}, { timeout: 5000 });
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      'warehouse/ordersDataset in s3a://lake, also known as mart.orders in hive://metastore',
    ]);
    // The search answer names the table: nothing more is asked.
    expect(asked).toEqual([]);
    await userEvent.click(screen.getByRole('option'));
    expect(
      await screen.findByText(files.id, {}, { timeout: 5000 }),
    ).toBeInTheDocument();
  }, 20_000);

  it('names streaming jobs, services and streams among what a search finds', async () => {
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        search: async (q: string, type: string) => {
          if (q !== 'orders') return [];
          return type === 'dataset'
            ? [
                {
                  id: 'dataset:kafka://broker:9092:orders',
                  namespace: 'kafka://broker:9092',
                  name: 'orders',
                  marquezType: 'STREAM',
                },
                {
                  id: ORDERS_ID,
                  namespace: NS,
                  name: 'orders',
                  marquezType: 'DB_TABLE',
                },
              ]
            : [
                {
                  id: 'job:flink:orders',
                  namespace: 'flink',
                  name: 'orders',
                  marquezType: 'STREAM',
                },
                {
                  id: 'job:svc:orders',
                  namespace: 'svc',
                  name: 'orders',
                  marquezType: 'SERVICE',
                },
                {
                  id: 'job:airflow:orders',
                  namespace: 'airflow',
                  name: 'orders',
                  marquezType: 'BATCH',
                },
              ];
        },
      }),
    });
    await userEvent.click(box());
    await userEvent.paste('orders');
    await screen.findAllByRole('option', {}, { timeout: 5000 });
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      'ordersStream in kafka://broker:9092',
      `ordersDataset in ${NS}`,
      'ordersStreaming job in flink',
      'ordersService in svc',
      'ordersJob in airflow',
    ]);
  }, 20_000);

  it('lists what a search finds by name, with its kind and namespace, and opens the node picked', async () => {
    const bigQueryOrders = 'dataset:bigquery:mart.orders';
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        search: async (q: string, type: string) => {
          if (q !== 'mart.orders') return [];
          return type === 'dataset'
            ? [
                { id: ORDERS_ID, namespace: NS, name: 'mart.orders' },
                {
                  id: bigQueryOrders,
                  namespace: 'bigquery',
                  name: 'mart.orders',
                },
              ]
            : [
                {
                  id: 'job:airflow:mart.orders',
                  namespace: 'airflow',
                  name: 'mart.orders',
                },
              ];
        },
      }),
      initialRoute: `/?node=${ORDERS_ID}`,
    });
    // The name of the node shown, typed again, finds it in other namespaces.
    await userEvent.clear(box());
    await userEvent.paste('mart.orders');
    await screen.findAllByRole('option', {}, { timeout: 5000 });
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      `mart.ordersDataset in ${NS}`,
      'mart.ordersDataset in bigquery',
      'mart.ordersJob in airflow',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: /Dataset in bigquery/ }),
    );
    // The same node as its id names, in the header and the graph asked for.
    expect(
      await screen.findByText(bigQueryOrders, {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(box()).toHaveValue('mart.orders');
  }, 20_000);

  it('keeps the depths, view and edges in the address, for links and for going back', async () => {
    const asked: string[] = [];
    await renderLineage(
      <>
        <Go />
        <LineagePage />
      </>,
      {
        lineageApi: lineageApi({
          graph: async (root: string, query: any) => {
            asked.push(
              `${root} up ${query.upstreamDepth} down ${query.downstreamDepth} ${query.edges}`,
            );
            return graph(root);
          },
        }),
        // A link to a view: four hops up, none down, every edge.
        initialRoute: `/?node=${ORDERS_ID}&up=4&down=0&edges=all`,
      },
    );
    await waitFor(
      () => expect(asked).toEqual([`${ORDERS_ID} up 4 down 0 all`]),
      { timeout: 5000 },
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Downstream depth/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: '5' }));
    await waitFor(
      () => expect(asked).toContain(`${ORDERS_ID} up 4 down 5 all`),
      { timeout: 5000 },
    );
    // Another node opens as set by default; going back restores the view.
    await userEvent.click(screen.getByText('Revenue'));
    await waitFor(
      () => expect(asked).toContain(`${REVENUE_ID} up 2 down 2 current`),
      { timeout: 5000 },
    );
    await userEvent.click(screen.getByText('Back'));
    await waitFor(
      () =>
        expect(asked[asked.length - 1]).toBe(`${ORDERS_ID} up 4 down 5 all`),
      { timeout: 5000 },
    );
    expect(
      screen.getByRole('button', { name: /Downstream depth/ }),
    ).toHaveTextContent('5');
  }, 20_000);

  it('says a search failed, not that nothing matches', async () => {
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        // Only the whole term fails: a term typed so far may be searched too.
        search: async (q: string) => {
          if (q !== 'orders') return [];
          throw new Error('503 Service Unavailable');
        },
      }),
    });
    // Pasted, one change: typing each key re-renders the autocomplete, which
    // on a busy two-core machine outlasts the test's time.
    await userEvent.click(box());
    await userEvent.paste('orders');
    await waitFor(
      () =>
        expect(
          screen.getByText('Search failed: 503 Service Unavailable'),
        ).toBeInTheDocument(),
      { timeout: 5000 },
    );
  }, 20_000);

  it("shows why the product view is empty when the datasets' owners cannot be read", async () => {
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        datasetOwners: async () => {
          throw new Error('owners unavailable');
        },
        productGraph: async () => ({ edges: [], drift: [] }),
      }),
      initialRoute: `/?node=${ORDERS_ID}`,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Data products' }),
    );
    expect(
      (await screen.findAllByText(/owners unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByText(/No data product owns these datasets/),
    ).not.toBeInTheDocument();
  });

  it("labels the datasets with their products when the jobs' cannot be read", async () => {
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        graph: ordersGraph(
          [airflowJob('orders_etl')],
          [{ source: ORDERS_JOB_ID, target: ORDERS_ID }],
        ),
        datasetOwners: ownersOf,
        declaredJobProducts: async () => {
          throw new Error('declared jobs unavailable');
        },
      }),
      initialRoute: `/?node=${ORDERS_ID}`,
    });
    await screen.findByText('2 nodes, 1 edge');
    expect(
      await screen.findByLabelText(
        'Dataset mart.orders, Orders (data product)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/could not be read: declared jobs unavailable/),
    ).toBeInTheDocument();
  });

  it('labels the jobs a product names in its openlineage-jobs annotation with it, as the product tab does', async () => {
    const asked: string[][] = [];
    await renderLineage(<LineagePage />, {
      lineageApi: lineageApi({
        graph: ordersGraph(
          [
            airflowJob('orders_etl'),
            airflowJob('orders_export'),
            // A task of a DAG named by its product.
            airflowJob('nightly.push', 'job:airflow:nightly'),
            airflowJob('adhoc'),
          ],
          [
            { source: ORDERS_JOB_ID, target: ORDERS_ID },
            { source: ORDERS_ID, target: 'job:airflow:orders_export' },
            { source: ORDERS_ID, target: 'job:airflow:nightly.push' },
            { source: ORDERS_ID, target: 'job:airflow:adhoc' },
          ],
        ),
        datasetOwners: ownersOf,
        declaredJobProducts: async (ids: string[]) => {
          asked.push(ids);
          const revenue = {
            entityRef: 'dataproduct:default/revenue',
            title: 'Revenue',
          };
          return [
            {
              job: 'job:airflow:orders_export',
              product: {
                entityRef: 'dataproduct:default/orders',
                title: 'Orders',
              },
            },
            { job: 'job:airflow:nightly', product: revenue },
            // A port's product labels its writer, whoever else names it.
            { job: ORDERS_JOB_ID, product: revenue },
          ].filter(item => ids.includes(item.job));
        },
      }),
      initialRoute: `/?node=${ORDERS_ID}`,
    });
    await screen.findByText('5 nodes, 4 edges');
    expect(
      screen
        .getAllByTestId('lineage-node')
        .map(node => node.getAttribute('aria-label'))
        .sort(),
    ).toEqual([
      'Dataset mart.orders, Orders (data product)',
      'Job adhoc',
      'Job nightly.push, Revenue (data product)',
      'Job orders_etl, Orders (data product)',
      'Job orders_export, Orders (data product)',
    ]);
    expect(asked).toEqual([
      [
        ORDERS_JOB_ID,
        'job:airflow:orders_export',
        'job:airflow:nightly.push',
        'job:airflow:nightly',
        'job:airflow:adhoc',
      ],
    ]);
  });
});
