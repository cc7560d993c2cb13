import { screen } from '@testing-library/react';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernancePage } from './GovernancePage';

describe('GovernancePage', () => {
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
