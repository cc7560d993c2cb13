import {
  OPENLINEAGE_JOBS_ANNOTATION,
  type DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import type {
  LineageGraph,
  LineageNode,
} from '@meshwork/plugin-lineage-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import type { GraphQuery, LineageApi, ProductGraph } from '../../api';
import {
  fakeLineageApi,
  NS,
  ORDERS_ID,
  ORDERS_JOB_ID,
  ordersDetails,
  ordersProduct,
  ownersOf,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { EntityLineageContent } from './EntityLineageContent';

const dataset = (name: string) => `dataset:${NS}:${name}`;
const job = (name: string) => `job:airflow:${name}`;
const ORDER_LINES_ID = dataset('mart.order_lines');

/**
 * The warehouse's lineage: carts staging feeds `orders_etl`, which writes
 * both orders ports; revenue is built from orders, and a report from revenue.
 */
const warehouseEdges = [
  { source: dataset('staging.carts'), target: ORDERS_JOB_ID },
  { source: ORDERS_JOB_ID, target: ORDERS_ID },
  { source: ORDERS_JOB_ID, target: ORDER_LINES_ID },
  { source: ORDERS_ID, target: job('revenue_etl') },
  { source: job('revenue_etl'), target: dataset('mart.revenue') },
  { source: dataset('mart.revenue'), target: job('report_etl') },
  { source: job('report_etl'), target: dataset('mart.finance_report') },
];
/** A read `orders_etl` dropped: shown only with every edge ever seen. */
const droppedEdge = {
  source: dataset('staging.legacy_carts'),
  target: ORDERS_JOB_ID,
};

const nodeOf = (id: string, depth: number): LineageNode => {
  const [type, namespace, ...rest] = id.startsWith('job:')
    ? ['job', 'airflow', id.slice('job:airflow:'.length)]
    : ['dataset', NS, id.slice(`dataset:${NS}:`.length)];
  return {
    id,
    type: type as LineageNode['type'],
    namespace,
    name: rest.join(':'),
    depth,
  };
};

/** `GET /graph`: the nodes within the depths of the root, as the backend walks. */
function warehouseGraph(root: string, query: GraphQuery): LineageGraph {
  const edges =
    query.edges === 'all' ? [...warehouseEdges, droppedEdge] : warehouseEdges;
  const depths = new Map([[root, 0]]);
  const walk = (forward: boolean, maxDepth: number) => {
    let frontier = [root];
    for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
      const next: string[] = [];
      for (const edge of edges) {
        const [from, to] = forward
          ? [edge.source, edge.target]
          : [edge.target, edge.source];
        if (frontier.includes(from) && !depths.has(to)) {
          depths.set(to, depth);
          next.push(to);
        }
      }
      frontier = next;
    }
  };
  walk(true, query.downstreamDepth);
  walk(false, query.upstreamDepth);
  return {
    root,
    nodes: [...depths].map(([id, depth]) => nodeOf(id, depth)),
    edges: edges.filter(e => depths.has(e.source) && depths.has(e.target)),
    truncated: false,
  };
}

/** `GET /products/graph`. */
const productGraph: ProductGraph = {
  edges: [
    {
      source: 'dataproduct:default/carts',
      target: 'dataproduct:default/orders',
      datasets: [{ namespace: NS, name: 'mart.carts' }],
      observed: true,
      declared: true,
    },
    {
      source: 'dataproduct:default/orders',
      target: 'dataproduct:default/revenue',
      datasets: [{ namespace: NS, name: 'mart.orders' }],
      observed: true,
      declared: true,
    },
    {
      source: 'dataproduct:default/revenue',
      target: 'dataproduct:default/finance-report',
      datasets: [{ namespace: NS, name: 'mart.revenue' }],
      observed: false,
      declared: true,
    },
    {
      source: 'dataproduct:default/customers',
      target: 'dataproduct:default/crm',
      datasets: [{ namespace: NS, name: 'mart.customers' }],
      observed: true,
      declared: true,
    },
  ],
  drift: [],
};

function renderContent(
  overrides: Partial<LineageApi> = {},
  entity: DataProductEntityV1alpha1 = ordersProduct,
) {
  const graphCalls: Array<[string, GraphQuery]> = [];
  const lineageApi = fakeLineageApi({
    graph: async (root, query) => {
      graphCalls.push([root, query]);
      return warehouseGraph(root, query);
    },
    datasetOwners: ownersOf,
    productGraph: async () => productGraph,
    dataset: async () => ordersDetails,
    ...overrides,
  });
  const rendered = renderLineage(<EntityLineageContent />, {
    entity,
    lineageApi,
  });
  return { rendered, graphCalls };
}

const graphFigure = () =>
  screen.findByRole('figure', { name: 'Lineage graph' });

/** Each drawn node by its name: its kind and label, then its product's title. */
const drawnNodes = () =>
  screen
    .getAllByTestId('lineage-node')
    .map(node => node.getAttribute('aria-label'))
    .sort();

describe('EntityLineageContent', () => {
  it('draws the datasets and jobs around the output ports with their products', async () => {
    const { graphCalls } = renderContent();
    const figure = await graphFigure();
    await waitFor(() =>
      expect(screen.getByText('6 nodes, 5 edges')).toBeInTheDocument(),
    );
    expect(graphCalls).toEqual([
      [
        ORDERS_ID,
        {
          upstreamDepth: 2,
          downstreamDepth: 2,
          maxNodes: 500,
          edges: 'current',
        },
      ],
      [
        ORDER_LINES_ID,
        {
          upstreamDepth: 2,
          downstreamDepth: 2,
          maxNodes: 500,
          edges: 'current',
        },
      ],
    ]);
    expect(figure).toHaveAttribute('data-node-count', '6');
    expect(drawnNodes()).toEqual([
      'Dataset mart.order_lines',
      'Dataset mart.orders, Orders (data product)',
      'Dataset mart.revenue, Revenue (data product)',
      'Dataset staging.carts',
      'Job orders_etl, Orders (data product)',
      'Job revenue_etl, Revenue (data product)',
    ]);

    const orders = screen.getByLabelText(
      'Dataset mart.orders, Orders (data product)',
    );
    expect(orders).toHaveAttribute('data-kind', 'dataset');
    expect(within(orders).getByText('Dataset')).toBeInTheDocument();
    expect(within(orders).getByText('mart.orders')).toBeInTheDocument();
    expect(within(orders).getByText('▣ Orders')).toBeInTheDocument();

    // A job is labelled with the product whose dataset it writes.
    const ordersEtl = screen.getByLabelText(
      'Job orders_etl, Orders (data product)',
    );
    expect(ordersEtl).toHaveAttribute('data-kind', 'job');
    expect(within(ordersEtl).getByText('Job')).toBeInTheDocument();
    expect(within(ordersEtl).getByText('▣ Orders')).toBeInTheDocument();
    expect(
      within(
        screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
      ).getByText('▣ Revenue'),
    ).toBeInTheDocument();
    // Not any product's port: its namespace instead.
    expect(
      within(screen.getByLabelText('Dataset staging.carts')).getByText(NS),
    ).toBeInTheDocument();
  });

  it('asks again with the new depth and redraws', async () => {
    const user = userEvent.setup();
    const { graphCalls } = renderContent();
    await graphFigure();
    await screen.findByText('6 nodes, 5 edges');
    expect(
      screen.queryByLabelText(
        'Dataset mart.finance_report, Finance report (data product)',
      ),
    ).toBeNull();

    await user.click(screen.getByRole('button', { name: /Downstream depth/ }));
    await user.click(screen.getByRole('option', { name: '4' }));

    expect(await screen.findByText('8 nodes, 7 edges')).toBeInTheDocument();
    expect(graphCalls.slice(2)).toEqual([
      [
        ORDERS_ID,
        {
          upstreamDepth: 2,
          downstreamDepth: 4,
          maxNodes: 500,
          edges: 'current',
        },
      ],
      [
        ORDER_LINES_ID,
        {
          upstreamDepth: 2,
          downstreamDepth: 4,
          maxNodes: 500,
          edges: 'current',
        },
      ],
    ]);
    expect(drawnNodes()).toContain(
      'Dataset mart.finance_report, Finance report (data product)',
    );
    expect(drawnNodes()).toContain(
      'Job report_etl, Finance report (data product)',
    );
    expect(
      within(
        screen.getByLabelText(
          'Dataset mart.finance_report, Finance report (data product)',
        ),
      ).getByText('▣ Finance report'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Upstream depth/ }));
    await user.click(screen.getByRole('option', { name: '0' }));
    expect(await screen.findByText('6 nodes, 4 edges')).toBeInTheDocument();
    expect(graphCalls.slice(4).map(([, query]) => query.upstreamDepth)).toEqual(
      [0, 0],
    );
    expect(screen.queryByLabelText('Dataset staging.carts')).toBeNull();
    expect(
      screen.queryByLabelText('Job orders_etl, Orders (data product)'),
    ).toBeNull();
  });

  it('shows the edges jobs are no longer seen on when asked', async () => {
    const user = userEvent.setup();
    const { graphCalls } = renderContent();
    await screen.findByText('6 nodes, 5 edges');
    expect(screen.queryByLabelText('Dataset staging.legacy_carts')).toBeNull();

    await user.click(
      screen.getByRole('checkbox', { name: 'Show edges no longer seen' }),
    );

    expect(await screen.findByText('7 nodes, 6 edges')).toBeInTheDocument();
    expect(graphCalls.slice(2).map(([, query]) => query.edges)).toEqual([
      'all',
      'all',
    ]);
    expect(drawnNodes()).toContain('Dataset staging.legacy_carts');

    await user.click(
      screen.getByRole('checkbox', { name: 'Show edges no longer seen' }),
    );
    expect(await screen.findByText('6 nodes, 5 edges')).toBeInTheDocument();
  });

  it('drops an expansion answered after the switch moved', async () => {
    const user = userEvent.setup();
    let answer: (graph: LineageGraph) => void = () => {};
    renderContent({
      runs: async () => [],
      graph: async (root, query) =>
        query.maxNodes === 200
          ? new Promise(resolve => {
              answer = resolve;
            })
          : warehouseGraph(root, query),
    });
    await screen.findByText('6 nodes, 5 edges');

    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    await user.click(
      screen.getByRole('checkbox', { name: 'Show edges no longer seen' }),
    );
    await screen.findByText('7 nodes, 6 edges');
    await act(async () =>
      answer({
        root: job('revenue_etl'),
        nodes: [
          nodeOf(job('revenue_etl'), 0),
          nodeOf(dataset('scratch.extra'), 1),
        ],
        edges: [
          { source: job('revenue_etl'), target: dataset('scratch.extra') },
        ],
        truncated: false,
      }),
    );

    // Merged, it would be drawn as an eighth node.
    await expect(
      screen.findByText('8 nodes, 7 edges', {}, { timeout: 500 }),
    ).rejects.toThrow();
    expect(screen.getByText('7 nodes, 6 edges')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Expand neighbours' }),
    ).toBeInTheDocument();
  });

  it('opens a node from the keyboard as a click does', async () => {
    const user = userEvent.setup();
    renderContent({ runs: async () => [] });
    await screen.findByText('6 nodes, 5 edges');
    const node = screen.getByLabelText(
      'Job revenue_etl, Revenue (data product)',
    );
    expect(node).toHaveAttribute('role', 'button');
    node.focus();
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('region', { name: 'Details of revenue_etl' }),
    ).toBeInTheDocument();
  });

  it("takes focus into a node's panel opened from the keyboard, and back to the node when it closes", async () => {
    const user = userEvent.setup();
    renderContent({ runs: async () => [] });
    await screen.findByText('6 nodes, 5 edges');
    const node = screen.getByLabelText(
      'Job revenue_etl, Revenue (data product)',
    );
    node.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', {
      name: 'Details of revenue_etl',
    });
    // Read out at once, not after a Tab stop for every other node.
    expect(
      within(panel).getByRole('heading', { name: 'revenue_etl' }),
    ).toHaveFocus();
    await user.tab();
    expect(within(panel).getByRole('button', { name: 'Close' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: /^Details of/ })).toBeNull();
    expect(node).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('region', { name: /^Details of/ })).toBeNull();
    expect(node).toHaveFocus();
  });

  it('leaves focus where it was when a click opens a node', async () => {
    renderContent({ runs: async () => [] });
    await screen.findByText('6 nodes, 5 edges');
    const search = document.body;
    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    await screen.findByRole('region', { name: 'Details of revenue_etl' });
    expect(search).toHaveFocus();
  });

  it('says why a clicked node expanded nothing when its neighbours cannot be read', async () => {
    renderContent({
      graph: async (root, query) => {
        if (root === job('revenue_etl')) {
          throw new Error('Lineage is down');
        }
        return warehouseGraph(root, query);
      },
    });
    await screen.findByText('6 nodes, 5 edges');
    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    expect(
      await screen.findByText(
        `Could not expand the neighbours of ${job(
          'revenue_etl',
        )}: Lineage is down`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('6 nodes, 5 edges')).toBeInTheDocument();
  });

  it('switches to the data products around this one', async () => {
    const user = userEvent.setup();
    const asked = jest.fn(async () => productGraph);
    renderContent({ productGraph: asked });
    await screen.findByText('6 nodes, 5 edges');
    expect(asked).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Data products' }));
    expect(await screen.findByText('4 nodes, 3 edges')).toBeInTheDocument();
    expect(asked).toHaveBeenCalledTimes(1);
    expect(drawnNodes()).toEqual([
      'Data product Orders',
      'Data product Revenue',
      'Data product carts',
      'Data product finance-report',
    ]);
    const orders = screen.getByLabelText('Data product Orders');
    expect(orders).toHaveAttribute('data-kind', 'product');
    expect(within(orders).getByText('Data product')).toBeInTheDocument();
    // Products unrelated to this one are left out.
    expect(screen.queryByLabelText(/Data product (crm|customers)/)).toBeNull();
  });

  it('shows a clicked node and expands its neighbours', async () => {
    const { graphCalls } = renderContent({ runs: async () => [] });
    await screen.findByText('6 nodes, 5 edges');

    // A plain click: d3-drag's mousedown handler needs a real window view.
    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    expect(
      await screen.findByRole('region', { name: 'Details of revenue_etl' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No runs yet.')).toBeInTheDocument();
    expect(graphCalls[2]).toEqual([
      job('revenue_etl'),
      { upstreamDepth: 1, downstreamDepth: 1, maxNodes: 200, edges: 'current' },
    ]);
    // Its neighbours were already there: nothing new to draw.
    expect(screen.getByText('6 nodes, 5 edges')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Collapse neighbours' }),
    ).toBeInTheDocument();
  });

  it('groups the tasks of a parent job into one node, and expands them again', async () => {
    const user = userEvent.setup();
    const dag = job('nightly_dag');
    const runs = jest.fn(async () => []);
    const graphCalls: string[] = [];
    renderContent({
      runs,
      // orders_etl and revenue_etl are tasks of the nightly DAG.
      graph: async (root, query) => {
        graphCalls.push(root);
        const graph = warehouseGraph(root, query);
        return {
          ...graph,
          nodes: graph.nodes.map(n =>
            n.id === ORDERS_JOB_ID || n.id === job('revenue_etl')
              ? { ...n, parent: dag }
              : n,
          ),
        };
      },
    });
    await graphFigure();
    // Offered as the graph has tasks of a parent job; off at first.
    const toggle = await screen.findByRole('checkbox', {
      name: 'Group tasks by parent job',
    });
    expect(toggle).not.toBeChecked();
    expect(await screen.findByText('6 nodes, 5 edges')).toBeInTheDocument();
    expect(drawnNodes()).toContain('Job orders_etl, Orders (data product)');

    await user.click(toggle);
    expect(toggle).toBeChecked();
    expect(await screen.findByText('5 nodes, 5 edges')).toBeInTheDocument();
    expect(drawnNodes()).toEqual([
      'Dataset mart.order_lines',
      'Dataset mart.orders, Orders (data product)',
      'Dataset mart.revenue, Revenue (data product)',
      'Dataset staging.carts',
      'Job nightly_dag, 2 tasks',
    ]);
    const dagNode = screen.getByLabelText('Job nightly_dag, 2 tasks');
    expect(dagNode).toHaveAttribute('data-kind', 'job');
    expect(within(dagNode).getByText('2 tasks')).toBeInTheDocument();

    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(await screen.findByText('6 nodes, 5 edges')).toBeInTheDocument();
    expect(drawnNodes()).toContain('Job orders_etl, Orders (data product)');
    expect(drawnNodes()).toContain('Job revenue_etl, Revenue (data product)');
    expect(
      drawnNodes().filter(name => name?.startsWith('Job nightly_dag')),
    ).toEqual([]);

    await user.click(toggle);
    expect(await screen.findByText('5 nodes, 5 edges')).toBeInTheDocument();
    // Clicking the parent shows it, without asking for its neighbours.
    fireEvent.click(screen.getByLabelText('Job nightly_dag, 2 tasks'));
    const details = await screen.findByRole('region', {
      name: 'Details of nightly_dag',
    });
    expect(within(details).getByText(/2 tasks collapsed/)).toBeInTheDocument();
    expect(graphCalls).toEqual([ORDERS_ID, ORDER_LINES_ID]);
    expect(runs).toHaveBeenCalledWith(dag, 1);
    await user.click(
      within(details).getByRole('button', { name: 'Expand tasks' }),
    );
    expect(await screen.findByText('6 nodes, 5 edges')).toBeInTheDocument();
    expect(drawnNodes()).toContain('Job orders_etl, Orders (data product)');
    expect(
      drawnNodes().filter(name => name?.startsWith('Job nightly_dag')),
    ).toEqual([]);
    expect(toggle).toBeChecked();

    // A task of the expanded parent collapses it again.
    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Collapse into parent job' }),
    );
    expect(await screen.findByText('5 nodes, 5 edges')).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Details of nightly_dag' }),
    ).toBeInTheDocument();
  });

  it('keeps tasks apart when a node clicked is their parent job', async () => {
    renderContent({
      runs: async () => [],
      // As the backend answers for a job with child jobs: they start its walk.
      graph: async (root, query) => {
        const graph = warehouseGraph(root, query);
        if (root !== job('revenue_etl')) return graph;
        const step = { ...nodeOf(job('revenue_step'), 0), parent: root };
        return { ...graph, nodes: [...graph.nodes, step] };
      },
    });
    await screen.findByText('6 nodes, 5 edges');

    fireEvent.click(
      screen.getByLabelText('Job revenue_etl, Revenue (data product)'),
    );
    expect(await screen.findByText('7 nodes, 5 edges')).toBeInTheDocument();
    expect(drawnNodes()).toContain('Job revenue_step');
    expect(
      screen.getByRole('checkbox', { name: 'Group tasks by parent job' }),
    ).not.toBeChecked();
  });

  it('offers no grouping when no job has a parent', async () => {
    renderContent();
    await screen.findByText('6 nodes, 5 edges');
    expect(
      screen.queryByRole('checkbox', { name: 'Group tasks by parent job' }),
    ).toBeNull();
  });

  it('draws the ports seen and names those no event has mentioned yet', async () => {
    const notFound = () =>
      Object.assign(new Error('No lineage'), { response: { status: 404 } });
    renderContent({
      graph: async (root, query) => {
        if (root === ORDER_LINES_ID) throw notFound();
        return warehouseGraph(root, query);
      },
    });
    await graphFigure();
    expect(await screen.findByText(/No lineage yet for/)).toHaveTextContent(
      `No lineage yet for ${ORDER_LINES_ID}: no OpenLineage event has named it.`,
    );
    expect(drawnNodes()).toContain(
      'Dataset mart.orders, Orders (data product)',
    );
    expect(screen.queryByText('No lineage')).not.toBeInTheDocument();
  });

  it('names what lineage has under another spelling of a port no event has mentioned', async () => {
    const searches: string[] = [];
    renderContent({
      graph: async (root, query) => {
        if (root === ORDER_LINES_ID) {
          throw Object.assign(new Error('No lineage'), {
            response: { status: 404 },
          });
        }
        return warehouseGraph(root, query);
      },
      search: async (q, type) => {
        searches.push(`${type} ${q}`);
        return [
          {
            id: `dataset:${NS}:MART.ORDER_LINES`,
            namespace: NS,
            name: 'MART.ORDER_LINES',
          },
          {
            id: `dataset:${NS}:mart.order_lines_v2`,
            namespace: NS,
            name: 'mart.order_lines_v2',
          },
        ];
      },
    });
    expect(await screen.findByText(/spelled otherwise than/)).toHaveTextContent(
      `Lineage has dataset:${NS}:MART.ORDER_LINES, spelled otherwise than ${ORDER_LINES_ID}: name it as its producer reports it.`,
    );
    expect(searches).toEqual(['dataset mart.order_lines']);
    expect(screen.getAllByText(/spelled otherwise than/)).toHaveLength(1);
  });

  it('says no port has lineage yet, not that it failed, for a new product', async () => {
    renderContent({
      graph: async () => {
        throw Object.assign(new Error('No lineage'), {
          response: { status: 404 },
        });
      },
    });
    expect(await screen.findByText(/No lineage yet for/)).toHaveTextContent(
      'no OpenLineage event has named them',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('marks the graph as updating while a new depth loads', async () => {
    const user = userEvent.setup();
    const { released, release } = releasable();
    renderContent({
      graph: async (root, query) => {
        if (query.downstreamDepth === 4) await released;
        return warehouseGraph(root, query);
      },
    });
    await screen.findByText('6 nodes, 5 edges');
    expect(screen.queryByLabelText('Updating the graph')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Downstream depth/ }));
    await user.click(screen.getByRole('option', { name: '4' }));
    expect(
      await screen.findByLabelText('Updating the graph'),
    ).toBeInTheDocument();
    act(() => release());
    expect(await screen.findByText('8 nodes, 7 edges')).toBeInTheDocument();
    expect(screen.queryByLabelText('Updating the graph')).toBeNull();
  });

  it('shows the error when the graph cannot be loaded', async () => {
    renderContent({
      graph: async () => {
        throw new Error('Lineage graph query failed: 502 Bad Gateway');
      },
    });
    expect(
      (await screen.findAllByText(/502 Bad Gateway/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it("draws the graph without products when the datasets' products cannot be read", async () => {
    renderContent({
      datasetOwners: async () => {
        throw new Error('catalog unavailable');
      },
    });
    await graphFigure();
    await waitFor(() =>
      expect(screen.getByText('6 nodes, 5 edges')).toBeInTheDocument(),
    );
    expect(
      within(
        // Without its product, not named by one.
        screen.getByLabelText('Dataset mart.orders'),
      ).getByText(NS),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Drawn without the data products of some of its datasets or jobs, which could not be read: catalog unavailable',
      ),
    ).toBeInTheDocument();
  });

  it("starts afresh on another product's page, keeping nothing of the last one's", async () => {
    const user = userEvent.setup();
    const revenueProduct = {
      ...ordersProduct,
      metadata: { name: 'revenue', namespace: 'default', title: 'Revenue' },
      spec: {
        ...ordersProduct.spec,
        outputPorts: [
          {
            name: 'revenue',
            type: 'table',
            dataset: { namespace: NS, name: 'mart.revenue' },
          },
        ],
      },
    };
    const lineageApi = fakeLineageApi({
      // A clicked node's neighbours: one not otherwise drawn.
      graph: async (root, query) => {
        if (query.maxNodes !== 200) return warehouseGraph(root, query);
        const extra = dataset(`scratch.next_to_${root.split(':').pop()}`);
        return {
          root,
          nodes: [nodeOf(root, 0), nodeOf(extra, 1)],
          edges: [{ source: root, target: extra }],
          truncated: false,
        };
      },
      datasetOwners: ownersOf,
      productGraph: async () => productGraph,
      dataset: async () => ordersDetails,
      runs: async () => [],
    });
    renderLineage(
      <EntityPageSwitching first={ordersProduct} next={revenueProduct}>
        <EntityLineageContent />
      </EntityPageSwitching>,
      { lineageApi },
    );
    await screen.findByText('6 nodes, 5 edges');
    fireEvent.click(
      screen.getByLabelText('Dataset mart.orders, Orders (data product)'),
    );
    expect(await screen.findByText('7 nodes, 6 edges')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Details of mart.orders' }),
    ).toBeInTheDocument();
    // The column picker on the second port.
    await user.click(screen.getByRole('button', { name: 'Dataset' }));
    await user.click(screen.getByRole('option', { name: /order_lines/ }));

    await user.click(screen.getByRole('button', { name: 'Open next' }));

    // Revenue's own graph: orders' expansion and selection are gone.
    expect(await screen.findByText('5 nodes, 4 edges')).toBeInTheDocument();
    expect(drawnNodes()).toEqual([
      'Dataset mart.finance_report, Finance report (data product)',
      'Dataset mart.orders, Orders (data product)',
      'Dataset mart.revenue, Revenue (data product)',
      'Job report_etl, Finance report (data product)',
      'Job revenue_etl, Revenue (data product)',
    ]);
    expect(
      screen.queryByRole('region', { name: /Details of/ }),
    ).not.toBeInTheDocument();
    // Its one port's columns, not those of a second port it does not have.
    expect(screen.queryByRole('button', { name: 'Dataset' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Column' }));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(['order_id', 'customer_id', 'amount']);
  });

  it('says a product without output ports or declared jobs has no lineage', async () => {
    const graph = jest.fn();
    await renderLineage(<EntityLineageContent />, {
      entity: withoutPorts(ordersProduct),
      lineageApi: fakeLineageApi({ graph }),
    });
    expect(
      screen.getByText(
        `This product declares no output ports and names no jobs in its ${OPENLINEAGE_JOBS_ANNOTATION} annotation, so it has no lineage.`,
      ),
    ).toBeInTheDocument();
    expect(graph).not.toHaveBeenCalled();
  });

  describe('with jobs declared in its annotation', () => {
    const EXPORT_JOB_ID = job('orders_export');
    /** What the export job does: it copies orders out of the mesh. */
    const exportGraph: LineageGraph = {
      root: EXPORT_JOB_ID,
      nodes: [
        nodeOf(EXPORT_JOB_ID, 0),
        nodeOf(ORDERS_ID, 1),
        nodeOf(dataset('export.orders_csv'), 1),
      ],
      edges: [
        { source: ORDERS_ID, target: EXPORT_JOB_ID },
        { source: EXPORT_JOB_ID, target: dataset('export.orders_csv') },
      ],
      truncated: false,
    };
    const notFound = () =>
      Object.assign(new Error('No lineage'), { response: { status: 404 } });
    const declaring = (product: DataProductEntityV1alpha1) => ({
      ...product,
      metadata: {
        ...product.metadata,
        annotations: {
          // An entry that names no job is left out (the catalog reports it).
          [OPENLINEAGE_JOBS_ANNOTATION]: 'airflow:orders_export\njob:broken',
        },
      },
    });

    it('draws what the jobs read and write with the ports', async () => {
      const roots: string[] = [];
      renderContent(
        {
          graph: async (root, query) => {
            roots.push(root);
            return root === EXPORT_JOB_ID
              ? exportGraph
              : warehouseGraph(root, query);
          },
        },
        declaring(ordersProduct),
      );
      expect(await screen.findByText('8 nodes, 7 edges')).toBeInTheDocument();
      expect(roots).toEqual([ORDERS_ID, ORDER_LINES_ID, EXPORT_JOB_ID]);
      // Labelled with the product naming it, though it writes no port.
      expect(drawnNodes()).toContain(
        'Job orders_export, Orders (data product)',
      );
      expect(drawnNodes()).toContain('Dataset export.orders_csv');
      expect(screen.getByText('Column lineage')).toBeInTheDocument();
    });

    it('names a declared job that has not run yet, drawing the ports', async () => {
      renderContent(
        {
          graph: async (root, query) => {
            if (root === EXPORT_JOB_ID) throw notFound();
            return warehouseGraph(root, query);
          },
        },
        declaring(ordersProduct),
      );
      expect(await screen.findByText(/No lineage yet for/)).toHaveTextContent(
        `No lineage yet for ${EXPORT_JOB_ID}: no OpenLineage event has named it.`,
      );
      expect(screen.getByText('6 nodes, 5 edges')).toBeInTheDocument();
    });

    it("draws a product's jobs when it has no output ports", async () => {
      const graph = jest.fn(async (_root: string) => exportGraph);
      renderContent({ graph }, declaring(withoutPorts(ordersProduct)));
      expect(await screen.findByText('3 nodes, 2 edges')).toBeInTheDocument();
      expect(graph.mock.calls.map(([root]) => root)).toEqual([EXPORT_JOB_ID]);
      expect(drawnNodes()).toEqual([
        'Dataset export.orders_csv',
        'Dataset mart.orders, Orders (data product)',
        'Job orders_export, Orders (data product)',
      ]);
      expect(screen.queryByText(/declares no output ports/)).toBeNull();
      // Columns are a dataset's: with no port there is none to pick.
      expect(screen.queryByText('Column lineage')).toBeNull();
    });

    it('says a declared job has no lineage yet, neither failing nor loading, when it is all the product has', async () => {
      renderContent(
        {
          graph: async () => {
            throw notFound();
          },
        },
        declaring(withoutPorts(ordersProduct)),
      );
      expect(await screen.findByText(/No lineage yet for/)).toHaveTextContent(
        `No lineage yet for ${EXPORT_JOB_ID}: no OpenLineage event has named it.`,
      );
      expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
      expect(screen.queryByRole('figure')).not.toBeInTheDocument();
      expect(screen.queryByText('No lineage')).not.toBeInTheDocument();
    });
  });
});

function withoutPorts(
  product: DataProductEntityV1alpha1,
): DataProductEntityV1alpha1 {
  return { ...product, spec: { ...product.spec, outputPorts: [] } };
}
