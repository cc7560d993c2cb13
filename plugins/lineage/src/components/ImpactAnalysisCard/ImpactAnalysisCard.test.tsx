import type { Entity } from '@backstage/catalog-model';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LineageApi, ProductImpact } from '../../api';
import {
  CUSTOMER_ID_FIELD,
  customerIdLineage,
  fakeLineageApi,
  financeTeam,
  HIVE_CUSTOMER_ID_FIELD,
  joinedCustomerIdLineage,
  NS,
  ORDERS_ID,
  ordersDetails,
  ordersProduct,
  ownersOf,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { ImpactAnalysisCard } from './ImpactAnalysisCard';
import {
  EntityPageSwitching,
  narrowScreen,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';

/** `GET /entities/dataproduct/default/orders/impact`, most critical first. */
const productImpact: ProductImpact = {
  product: 'dataproduct:default/orders',
  impacted: [
    {
      entityRef: 'dataproduct:default/revenue',
      title: 'Revenue',
      owner: 'group:default/finance-data',
      tier: 1,
      depth: 1,
      via: 'dataproduct:default/orders',
      datasets: [
        { namespace: NS, name: 'mart.orders' },
        { namespace: NS, name: 'mart.order_lines' },
      ],
      onCall: {
        contact: '#revenue-oncall',
        provider: 'pagerduty',
        id: 'PREV1',
        source: 'product',
      },
    },
    {
      entityRef: 'dataproduct:default/finance-report',
      title: 'Finance report',
      owner: 'group:default/finance-data',
      tier: 2,
      depth: 2,
      via: 'dataproduct:default/revenue',
      datasets: [{ namespace: NS, name: 'mart.revenue' }],
    },
    {
      entityRef: 'dataproduct:default/marketing-attribution',
      title: 'Marketing attribution',
      owner: 'group:default/marketing',
      depth: 1,
      via: 'dataproduct:default/orders',
      datasets: [{ namespace: NS, name: 'mart.orders' }],
    },
  ],
};

/** Revenue as the catalog holds it, declaring its own on-call. */
const revenueProduct = {
  ...ordersProduct,
  metadata: { name: 'revenue', namespace: 'default', title: 'Revenue' },
  spec: {
    ...ordersProduct.spec,
    owner: 'group:default/finance-data',
    support: {
      ...ordersProduct.spec.support,
      oncall: {
        provider: 'pagerduty',
        id: 'PREV1',
        contact: '#revenue-oncall',
      },
    },
  },
};

function renderCard(overrides: Partial<LineageApi>) {
  return renderLineage(<ImpactAnalysisCard />, {
    entity: ordersProduct,
    entities: [financeTeam, revenueProduct],
    lineageApi: fakeLineageApi(overrides),
  });
}

const rowsOf = async () =>
  within(
    await screen.findByRole('table', { name: 'Impacted products' }),
  ).getAllByRole('row');

describe('ImpactAnalysisCard', () => {
  it('lists the products a change to the whole product breaks', async () => {
    const asked: Array<[string, string | undefined]> = [];
    await renderCard({
      impact: async (ref, port) => {
        asked.push([ref, port]);
        return productImpact;
      },
    });

    const [header, revenue, report, marketing] = await rowsOf();
    expect(asked).toEqual([['dataproduct:default/orders', undefined]]);
    expect(
      screen.getByRole('heading', {
        name: 'Impact analysis: what breaks if this changes',
      }),
    ).toBeInTheDocument();
    expect(within(header).getByText('On-call')).toBeInTheDocument();
    expect(within(header).getByText('Product hops')).toBeInTheDocument();

    const r = within(revenue);
    expect(r.getByRole('link', { name: 'Revenue' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/revenue',
    );
    expect(r.getByRole('link', { name: /finance-data/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/finance-data',
    );
    // As the on-call finder shows it: with whom it is paged through.
    expect(
      r.getByText('#revenue-oncall (pagerduty PREV1)'),
    ).toBeInTheDocument();
    expect(r.getByText('mart.orders, mart.order_lines')).toBeInTheDocument();

    // No on-call of its own: the owning team's, from the catalog.
    const f = within(report);
    expect(f.getByRole('link', { name: 'Finance report' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/finance-report',
    );
    expect(
      f.getByText('#finance-oncall (pagerduty PFIN123, team)'),
    ).toBeInTheDocument();
    expect(f.getAllByRole('cell').map(c => c.textContent)).toEqual([
      'Finance report',
      '2',
      '2',
      expect.stringMatching(/finance-data/),
      '#finance-oncall (pagerduty PFIN123, team)',
      'mart.revenue of Revenue',
    ]);
    expect(f.getByRole('link', { name: 'Revenue' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/revenue',
    );
    expect(within(header).getByText('Reads')).toBeInTheDocument();

    // Neither the product nor its team declares an on-call, nor a tier.
    const m = within(marketing);
    expect(m.getByText('No on-call declared')).toBeInTheDocument();
    expect(m.getByText('—')).toBeInTheDocument();
  });

  it('stacks owner, on-call and what a product reads under its name on a narrow screen', async () => {
    const wideAgain = narrowScreen();
    try {
      await renderCard({ impact: async () => productImpact });
      const [header, revenue, report] = await rowsOf();
      expect(
        within(header)
          .getAllByRole('columnheader')
          .map(cell => cell.textContent),
      ).toEqual(['Product', 'Tier', 'Product hops']);
      expect(
        within(revenue)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ).toEqual([
        expect.stringMatching(
          /^Revenueowner: .*finance-data.*on-call: #revenue-oncall \(pagerduty PREV1\)reads: mart\.orders, mart\.order_lines$/,
        ),
        '1',
        '1',
      ]);
      const name = within(within(report).getAllByRole('cell')[0]);
      expect(name.getByRole('link', { name: /finance-data/ })).toHaveAttribute(
        'href',
        '/catalog/default/group/finance-data',
      );
      expect(
        name.getByText('on-call: #finance-oncall (pagerduty PFIN123, team)'),
      ).toBeInTheDocument();
      expect(name.getByRole('link', { name: 'Revenue' })).toHaveAttribute(
        'href',
        '/catalog/default/dataproduct/revenue',
      );
    } finally {
      wideAgain();
    }
  });

  it("reads an impacted product's team in the product's own namespace", async () => {
    const ledgerTeam = {
      ...financeTeam,
      metadata: {
        ...financeTeam.metadata,
        namespace: 'finance',
        annotations: { 'meshwork.dev/oncall-contact': '#ledger-oncall' },
      },
    };
    await renderLineage(<ImpactAnalysisCard />, {
      entity: ordersProduct,
      entities: [financeTeam, ledgerTeam],
      lineageApi: fakeLineageApi({
        impact: async () => ({
          product: 'dataproduct:default/orders',
          impacted: [
            {
              entityRef: 'dataproduct:finance/ledger',
              title: 'Ledger',
              owner: 'finance-data',
              depth: 1,
              via: 'dataproduct:default/orders',
              datasets: [{ namespace: NS, name: 'mart.orders' }],
            },
          ],
        }),
      }),
    });
    const [, ledger] = await rowsOf();
    expect(
      await within(ledger).findByText('#ledger-oncall (team)'),
    ).toBeInTheDocument();
    expect(
      within(ledger).getByRole('link', { name: /finance-data/ }),
    ).toHaveAttribute('href', '/catalog/finance/group/finance-data');
  });

  it('narrows the change to one output port, then one column', async () => {
    const user = userEvent.setup();
    const impactAsked: Array<string | undefined> = [];
    const columnAsked: string[] = [];
    const datasetAsked: string[] = [];
    await renderCard({
      impact: async (_ref, port) => {
        impactAsked.push(port);
        return port === 'orders'
          ? { ...productImpact, port, impacted: [productImpact.impacted[0]] }
          : productImpact;
      },
      dataset: async id => {
        datasetAsked.push(id);
        return ordersDetails;
      },
      columnLineage: async id => {
        columnAsked.push(id);
        return customerIdLineage;
      },
      datasetOwners: ownersOf,
    });
    expect(await rowsOf()).toHaveLength(4);
    // Above the value its empty choice shows, not over it.
    expect(
      screen.getByText('Change to', { selector: 'label' }),
    ).toHaveAttribute('data-shrink', 'true');

    await user.click(screen.getByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port orders' }),
    );
    expect(await rowsOf()).toHaveLength(2);
    expect(impactAsked).toEqual([undefined, 'orders']);
    expect(datasetAsked).toEqual([ORDERS_ID]);

    await user.click(screen.getByRole('button', { name: /Column/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['any column', 'order_id', 'customer_id', 'amount']);
    await user.click(screen.getByRole('option', { name: 'customer_id' }));

    // Column lineage reaches revenue in one hop and the report in two.
    expect(
      await screen.findByRole('link', { name: 'Finance report' }),
    ).toBeInTheDocument();
    expect(columnAsked).toEqual([CUSTOMER_ID_FIELD]);
    const [header, revenue, report] = await rowsOf();
    // The impacted products' own tables, not what they read.
    expect(
      within(header).getByText('Its tables using the column'),
    ).toBeInTheDocument();
    // Counted between columns, through tables of no product too.
    expect(within(header).getByText('Column hops')).toBeInTheDocument();
    expect(within(revenue).getByText('mart.revenue')).toBeInTheDocument();
    // Its own on-call, as product and port impact show it.
    expect(
      within(revenue).getByText('#revenue-oncall (pagerduty PREV1)'),
    ).toBeInTheDocument();
    expect(
      within(report).getByText('#finance-oncall (pagerduty PFIN123, team)'),
    ).toBeInTheDocument();
    expect(within(report).getByText('mart.finance_report')).toBeInTheDocument();
    expect(within(report).getAllByRole('cell')[2]).toHaveTextContent('2');
  });

  it.each([
    [
      'no port of that name',
      {
        ...revenueProduct,
        spec: {
          ...revenueProduct.spec,
          outputPorts: [
            {
              name: 'revenue',
              type: 'table',
              dataset: { namespace: NS, name: 'mart.revenue' },
            },
          ],
        },
      },
    ],
    ['a port of that name too', revenueProduct],
  ])(
    "shows the next product's impact as a whole after another's column was chosen (%s)",
    async (_what, next: Entity) => {
      const user = userEvent.setup();
      const { released, release } = releasable();
      const nextAsked: Array<string | undefined> = [];
      await renderLineage(
        <EntityPageSwitching first={ordersProduct} next={next}>
          <ImpactAnalysisCard />
        </EntityPageSwitching>,
        {
          entities: [financeTeam, revenueProduct],
          lineageApi: fakeLineageApi({
            impact: async (ref, port) => {
              if (ref !== 'dataproduct:default/revenue') return productImpact;
              nextAsked.push(port);
              await released;
              return {
                product: ref,
                port,
                impacted: [productImpact.impacted[1]],
              };
            },
            dataset: async () => ordersDetails,
            columnLineage: async () => customerIdLineage,
            datasetOwners: ownersOf,
          }),
        },
      );
      await user.click(
        await screen.findByRole('button', { name: /Change to/ }),
      );
      await user.click(
        screen.getByRole('option', { name: 'output port orders' }),
      );
      await user.click(screen.getByRole('button', { name: /Column/ }));
      await user.click(screen.getByRole('option', { name: 'customer_id' }));
      await screen.findByText('Its tables using the column');

      await user.click(screen.getByRole('button', { name: 'Open next' }));
      // Orders' products are not shown as revenue's while revenue's load.
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      await act(async () => release());

      const [header, report] = await rowsOf();
      expect(within(header).getByText('Reads')).toBeInTheDocument();
      expect(within(header).getByText('Product hops')).toBeInTheDocument();
      // What it reads is revenue's own, past the first hop.
      expect(within(report).getAllByRole('cell')[5]).toHaveTextContent(
        /^mart\.revenue of /,
      );
      expect(
        screen.getByRole('button', { name: /Change to/ }),
      ).toHaveTextContent('the whole product');
      expect(screen.queryByRole('button', { name: /Column/ })).toBeNull();
      expect(nextAsked).toEqual([undefined]);
    },
  );

  it.each([
    {
      title:
        "reads a column of a port named by a symlink by the dataset's own name",
      // The backend answers with the dataset the symlink names.
      dataset: ordersDetails,
      lineage: customerIdLineage,
      asked: [CUSTOMER_ID_FIELD],
      readers: ['Finance report'],
    },
    {
      title:
        'reads a column of a port declared by a table joined with the files it is written as once, by the name it is declared by',
      // The Hive table's own dataset, whose data is the files'.
      dataset: {
        ...ordersDetails,
        id: 'dataset:hive:mart.orders',
        namespace: 'hive',
        name: 'mart.orders',
        primary: {
          id: ordersDetails.id,
          namespace: ordersDetails.namespace,
          name: ordersDetails.name,
        },
      },
      lineage: joinedCustomerIdLineage,
      asked: [HIVE_CUSTOMER_ID_FIELD],
      readers: ['Finance report', 'Churn'],
    },
  ])('$title', async ({ dataset, lineage, asked, readers }) => {
    const user = userEvent.setup();
    const columnAsked: string[] = [];
    await renderLineage(<ImpactAnalysisCard />, {
      entity: {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          outputPorts: [
            {
              name: 'orders',
              type: 'table',
              dataset: { namespace: 'hive', name: 'mart.orders' },
            },
          ],
        },
      },
      entities: [financeTeam, revenueProduct],
      lineageApi: fakeLineageApi({
        impact: async (ref, port) => ({ product: ref, port, impacted: [] }),
        dataset: async () => dataset,
        // Column lineage joins a table's names: one node for the column,
        // named after the files, reached by its Hive name's readers too.
        columnLineage: async id => {
          columnAsked.push(id);
          return lineage;
        },
        datasetOwners: ownersOf,
      }),
    });
    await user.click(await screen.findByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port orders' }),
    );
    await user.click(await screen.findByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'customer_id' }));
    for (const reader of readers) {
      expect(
        await screen.findByRole('link', { name: reader }),
      ).toBeInTheDocument();
    }
    expect(columnAsked).toEqual(asked);
  });

  it("says when a column's lineage reaches past one answer, and offers no port's columns while another's load", async () => {
    const user = userEvent.setup();
    const { released, release } = releasable();
    await renderCard({
      dataset: async id => {
        if (id !== ORDERS_ID) await released;
        return ordersDetails;
      },
      columnLineage: async () => ({ ...customerIdLineage, truncated: true }),
      datasetOwners: ownersOf,
    });
    await user.click(await screen.findByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port orders' }),
    );
    await user.click(screen.getByRole('button', { name: /Column/ }));
    await user.click(screen.getByRole('option', { name: 'customer_id' }));
    expect(
      await screen.findByText(/more products than those listed may read it/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port order_lines' }),
    );
    await user.click(screen.getByRole('button', { name: /Column/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['any column']);
    await user.keyboard('{Escape}');
    release();
    await user.click(screen.getByRole('button', { name: /Column/ }));
    expect(
      await screen.findByRole('option', { name: 'order_id' }),
    ).toBeInTheDocument();
  });

  it("shows neither the last scope's products nor its empty message while the next one loads", async () => {
    const user = userEvent.setup();
    const { released, release } = releasable();
    await renderCard({
      impact: async (ref, port) => {
        if (port) await released;
        return { product: ref, port, impacted: [] };
      },
      dataset: async () => ordersDetails,
    });
    expect(
      await screen.findByText('No downstream data product reads this.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port orders' }),
    );
    expect(
      screen.queryByText('No downstream data product reads this.'),
    ).not.toBeInTheDocument();
    release();
    expect(
      await screen.findByText('No downstream data product reads this.'),
    ).toBeInTheDocument();
  });

  it("says when a port's columns cannot be loaded, and none when no event named it", async () => {
    const user = userEvent.setup();
    let status = 503;
    await renderCard({
      impact: async ref => ({ product: ref, impacted: [] }),
      dataset: async () => {
        throw Object.assign(new Error('Lineage store unavailable'), {
          response: { status },
        });
      },
    });
    await screen.findByText('No downstream data product reads this.');
    await user.click(screen.getByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port orders' }),
    );
    expect(
      await screen.findByText(
        "The port's columns could not be loaded: Lineage store unavailable",
      ),
    ).toBeInTheDocument();

    status = 404;
    await user.click(screen.getByRole('button', { name: /Change to/ }));
    await user.click(
      screen.getByRole('option', { name: 'output port order_lines' }),
    );
    await user.click(await screen.findByRole('button', { name: /Column/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['any column']);
    expect(screen.queryByText(/could not be loaded/)).toBeNull();
  });

  it('says a product is reached through one the reader may not read', async () => {
    await renderCard({
      impact: async ref => ({
        product: ref,
        impacted: [
          {
            entityRef: 'dataproduct:default/finance-report',
            title: 'Finance report',
            owner: 'group:default/finance-data',
            depth: 2,
            datasets: [],
          },
        ],
      }),
    });
    const [, report] = await rowsOf();
    expect(
      within(report).getByText('through a product you may not read'),
    ).toBeInTheDocument();
  });

  it('says when nothing downstream reads the product', async () => {
    await renderCard({
      impact: async ref => ({ product: ref, impacted: [] }),
    });
    expect(
      await screen.findByText('No downstream data product reads this.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when impact cannot be computed', async () => {
    await renderCard({
      impact: async () => {
        throw new Error('Impact analysis timed out');
      },
    });
    expect(
      (await screen.findAllByText(/Impact analysis timed out/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
