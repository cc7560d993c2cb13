import { renderInTestApp } from '@backstage/frontend-test-utils';
import { formatTime } from '@meshwork/plugin-data-products-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  dailyTrend,
  fakeGovernanceApi,
  hourlyTrend,
} from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { governanceApiRef } from '../../api';
import { ScoreTrendCard } from './ScoreTrendCard';

const HOUR_MS = 60 * 60 * 1000;

const Address = () => (
  <output aria-label="address">{useLocation().search}</output>
);

/** The card, then the page's query string, at `address`. */
function renderAt(address: string, asked: string[]) {
  return renderInTestApp(
    <>
      <ScoreTrendCard />
      <Address />
    </>,
    {
      initialRouteEntries: [address],
      apis: [
        [
          governanceApiRef,
          fakeGovernanceApi({
            getTrend: async by => {
              asked.push(by);
              return by === 'day' ? dailyTrend : hourlyTrend;
            },
          }),
        ],
      ],
    },
  );
}

describe('ScoreTrendCard', () => {
  it('charts the trend by day, then by hour on demand', async () => {
    const asked: [string, number | undefined][] = [];
    await renderWithGovernance(<ScoreTrendCard />, {
      getTrend: async (by, from) => {
        // How long before now it starts, in hours.
        asked.push([by, from && Math.round((Date.now() - +from) / HOUR_MS)]);
        return by === 'day' ? dailyTrend : hourlyTrend;
      },
    });
    expect(
      await screen.findByRole('img', {
        name: 'Average score by UTC day: 68 on 2026-11-22 to 75 on 2026-11-24',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'By day' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await userEvent.click(screen.getByRole('button', { name: 'By hour' }));
    expect(
      await screen.findByRole('img', {
        name: 'Average score by UTC hour: 74 on 24 Nov 04:00 to 77 on 24 Nov 05:00',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Hour (UTC)')).toBeInTheDocument();
    // 30 days of hours would be 720 points: hours are of the last 2 days.
    expect(asked).toEqual([
      ['day', 30 * 24],
      ['hour', 48],
    ]);
  });

  it('keeps by hour in the address, and by day, the default, out of it', async () => {
    const asked: string[] = [];
    await renderAt('/governance?tab=all', asked);
    await screen.findByRole('img', { name: /by UTC day/ });
    expect(screen.getByLabelText('address')).toHaveTextContent(/^\?tab=all$/);

    await userEvent.click(screen.getByRole('button', { name: 'By hour' }));
    await screen.findByRole('img', { name: /by UTC hour/ });
    expect(screen.getByLabelText('address')).toHaveTextContent(
      /^\?tab=all&trend=hour$/,
    );

    await userEvent.click(screen.getByRole('button', { name: 'By day' }));
    await screen.findByRole('img', { name: /by UTC day/ });
    expect(screen.getByLabelText('address')).toHaveTextContent(/^\?tab=all$/);
    expect(asked).toEqual(['day', 'hour', 'day']);
  });

  it('opens by hour when the address says so, as after a reload', async () => {
    const asked: string[] = [];
    await renderAt('/governance?trend=hour', asked);
    expect(
      await screen.findByRole('img', { name: /by UTC hour/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'By hour' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(asked).toEqual(['hour']);
  });

  it('says when there is no evaluation yet', async () => {
    await renderWithGovernance(<ScoreTrendCard />, {
      getTrend: async () => [],
    });
    expect(
      await screen.findByText('No evaluations in the last 30 days.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'By hour' }));
    expect(
      await screen.findByText('No evaluations in the last 48 hours.'),
    ).toBeInTheDocument();
  });

  it('says the mesh has no products now once the last have left, not their score', async () => {
    const emptied = [
      dailyTrend[0],
      {
        ...dailyTrend[1],
        products: 0,
        levels: { gold: 0, silver: 0, bronze: 0, none: 0 },
        evaluatedAt: '2026-11-23T06:00:00.000Z',
      },
    ];
    await renderWithGovernance(<ScoreTrendCard />, {
      getTrend: async () => emptied,
    });
    expect(
      await screen.findByText(
        `No data products in the mesh since ${formatTime(
          '2026-11-23T06:00:00.000Z',
        )}: the chart ends with the last scores.`,
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWithGovernance(<ScoreTrendCard />, {
      getTrend: async () => {
        throw new Error('history unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/history unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
