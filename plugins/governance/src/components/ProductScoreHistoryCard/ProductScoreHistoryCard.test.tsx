import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { ScorecardHistoryPoint } from '@meshwork/plugin-governance-common';
import { screen } from '@testing-library/react';
import { productHistory, returnsProduct } from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernanceApi } from '../../api';
import {
  dailyScores,
  ProductScoreHistoryCard,
} from './ProductScoreHistoryCard';

function renderCard(getHistory: GovernanceApi['getHistory']) {
  return renderWithGovernance(
    <EntityProvider entity={returnsProduct}>
      <ProductScoreHistoryCard />
    </EntityProvider>,
    { getHistory },
  );
}

describe('dailyScores', () => {
  it("keeps each UTC day's last score, oldest day first", () => {
    const shuffled: ScorecardHistoryPoint[] = [
      productHistory[2],
      productHistory[1],
      productHistory[0],
      // 23:30 in UTC-2 is the next UTC day.
      { ...productHistory[0], evaluatedAt: '2026-11-22T23:30:00-02:00' },
    ];
    expect(
      dailyScores(shuffled).map(point => [point.period, point.averageScore]),
    ).toEqual([
      ['2026-11-22T00:00:00.000Z', 70],
      ['2026-11-23T00:00:00.000Z', 64],
      ['2026-11-24T00:00:00.000Z', 82],
    ]);
    expect(dailyScores(productHistory)[1].levels).toEqual({
      gold: 0,
      silver: 1,
      bronze: 0,
      none: 0,
    });
  });
});

describe('ProductScoreHistoryCard', () => {
  it("charts the product's score, one point per day", async () => {
    const asked: unknown[] = [];
    await renderCard(async ref => {
      asked.push(ref);
      return productHistory;
    });
    const chart = await screen.findByRole('img', {
      name: 'Score by UTC day: 70 on 2026-11-22 to 82 on 2026-11-24',
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(screen.getByText('2026-11-22 UTC: 70')).toBeInTheDocument();
    expect(screen.getByText('2026-11-24 UTC: 82')).toBeInTheDocument();
    expect(screen.queryByText('Average score')).not.toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Score over time' }),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { kind: 'DataProduct', namespace: 'default', name: 'returns' },
    ]);
  });

  it('says when the product has no recent evaluations', async () => {
    await renderCard(async () => []);
    expect(
      await screen.findByText('No evaluations in the last 30 days.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderCard(async () => {
      throw new Error('history unavailable');
    });
    expect(
      (await screen.findAllByText(/history unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'Score over time' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
