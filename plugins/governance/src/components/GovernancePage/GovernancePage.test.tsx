import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithEntityTitles } from '../../__testUtils__/renderWithEntityTitles';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernancePage } from './GovernancePage';

describe('GovernancePage', () => {
  // Every card of the page renders at once: seconds on a busy machine.
  jest.setTimeout(30_000);

  it('shows every card with the backend data', async () => {
    await renderWithGovernance(<GovernancePage />);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Governance' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Scores, levels and exemptions of every data product'),
    ).toBeInTheDocument();
    for (const heading of [
      'Levels of all products',
      'Average score over time',
      'Leaderboard by domain',
      'Leaderboard by team',
      'Most failed checks',
      'Exemptions expiring within 30 days',
    ]) {
      expect(
        screen.getByRole('heading', { level: 2, name: heading }),
      ).toBeInTheDocument();
    }
    expect(await screen.findByText('6 products')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Average score by UTC day: 68 on 2026-11-22 to 75 on 2026-11-24',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'logistics' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'logistics-data' }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText('Freshness SLO declared')).length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByText('Columns are classified in the Q4 audit.'),
    ).toBeInTheDocument();
  });

  it("leads from a domain's leaderboard row to its products' scores, and back", async () => {
    await renderWithGovernance(
      <GovernancePage />,
      {},
      {},
      '/governance?trend=hour',
    );
    await userEvent.click(await screen.findByRole('link', { name: 'sales' }));
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Governance of sales',
      }),
    ).toBeInTheDocument();
    // The table whose header names products' failing checks.
    const products = (await screen.findByText('Failing checks')).closest(
      'table',
    )!;
    expect(
      within(products)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['orders85silver1', 'leads71bronze2', 'quotes66none3']);
    expect(await screen.findByText('3 products')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: "Levels of the domain's products" }),
    ).toBeInTheDocument();
    // Only the domain's failures: finance's on-call check is not among them.
    expect(
      await screen.findByRole('heading', { name: 'Most failed checks' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Columns classified')).toBeInTheDocument();
    expect(screen.queryByText('On-call declared')).toBeNull();
    expect(
      screen.queryByRole('heading', { name: 'Leaderboard by domain' }),
    ).toBeNull();

    const back = screen.getByRole('link', { name: 'Show every domain' });
    // The trend's period stays.
    expect(back).toHaveAttribute('href', '/governance?trend=hour');
    await userEvent.click(back);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Governance' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('6 products')).toBeInTheDocument();
  });

  it("names a domain by its title, from its leaderboard row to its products' scores", async () => {
    await renderWithEntityTitles(<GovernancePage />, '/governance');
    await userEvent.click(
      await screen.findByRole('link', { name: 'Logistics and Returns' }),
    );
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Governance of Logistics and Returns',
      }),
    ).toBeInTheDocument();
  });

  it('explains the levels beside their distribution', async () => {
    await renderWithGovernance(<GovernancePage />);
    const legend = await screen.findByRole('list', {
      name: 'What the levels mean',
    });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'gold: no check fails',
      'silver: only checks of severity info fail',
      'bronze: a check of severity warning fails, none of severity error',
      'none: a check of severity error fails, whatever the score',
    ]);
  });

  it('shows the failing request and keeps the rest', async () => {
    await renderWithGovernance(<GovernancePage />, {
      getTrend: async () => {
        throw new Error('history table missing');
      },
    });
    expect(
      (await screen.findAllByText(/history table missing/)).length,
    ).toBeGreaterThan(0);
    expect(await screen.findByText('6 products')).toBeInTheDocument();
  });
});
