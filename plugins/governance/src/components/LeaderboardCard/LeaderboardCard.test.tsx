import { screen, within } from '@testing-library/react';
import { domainRollups } from '../../__testUtils__/fixtures';
import { renderWithEntityTitles } from '../../__testUtils__/renderWithEntityTitles';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { rowIdWarnings } from '../../__testUtils__/rowIdWarnings';
import { LeaderboardCard } from './LeaderboardCard';

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => row.textContent);

describe('LeaderboardCard', () => {
  it("ranks domains best first, linked to this page showing their products' scores", async () => {
    const asked: string[] = [];
    await renderWithGovernance(<LeaderboardCard by="domains" />, {
      getRollups: async by => {
        asked.push(by);
        return domainRollups;
      },
    });
    const table = await screen.findByRole('table');
    expect(
      screen.getByRole('heading', { name: 'Leaderboard by domain' }),
    ).toBeInTheDocument();
    expect(rowsOf(table)).toEqual([
      expect.stringMatching(/^logistics91.*2$/),
      expect.stringMatching(/^sales74.*3$/),
      expect.stringMatching(/^finance52.*1$/),
    ]);
    expect(screen.getByRole('link', { name: 'logistics' })).toHaveAttribute(
      'href',
      `/?domain=${encodeURIComponent('domain:default/logistics')}`,
    );
    expect(
      screen.getByRole('img', {
        name: 'Levels: gold 1, silver 1, bronze 0, none 0',
      }),
    ).toBeInTheDocument();
    expect(asked).toEqual(['domains']);
  });

  it('ranks teams, linked to their group pages', async () => {
    await renderWithGovernance(<LeaderboardCard by="teams" />);
    const table = await screen.findByRole('table');
    expect(rowsOf(table)).toEqual([
      expect.stringMatching(/^logistics-data91.*2$/),
      expect.stringMatching(/^sales-analytics68.*4$/),
    ]);
    expect(
      screen.getByRole('link', { name: 'sales-analytics' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-analytics');
    expect(
      screen.getByText('gold 0 · silver 1 · bronze 1 · none 2'),
    ).toBeInTheDocument();
  });

  it('names domains and teams as the catalog presents them, by their titles', async () => {
    await renderWithEntityTitles(<LeaderboardCard by="domains" />);
    const domains = await screen.findByRole('table');
    // Finance is not in the catalog: by its name.
    expect(rowsOf(domains)).toEqual([
      expect.stringMatching(/^Logistics and Returns91.*2$/),
      expect.stringMatching(/^Sales74.*3$/),
      expect.stringMatching(/^finance52.*1$/),
    ]);
    expect(
      screen.getByRole('link', { name: 'Logistics and Returns' }),
    ).toHaveAttribute(
      'href',
      `/?domain=${encodeURIComponent('domain:default/logistics')}`,
    );

    await renderWithEntityTitles(<LeaderboardCard by="teams" />);
    expect(
      await screen.findByRole('link', { name: 'Logistics Data Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/logistics-data');
  });

  it('shows the error when the backend fails', async () => {
    await renderWithGovernance(<LeaderboardCard by="teams" />, {
      getRollups: async () => {
        throw new Error('rollups unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/rollups unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'Leaderboard by team' }),
    ).toBeInTheDocument();
  });
});

describe('LeaderboardCard rows', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
    jest.restoreAllMocks();
  });

  it('each have the id the table keeps their state by', async () => {
    const warnings = rowIdWarnings();
    await renderWithGovernance(<LeaderboardCard by="domains" />, {
      getRollups: async () => domainRollups,
    });
    await screen.findByRole('table');
    expect(warnings()).toEqual([]);
  });
});
