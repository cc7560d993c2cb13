import { screen, within } from '@testing-library/react';
import { fakeLineageApi, renderLineage } from '../../__testUtils__/fixtures';
import { toViewGraph } from '../../graph/toViewGraph';
import { LineageGraphCanvas } from './LineageGraphCanvas';

const WEEKLY =
  '/warehouse/hunt_sales.db/sales_weekly_partitioned_by_iso_week_and_region_with_extra_long_directory_name/data';
const ORDERS = '/warehouse/hunt_sales.db/raw_orders';

describe('LineageNodeCard', () => {
  it('shows the end of a long name, and gives the whole name to the title and assistive technology', async () => {
    await renderLineage(
      <LineageGraphCanvas
        graph={{
          nodes: [WEEKLY, ORDERS].map(name => ({
            id: `dataset:file:${name}`,
            kind: 'dataset' as const,
            label: name,
            detail: 'file',
            root: false,
          })),
          edges: [],
        }}
        onNodeClick={() => {}}
      />,
      { lineageApi: fakeLineageApi() },
    );

    // React Flow hides a node until it is measured, which jsdom never does.
    const weekly = screen.getByLabelText(`Dataset ${WEEKLY}`);
    const orders = screen.getByLabelText(`Dataset ${ORDERS}`);
    // The part that tells them apart, not their common start.
    expect(
      within(weekly).getByText('…directory_name/data'),
    ).toBeInTheDocument();
    expect(
      within(orders).getByText('…sales.db/raw_orders'),
    ).toBeInTheDocument();
    expect(weekly).toHaveAttribute('title', `Dataset file/${WEEKLY}`);
    expect(weekly).toHaveAccessibleDescription(`Dataset file/${WEEKLY}`);
  });

  it("shows a product's title from its start", async () => {
    const title = 'Weekly sales by region and ISO week, partitioned';
    await renderLineage(
      <LineageGraphCanvas
        graph={{
          nodes: [
            {
              id: 'dataproduct:retail/weekly-sales',
              kind: 'product',
              label: title,
              detail: 'dataproduct:retail/weekly-sales',
              root: true,
            },
          ],
          edges: [],
        }}
        onNodeClick={() => {}}
      />,
      { lineageApi: fakeLineageApi() },
    );

    expect(
      within(screen.getByLabelText(`Data product ${title}`)).getByText(title),
    ).toBeInTheDocument();
  });

  it('names streaming jobs, services and streams by the type the graph gives', async () => {
    const node = (
      type: 'dataset' | 'job',
      namespace: string,
      marquezType?: 'BATCH' | 'STREAM' | 'SERVICE' | 'DB_TABLE',
    ) => ({
      id: `${type}:${namespace}:orders`,
      type,
      namespace,
      name: 'orders',
      depth: 1,
      ...(marquezType ? { marquezType } : {}),
    });
    const graph = toViewGraph(
      {
        root: 'job:flink:orders',
        nodes: [
          node('job', 'flink', 'STREAM'),
          node('job', 'svc', 'SERVICE'),
          node('job', 'airflow', 'BATCH'),
          node('dataset', 'kafka://broker:9092', 'STREAM'),
          node('dataset', 'postgres://db:5432', 'DB_TABLE'),
          node('dataset', 'file'),
        ],
        edges: [],
        truncated: false,
      },
      [],
    );
    await renderLineage(
      <LineageGraphCanvas graph={graph} onNodeClick={() => {}} />,
      { lineageApi: fakeLineageApi() },
    );

    const card = (id: string) =>
      screen
        .getAllByTestId('lineage-node')
        .find(element => element.dataset.nodeId === id)!;
    expect(
      [
        'job:flink:orders',
        'job:svc:orders',
        'job:airflow:orders',
        'dataset:kafka://broker:9092:orders',
        'dataset:postgres://db:5432:orders',
        'dataset:file:orders',
      ].map(id => [
        within(card(id)).getByText(
          /^(Streaming job|Service|Job|Stream|Dataset)$/,
        ).textContent,
        card(id).getAttribute('title'),
      ]),
    ).toEqual([
      ['Streaming job', 'Streaming job flink/orders'],
      ['Service', 'Service svc/orders'],
      ['Job', 'Job airflow/orders'],
      ['Stream', 'Stream kafka://broker:9092/orders'],
      ['Dataset', 'Dataset postgres://db:5432/orders'],
      ['Dataset', 'Dataset file/orders'],
    ]);
    expect(
      screen.getByLabelText('Streaming job orders', { exact: true }),
    ).toBeInTheDocument();
  });
});
