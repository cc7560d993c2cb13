import { screen } from '@testing-library/react';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { LevelDistributionCard } from './LevelDistributionCard';

describe('LevelDistributionCard', () => {
  it('counts the products at each level', async () => {
    await renderWithGovernance(<LevelDistributionCard />);
    expect(await screen.findByText('6 products')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Levels: gold 1, silver 2, bronze 1, none 2',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('gold 1 · silver 2 · bronze 1 · none 2'),
    ).toBeInTheDocument();
  });

  it('says when nothing is scored yet', async () => {
    await renderWithGovernance(<LevelDistributionCard />, {
      listScorecards: async () => [],
    });
    expect(
      await screen.findByText('No product has been scored yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWithGovernance(<LevelDistributionCard />, {
      listScorecards: async () => {
        throw new Error('scorecards unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/scorecards unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'Levels of all products' }),
    ).toBeInTheDocument();
  });
});
