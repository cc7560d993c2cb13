import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releasable } from '@meshwork/plugin-data-products-react/testUtils';
import type { LineageApi } from '../../api';
import {
  CUSTOMER_ID_FIELD,
  customerIdLineage,
  fakeLineageApi,
  HIVE_CUSTOMER_ID_FIELD,
  joinedCustomerIdLineage,
  NS,
  ORDERS_ID,
  ordersDetails,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { ColumnLineageCard } from './ColumnLineageCard';

const datasets = [
  { namespace: NS, name: 'mart.orders', label: 'orders (mart.orders)' },
  {
    namespace: NS,
    name: 'mart.order_lines',
    label: 'order_lines (mart.order_lines)',
  },
];

function renderCard(overrides: Partial<LineageApi>) {
  return renderLineage(<ColumnLineageCard datasets={datasets} />, {
    lineageApi: fakeLineageApi({
      dataset: async id =>
        id === ORDERS_ID
          ? ordersDetails
          : {
              ...ordersDetails,
              id,
              name: 'mart.order_lines',
              facets: {},
              columns: [],
            },
      columnLineage: async () => customerIdLineage,
      ...overrides,
    }),
  });
}

const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );

/** Picks customer_id; the table of the columns it derives from. */
async function pickCustomerId(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /Column/ }));
  await user.click(screen.getByRole('option', { name: 'customer_id' }));
  return screen.findByRole('table', {
    name: 'Derived from (upstream of customer_id)',
  });
}

