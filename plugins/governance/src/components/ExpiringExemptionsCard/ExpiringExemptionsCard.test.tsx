import { utcMinute } from '@meshwork/plugin-governance-common';
import { screen, within } from '@testing-library/react';
import { expiringExemptions } from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ExpiringExemptionsCard, expiryOf } from './ExpiringExemptionsCard';

describe('ExpiringExemptionsCard', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lists active exemptions soonest first, in plain text', async () => {
    // Time left is rounded down: a clock gone on since the fixtures were
    // made would leave 3 days less a moment, 2 days.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    const asked: unknown[] = [];
    const [ledger, quotes] = expiringExemptions();
    await renderWithGovernance(<ExpiringExemptionsCard />, {
      listExemptions: async query => {
        asked.push(query);
        return [ledger, quotes];
      },
    });
    const table = await screen.findByRole('table');
    expect(
      within(table).getByRole('columnheader', { name: 'Expires' }),
    ).toBeTruthy();
    const [soonest, later] = within(table).getAllByRole('row').slice(1);
    expect(
      within(soonest)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'quotes',
      'Runbook',
      '<b>Runbook</b> moves to the new wiki next sprint.',
      'maria, granted by ana',
      `${utcMinute(quotes.expiresAt)} (in 3 days)`,
    ]);
    expect(
      within(later).getByText(`${utcMinute(ledger.expiresAt)} (in 20 days)`),
    ).toBeTruthy();
    expect(within(later).getByText('Columns classified')).toBeTruthy();
    expect(table.querySelector('b')).toBeNull();
    expect(screen.getByRole('link', { name: 'quotes' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/quotes',
    );
    expect(
      within(soonest).getByRole('link', { name: 'Runbook' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/quotes/governance');
    expect(screen.getByRole('link', { name: 'maria' })).toHaveAttribute(
      'href',
      '/catalog/default/user/maria',
    );
    expect(asked).toEqual([{ state: 'active', expiringWithinDays: 30 }]);
  });

  it('says no more time is left than is', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    // How soon, after the time.
    const at = (hours: number, seconds = 0) => {
      const expiresAt = new Date(
        now + hours * 3_600_000 + seconds * 1000,
      ).toISOString();
      const shown = expiryOf(expiresAt, now);
      expect(shown.startsWith(`${utcMinute(expiresAt)} (`)).toBe(true);
      return shown.slice(utcMinute(expiresAt).length + 1);
    };
    expect(at(0.5)).toBe('(in under an hour)');
    expect(at(0, 59.5 * 60)).toBe('(in under an hour)');
    expect(at(0, 20)).toBe('(in under an hour)');
    expect(at(1.9)).toBe('(in 1 h)');
    expect(at(23.5)).toBe('(in 23 h)');
    expect(at(23, 59 * 60 + 40)).toBe('(in 23 h)');
    expect(at(24)).toBe('(in 1 day)');
    expect(at(3.05 * 24)).toBe('(in 3 days)');
    expect(at(48 - 0.001)).toBe('(in 1 day)');
    // Lapsed while the page was open.
    expect(at(-0.1)).toBe('(expired)');
    expect(at(0)).toBe('(expired)');
  });

  it('gives the end in UTC, the zone its day was granted in', () => {
    // East of UTC, the local time of a day's end falls on the next day.
    expect(
      expiryOf('2027-01-05T23:59:59Z', Date.parse('2027-01-02T12:00:00Z')),
    ).toBe('2027-01-05 23:59 UTC (in 3 days)');
  });

  it("shows check ids, and says why, when check titles can't be loaded", async () => {
    await renderWithGovernance(<ExpiringExemptionsCard />, {
      listExemptions: async () => expiringExemptions(),
      listChecks: async () => {
        throw new Error('checks unavailable');
      },
    });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('runbook-present')).toBeInTheDocument();
    expect(within(table).getByText('pii-classified')).toBeInTheDocument();
    expect(
      screen.getByText('Check titles could not be loaded: checks unavailable'),
    ).toBeInTheDocument();
  });

  it('says when nothing expires soon', async () => {
    await renderWithGovernance(<ExpiringExemptionsCard />, {
      listExemptions: async () => [],
    });
    expect(
      await screen.findByText('No exemption expires within 30 days.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWithGovernance(<ExpiringExemptionsCard />, {
      listExemptions: async () => {
        throw new Error('exemptions unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/exemptions unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', {
        name: 'Exemptions expiring within 30 days',
      }),
    ).toBeInTheDocument();
  });
});
