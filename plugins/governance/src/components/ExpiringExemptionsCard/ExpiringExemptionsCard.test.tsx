import { screen, within } from '@testing-library/react';
import { expiringExemptions } from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ExpiringExemptionsCard, expiryOf } from './ExpiringExemptionsCard';

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDate = (inDays: number) =>
  new Date(Date.now() + inDays * DAY_MS).toISOString().slice(0, 10);

describe('ExpiringExemptionsCard', () => {
  it('lists active exemptions soonest first, in plain text', async () => {
    const asked: unknown[] = [];
    await renderWithGovernance(<ExpiringExemptionsCard />, {
      listExemptions: async query => {
        asked.push(query);
        return expiringExemptions();
      },
    });
    const table = await screen.findByRole('table');
    // Dates are UTC dates, and say so.
    expect(
      within(table).getByRole('columnheader', { name: 'Expires (UTC)' }),
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
      `${utcDate(3)} (in 3 days)`,
    ]);
    expect(within(later).getByText(`${utcDate(20)} (in 20 days)`)).toBeTruthy();
    expect(within(later).getByText('Columns classified')).toBeTruthy();
    expect(table.querySelector('b')).toBeNull();
    expect(screen.getByRole('link', { name: 'quotes' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/quotes',
    );
    expect(screen.getByRole('link', { name: 'maria' })).toHaveAttribute(
      'href',
      '/catalog/default/user/maria',
    );
    expect(asked).toEqual([{ state: 'active', expiringWithinDays: 30 }]);
  });

  it('says no more time is left than is', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const at = (hours: number) =>
      expiryOf(new Date(now + hours * 3_600_000).toISOString(), now);
    expect(at(0.5)).toBe('2026-12-01 (in under an hour)');
    expect(at(1.9)).toBe('2026-12-01 (in 1 h)');
    expect(at(23.5)).toBe('2026-12-02 (in 23 h)');
    expect(at(24)).toBe('2026-12-02 (in 1 day)');
    expect(at(3.05 * 24)).toBe('2026-12-04 (in 3 days)');
    expect(at(48 - 0.001)).toBe('2026-12-03 (in 2 days)');
    // Lapsed while the page was open.
    expect(at(-0.1)).toBe('2026-12-01 (expired)');
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
