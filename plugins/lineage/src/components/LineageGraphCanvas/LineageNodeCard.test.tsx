import { screen, within } from '@testing-library/react';
import { fakeLineageApi, renderLineage } from '../../__testUtils__/fixtures';
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
});
