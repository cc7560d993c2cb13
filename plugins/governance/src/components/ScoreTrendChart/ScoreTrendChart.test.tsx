import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { MeshTrendPoint } from '@meshwork/plugin-governance-common';
import { screen } from '@testing-library/react';
import { dailyTrend } from '../../__testUtils__/fixtures';
import { ScoreTrendChart } from './ScoreTrendChart';

describe('ScoreTrendChart', () => {
  it('draws a line through every point, with labelled axes', async () => {
    await renderInTestApp(<ScoreTrendChart points={dailyTrend} by="day" />);
    const chart = screen.getByRole('img', {
      name: 'Average score by UTC day: 68 on 2026-11-22 to 75 on 2026-11-24',
    });
    expect(chart.querySelector('title')).toHaveTextContent(
      'Average score by UTC day: 68 on 2026-11-22 to 75 on 2026-11-24',
    );
    expect(chart.querySelector('polyline')?.getAttribute('points')).toBe(
      '56,72.32 328,65.28 600,60',
    );
    for (const label of [
      'Average score',
      'Day (UTC)',
      '0',
      '50',
      '100',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      screen.getByText('2026-11-23 UTC: 72 (6 products)'),
    ).toBeInTheDocument();
  });

  it('labels at most six periods, the first and last among them', async () => {
    const month: MeshTrendPoint[] = Array.from({ length: 30 }, (_, i) => ({
      ...dailyTrend[0],
      period: new Date(Date.UTC(2026, 10, i + 1)).toISOString(),
      averageScore: 50 + i,
    }));
    await renderInTestApp(<ScoreTrendChart points={month} by="day" />);
    expect(screen.getByText('2026-11-01')).toBeInTheDocument();
    expect(screen.getByText('2026-11-30')).toBeInTheDocument();
    expect(screen.queryAllByText(/^2026-11-\d\d$/)).toHaveLength(6);
  });

  it("names an hour's month, so that its day reads one way only", async () => {
    const points = [
      ['2026-12-06T16', 74],
      ['2026-12-07T00', 77],
    ].map(([hour, averageScore]) => ({
      ...dailyTrend[0],
      period: `${hour}:00:00.000Z`,
      averageScore: averageScore as number,
    }));
    await renderInTestApp(<ScoreTrendChart points={points} by="hour" />);
    expect(
      screen.getByRole('img', {
        name: 'Average score by UTC hour: 74 on 6 Dec 16:00 to 77 on 7 Dec 00:00',
      }),
    ).toBeInTheDocument();
    for (const label of ['Hour (UTC)', '6 Dec 16:00', '7 Dec 00:00']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      screen.getByText('6 Dec 16:00 UTC: 74 (6 products)'),
    ).toBeInTheDocument();
  });

  it('centres a single point', async () => {
    await renderInTestApp(
      <ScoreTrendChart points={[dailyTrend[2]]} by="day" />,
    );
    const chart = screen.getByRole('img', {
      name: 'Average score by UTC day: 75 on 2026-11-24 to 75 on 2026-11-24',
    });
    expect(chart.querySelector('circle')).toHaveAttribute('cx', '328');
  });

  it("says Score, without product counts, for one product's scores", async () => {
    const points = dailyTrend.map(point => ({ ...point, products: 1 }));
    await renderInTestApp(
      <ScoreTrendChart points={points} by="day" of="product" />,
    );
    const chart = screen.getByRole('img', {
      name: 'Score by UTC day: 68 on 2026-11-22 to 75 on 2026-11-24',
    });
    expect(chart.querySelector('polyline')?.getAttribute('points')).toBe(
      '56,72.32 328,65.28 600,60',
    );
    expect(screen.getByText('Score')).toBeInTheDocument();
    expect(screen.queryByText('Average score')).not.toBeInTheDocument();
    expect(screen.getByText('2026-11-23 UTC: 72')).toBeInTheDocument();
    expect(screen.queryByText(/products/)).not.toBeInTheDocument();
  });
});