describe('ColumnLineageCard', () => {
  it('shows where a picked column comes from and what uses it', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    await renderCard({
      columnLineage: async id => {
        asked.push(id);
        return customerIdLineage;
      },
    });

    const column = await screen.findByRole('button', { name: /Column/ });
    expect(
      screen.getByRole('heading', { name: 'Column lineage' }),
    ).toBeInTheDocument();
    await user.click(column);
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['order_id', 'customer_id', 'amount']);
    await user.click(screen.getByRole('option', { name: 'customer_id' }));

    const upstream = await screen.findByRole('table', {
      name: 'Derived from (upstream of customer_id)',
    });
    expect(asked).toEqual([CUSTOMER_ID_FIELD]);
    expect(cellsOf(upstream)).toEqual([
      ['customer_id', 'staging.carts', '1', 'direct · identity'],
    ]);
    expect(within(upstream).getByText('staging.carts')).toHaveAttribute(
      'title',
      NS,
    );

    const downstream = screen.getByRole('table', {
      name: 'Used by (downstream of customer_id)',
    });
    expect(cellsOf(downstream)).toEqual([
      ['customer_id', 'mart.revenue', '1', 'direct · identity'],
      ['customers', 'mart.revenue', '1', 'direct · aggregation'],
      [
        'customer_hash',
        'mart.finance_report',
        '2',
        'direct · transformationmasked',
      ],
    ]);
    expect(within(downstream).getAllByText('masked')).toHaveLength(1);
  });

  it.each([
    {
      title:
        "reads a column of a dataset named by a symlink by the dataset's own name",
      // The backend answers with the dataset the symlink names.
      dataset: ordersDetails,
      lineage: customerIdLineage,
      asked: [CUSTOMER_ID_FIELD],
      readers: [
        ['mart.revenue', '1'],
        ['mart.revenue', '1'],
        ['mart.finance_report', '2'],
      ],
    },
    {
      title:
        'reads a column of a table known by several names once, by the name it was asked by',
      // The Hive table has a dataset of its own (Trino read it by that
      // name), answered with the data of the files it is one table with;
      // its column's lineage is walked under both and named by the files.
      dataset: {
        ...ordersDetails,
        id: 'dataset:hive:mart.orders',
        namespace: 'hive',
        name: 'mart.orders',
        primary: { id: ORDERS_ID, namespace: NS, name: 'mart.orders' },
      },
      lineage: joinedCustomerIdLineage,
      asked: [HIVE_CUSTOMER_ID_FIELD],
      readers: [
        ['mart.revenue', '1'],
        ['mart.revenue', '1'],
        ['mart.churn', '1'],
        ['mart.finance_report', '2'],
      ],
    },
  ])('$title', async ({ dataset, lineage, asked, readers }) => {
    const user = userEvent.setup();
    const columnAsked: string[] = [];
    await renderLineage(
      <ColumnLineageCard
        datasets={[{ namespace: 'hive', name: 'mart.orders', label: 'orders' }]}
      />,
      {
        lineageApi: fakeLineageApi({
          dataset: async () => dataset,
          columnLineage: async id => {
            columnAsked.push(id);
            return lineage;
          },
        }),
      },
    );
    const upstream = await pickCustomerId(user);
    expect(columnAsked).toEqual(asked);
    expect(cellsOf(upstream)).toEqual([
      ['customer_id', 'staging.carts', '1', 'direct · identity'],
    ]);
    const downstream = screen.getByRole('table', {
      name: 'Used by (downstream of customer_id)',
    });
    expect(cellsOf(downstream).map(([, name, hops]) => [name, hops])).toEqual(
      readers,
    );
  });

  it("shows no column's lineage under another column's name while it loads", async () => {
    const user = userEvent.setup();
    const { released, release } = releasable();
    await renderCard({
      columnLineage: async id => {
        if (id.endsWith(':amount')) await released;
        return customerIdLineage;
      },
    });
    expect(await pickCustomerId(user)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'amount' }));
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    release();
    expect(
      await screen.findByText('Derived from (upstream of amount)'),
    ).toBeInTheDocument();
  });

  it('says when the lineage had more columns than it shows', async () => {
    const user = userEvent.setup();
    await renderCard({
      columnLineage: async () => ({ ...customerIdLineage, truncated: true }),
    });
    expect(await pickCustomerId(user)).toBeInTheDocument();
    expect(
      screen.getByText(/Only the nearest columns are shown/),
    ).toBeInTheDocument();
  });

  it('says when a column has no upstream or downstream columns', async () => {
    const user = userEvent.setup();
    await renderCard({
      columnLineage: async () => ({ graph: [], truncated: false }),
    });
    await user.click(await screen.findByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'amount' }));
    expect(
      await screen.findByText(
        'No upstream columns: it is a source column, or its producer reports no column lineage.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No downstream column uses it.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('switches dataset, forgetting the column picked', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    await renderCard({
      dataset: async id => {
        asked.push(id);
        return id === ORDERS_ID
          ? ordersDetails
          : {
              ...ordersDetails,
              id,
              name: 'mart.order_lines',
              facets: {},
              columns: [],
            };
      },
    });
    await user.click(await screen.findByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'customer_id' }));
    expect(
      await screen.findByRole('table', {
        name: 'Used by (downstream of customer_id)',
      }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Dataset/ }));
    await user.click(
      screen.getByRole('option', { name: 'order_lines (mart.order_lines)' }),
    );
    expect(
      await screen.findByText('No columns reported for this dataset yet.'),
    ).toBeInTheDocument();
    expect(asked).toEqual([ORDERS_ID, `dataset:${NS}:mart.order_lines`]);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("offers no dataset's columns while another's load", async () => {
    const user = userEvent.setup();
    const { released, release } = releasable();
    await renderCard({
      dataset: async id => {
        if (id !== ORDERS_ID) await released;
        return { ...ordersDetails, id };
      },
    });
    expect(await pickCustomerId(user)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Dataset/ }));
    await user.click(
      screen.getByRole('option', { name: 'order_lines (mart.order_lines)' }),
    );
    await user.click(screen.getByRole('button', { name: /Column/ }));
    expect(screen.queryAllByRole('option')).toEqual([]);
    await user.keyboard('{Escape}');
    release();
    await user.click(screen.getByRole('button', { name: /Column/ }));
    expect(
      await screen.findByRole('option', { name: 'customer_id' }),
    ).toBeInTheDocument();
  });

  it('offers the columns column lineage names of a dataset with no schema', async () => {
    const user = userEvent.setup();
    await renderCard({
      dataset: async id => ({
        ...ordersDetails,
        id,
        facets: {},
        columns: ['customer_id'],
      }),
    });
    expect(await pickCustomerId(user)).toBeInTheDocument();
  });

  it('shows the error when the columns cannot be loaded', async () => {
    await renderCard({
      dataset: async () => {
        throw new Error('Dataset not found: mart.orders');
      },
    });
    expect(
      (await screen.findAllByText(/Dataset not found: mart.orders/)).length,
    ).toBeGreaterThan(0);
  });

  it('says a dataset no event has named has no columns yet, not that it failed', async () => {
    await renderCard({
      dataset: async () => {
        throw Object.assign(new Error('No lineage for dataset'), {
          response: { status: 404 },
        });
      },
    });
    expect(
      await screen.findByText(
        'No OpenLineage event has named this dataset yet, so it has no columns.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No lineage for dataset/)).toBeNull();
  });

  it('shows the error when the column lineage cannot be loaded', async () => {
    const user = userEvent.setup();
    await renderCard({
      columnLineage: async () => {
        throw new Error('Marquez column lineage failed');
      },
    });
    await user.click(await screen.findByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'customer_id' }));
    expect(
      (await screen.findAllByText(/Marquez column lineage failed/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  /** customer_id's lineage, its input from carts described as given. */
  function describedLineage(description: string) {
    const lineage = structuredClone(customerIdLineage);
    const [carts] = lineage.graph.find(
      n => n.data.dataset === 'mart.orders' && n.data.field === 'customer_id',
    )!.data.inputFields as Array<Record<string, unknown>>;
    // As the backend gives it: Marquez's deprecated transformationDescription.
    carts.transformationDescription = description;
    return lineage;
  }

  it("shows a transformation's description beside its type", async () => {
    const user = userEvent.setup();
    await renderCard({ columnLineage: async () => describedLineage('copied') });

    expect(cellsOf(await pickCustomerId(user))).toEqual([
      ['customer_id', 'staging.carts', '1', 'direct · identity: copied'],
    ]);
  });

  it('shows markup in a description as the text it is', async () => {
    const user = userEvent.setup();
    await renderCard({
      columnLineage: async () => describedLineage('<b>copied</b>'),
    });

    const upstream = await pickCustomerId(user);
    expect(cellsOf(upstream)[0][3]).toBe('direct · identity: <b>copied</b>');
    expect(upstream.querySelector('td b')).toBeNull();
  });
});
