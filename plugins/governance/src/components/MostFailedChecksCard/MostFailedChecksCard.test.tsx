import type {
  ScorecardRollup,
  Severity,
} from '@meshwork/plugin-governance-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithEntityTitles } from '../../__testUtils__/renderWithEntityTitles';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { MostFailedChecksCard } from './MostFailedChecksCard';

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        // The first opens the row on its products.
        .slice(1)
        .map(cell => cell.textContent),
    );

describe('MostFailedChecksCard', () => {
  it('adds up the failures of every domain, most first', async () => {
    await renderWithGovernance(<MostFailedChecksCard />);
    const table = await screen.findByRole('table');
    expect(
      screen.getByRole('heading', { name: 'Most failed checks' }),
    ).toBeInTheDocument();
    expect(rowsOf(table)).toEqual([
      ['Freshness SLO declared', 'warning', '3'],
      ['Runbook', 'warning', '3'],
      ['Columns classified', 'error', '2'],
      ['On-call declared', 'error', '1'],
    ]);
  });

  it('opens a row on the products failing the check, with their domain and the severity it has for each', async () => {
    const failing = (name: string, severity: Severity) => ({
      entityRef: `dataproduct:default/${name}`,
      severity,
    });
    const rollup = (
      key: string,
      products: Array<{ entityRef: string; severity: Severity }>,
    ): ScorecardRollup => ({
      key,
      products: products.length,
      averageScore: 80,
      levels: { gold: 0, silver: 0, bronze: 0, none: products.length },
      mostFailed: [
        {
          id: 'freshness-within-slo',
          failures: products.length,
          severities: Object.fromEntries(
            products.map(p => [p.severity, products.length]),
          ),
          products,
        },
      ],
    });
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [
        // Sales makes the check an error for its products.
        rollup('domain:default/sales', [failing('orders', 'error')]),
        rollup('domain:default/marketing', [
          failing('campaign-performance', 'warning'),
        ]),
      ],
    });
    const table = await screen.findByRole('table');
    expect(rowsOf(table)).toEqual([
      ['Fresh within its SLO', 'error (1), warning (1)', '2'],
    ]);
    await userEvent.click(within(table).getByText('Fresh within its SLO'));
    const products = await screen.findByRole('list', {
      name: 'Products failing Fresh within its SLO',
    });
    expect(
      within(products)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'campaign-performancewarning in domain marketing',
      'orderserror in domain sales',
    ]);
    expect(
      within(products).getByRole('link', { name: 'orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/orders');
    expect(
      within(products).getByRole('link', { name: 'sales' }),
    ).toHaveAttribute(
      'href',
      `/?domain=${encodeURIComponent('domain:default/sales')}`,
    );
  });

  it("names a failing product's domain by its title, linked to its scores", async () => {
    await renderWithEntityTitles(<MostFailedChecksCard />);
    const table = await screen.findByRole('table');
    await userEvent.click(within(table).getByText('Columns classified'));
    const products = await screen.findByRole('list', {
      name: 'Products failing Columns classified',
    });
    expect(
      within(products).getByRole('link', { name: 'Sales' }),
    ).toHaveAttribute(
      'href',
      `/?domain=${encodeURIComponent('domain:default/sales')}`,
    );
  });

  it("counts only one domain's failures when given one", async () => {
    await renderWithGovernance(
      <MostFailedChecksCard domain="domain:default/finance" />,
    );
    expect(rowsOf(await screen.findByRole('table'))).toEqual([
      ['Columns classified', 'error', '1'],
      ['Runbook', 'warning', '1'],
      ['On-call declared', 'error', '1'],
    ]);
  });

  it('shows the severities the policies gave a check where it failed', async () => {
    const rollup = (key: string, severities: object): ScorecardRollup => ({
      key,
      products: 3,
      averageScore: 60,
      levels: { gold: 0, silver: 0, bronze: 0, none: 3 },
      mostFailed: [
        { id: 'runbook-present', failures: 3, severities, products: [] },
      ],
    });
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [
        rollup('domain:default/sales', { error: 2, warning: 1 }),
        rollup('domain:default/finance', { error: 3 }),
      ],
    });
    expect(rowsOf(await screen.findByRole('table'))).toEqual([
      ['Runbook', 'error (5), warning (1)', '6'],
    ]);
  });

  it('sorts severities by strength, not alphabetically', async () => {
    const failedCheck = (id: string, severities: object) => ({
      id,
      failures: 1,
      severities,
      products: [],
    });
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [
        {
          key: 'domain:default/sales',
          products: 1,
          averageScore: 50,
          levels: { gold: 0, silver: 0, bronze: 0, none: 1 },
          mostFailed: [
            failedCheck('a-error', { error: 1 }),
            failedCheck('b-info', { info: 1 }),
            // Sorted by its strongest.
            failedCheck('c-warning-info', { warning: 1, info: 2 }),
          ],
        },
      ],
    });
    const table = await screen.findByRole('table');
    const checks = () => rowsOf(table).map(([check]) => check);
    await userEvent.click(within(table).getByText('Severity'));
    expect(checks()).toEqual(['b-info', 'c-warning-info', 'a-error']);
    await userEvent.click(within(table).getByText('Severity'));
    expect(checks()).toEqual(['a-error', 'c-warning-info', 'b-info']);
  });

  it('shows the top 10 only', async () => {
    const rollup: ScorecardRollup = {
      key: 'domain:default/sales',
      products: 20,
      averageScore: 10,
      levels: { gold: 0, silver: 0, bronze: 0, none: 20 },
      mostFailed: Array.from({ length: 12 }, (_, i) => ({
        id: `check-${String(i).padStart(2, '0')}`,
        failures: 20 - i,
        severities: { info: 20 - i },
        products: [],
      })),
    };
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [rollup],
    });
    const rows = rowsOf(await screen.findByRole('table'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(['check-00', 'info', '20']);
    expect(rows[9]).toEqual(['check-09', 'info', '11']);
  });

  it('says so when no product has been scored, not that every product passes', async () => {
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [],
    });
    expect(
      await screen.findByText('No product has been scored yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Every product passes every check.')).toBeNull();
  });

  it('says every product passes when scored products fail nothing', async () => {
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => [
        {
          key: 'domain:default/sales',
          products: 2,
          averageScore: 100,
          levels: { gold: 2, silver: 0, bronze: 0, none: 0 },
          mostFailed: [],
        },
      ],
    });
    expect(
      await screen.findByText('Every product passes every check.'),
    ).toBeInTheDocument();
  });

  it("shows check ids, and says why, when check titles can't be loaded", async () => {
    await renderWithGovernance(<MostFailedChecksCard />, {
      listChecks: async () => {
        throw new Error('checks unavailable');
      },
    });
    expect(rowsOf(await screen.findByRole('table'))).toEqual([
      ['freshness-slo-declared', 'warning', '3'],
      ['runbook-present', 'warning', '3'],
      ['pii-classified', 'error', '2'],
      ['team-has-oncall', 'error', '1'],
    ]);
    expect(
      screen.getByText('Check titles could not be loaded: checks unavailable'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWithGovernance(<MostFailedChecksCard />, {
      getRollups: async () => {
        throw new Error('rollups unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/rollups unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
