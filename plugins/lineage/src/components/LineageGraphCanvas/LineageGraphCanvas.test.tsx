import { screen } from '@testing-library/react';
import type { ViewGraph } from '../../graph/types';
import {
  fakeLineageApi,
  NS,
  ORDERS_ID,
  ORDERS_JOB_ID,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { LineageGraphCanvas } from './LineageGraphCanvas';
import { inAppTheme } from '@meshwork/plugin-data-products-react/testUtils';

/** The orders port, where the lineage starts, and the job writing it. */
const graph: ViewGraph = {
  nodes: [
    {
      id: ORDERS_ID,
      kind: 'dataset',
      label: 'mart.orders',
      detail: NS,
      product: { entityRef: 'dataproduct:default/orders', title: 'Orders' },
      root: true,
    },
    {
      id: ORDERS_JOB_ID,
      kind: 'job',
      label: 'orders_etl',
      detail: 'airflow',
      root: false,
    },
  ],
  edges: [{ source: ORDERS_JOB_ID, target: ORDERS_ID }],
};

describe('LineageGraphCanvas', () => {
  it('tells assistive technology which node is selected, which is the start and whose it is', async () => {
    await renderLineage(
      <LineageGraphCanvas
        graph={graph}
        selectedId={ORDERS_JOB_ID}
        onNodeClick={() => {}}
      />,
      { lineageApi: fakeLineageApi() },
    );

    // React Flow hides a node until it is measured, which jsdom never
    // does: hidden, a node has no accessible name to query by.
    const job = screen.getByLabelText('Job orders_etl');
    // Named by all the card shows, its product too (▣ Orders).
    const orders = screen.getByLabelText(
      'Dataset mart.orders, Orders (data product)',
    );
    expect(
      screen.getAllByRole('button', { pressed: true, hidden: true }),
    ).toEqual([job]);
    expect(
      screen.getAllByRole('button', { pressed: false, hidden: true }),
    ).toEqual([orders]);
    expect(job).toHaveAccessibleDescription('Job airflow/orders_etl');
    expect(orders).toHaveAccessibleDescription(
      `Dataset ${NS}/mart.orders, starting point of the lineage, in data product Orders`,
    );
  });

  it('describes a product by its title and ref', async () => {
    await renderLineage(
      <LineageGraphCanvas
        graph={{
          nodes: [
            {
              id: 'dataproduct:retail/orders',
              kind: 'product',
              label: 'Orders',
              detail: 'dataproduct:retail/orders',
              root: true,
            },
          ],
          edges: [],
        }}
        onNodeClick={() => {}}
      />,
      { lineageApi: fakeLineageApi() },
    );

    const orders = screen.getByLabelText('Data product Orders');
    expect(orders).toHaveAttribute(
      'title',
      'Data product Orders (dataproduct:retail/orders)',
    );
    expect(orders).toHaveAccessibleDescription(
      'Data product Orders (dataproduct:retail/orders), starting point of the lineage',
    );
  });

  it('names a parent job by its tasks and product, as its card shows them', async () => {
    await renderLineage(
      <LineageGraphCanvas
        graph={{
          nodes: [
            {
              id: 'job:airflow:nightly_dag',
              kind: 'job',
              label: 'nightly_dag',
              detail: 'airflow',
              product: {
                entityRef: 'dataproduct:default/orders',
                title: 'Orders',
              },
              tasks: ['job:airflow:nightly_dag.a', 'job:airflow:nightly_dag.b'],
              root: true,
            },
          ],
          edges: [],
        }}
        onNodeClick={() => {}}
      />,
      { lineageApi: fakeLineageApi() },
    );
    const dag = screen.getByLabelText(
      'Job nightly_dag, 2 tasks, Orders (data product)',
    );
    expect(dag).toHaveTextContent('2 tasks · ▣ Orders');
  });

  describe.each(['light', 'dark'])('in the %s theme', mode => {
    inAppTheme(mode);

    it('draws its zoom controls and background as the app', async () => {
      await renderLineage(
        <LineageGraphCanvas graph={graph} onNodeClick={() => {}} />,
        { lineageApi: fakeLineageApi() },
      );
      const flow = screen
        .getByRole('figure', { name: 'Lineage graph' })
        .querySelector('.react-flow')!;
      expect(flow).toHaveClass(mode);
      expect(flow).not.toHaveClass(mode === 'dark' ? 'light' : 'dark');
      expect(
        screen.getByRole('button', { name: 'Zoom In', hidden: true }),
      ).toBeInTheDocument();
    });
  });
});
