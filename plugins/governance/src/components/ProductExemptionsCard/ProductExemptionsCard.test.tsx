import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  productExemptions,
  returnsProduct,
} from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernanceApi } from '../../api';
import { ProductExemptionsCard } from './ProductExemptionsCard';

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDate = (inDays: number) =>
  new Date(Date.now() + inDays * DAY_MS).toISOString().slice(0, 10);

function renderCard(listExemptions: GovernanceApi['listExemptions']) {
  return renderWithGovernance(
    <EntityProvider entity={returnsProduct}>
      <ProductExemptionsCard />
    </EntityProvider>,
    { listExemptions },
  );
}

describe('ProductExemptionsCard', () => {
  it("lists every one of the product's exemptions, active first, in plain text", async () => {
    const asked: unknown[] = [];
    await renderCard(async query => {
      asked.push(query);
      return productExemptions();
    });
    const table = await screen.findByRole('table');
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual([
      'Check',
      'Justification',
      'Approver',
      'Expires (UTC)',
      'State',
      'Id',
    ]);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      [
        'Runbook',
        'Runbook moves to the new wiki next sprint.',
        'ana',
        utcDate(12),
        'active',
        'ex-3',
      ],
      // Then those no longer in force, the latest to end first.
      [
        'Columns classified',
        'Superseded by the <i>new</i> schema.',
        'maria, granted by ana',
        utcDate(-10),
        `revoked by maria on ${utcDate(-12)}: Schema replaced.`,
        'ex-4',
      ],
      [
        'On-call declared',
        'On-call rota starts in January.',
        'platform, granted by ana',
        utcDate(-40),
        'expired',
        'ex-5',
      ],
    ]);
    expect(table.querySelector('i')).toBeNull();
    expect(screen.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    // Ana approved one herself and granted the other two.
    for (const link of screen.getAllByRole('link', { name: 'ana' })) {
      expect(link).toHaveAttribute('href', '/catalog/default/user/ana');
    }
    expect(
      screen.getByRole('heading', { level: 2, name: 'Exemptions' }),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { entityRef: 'dataproduct:default/returns', state: 'all' },
    ]);
  });

  it('says when the product has no exemptions', async () => {
    await renderCard(async () => []);
    expect(
      await screen.findByText('No exemptions for this product.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderCard(async () => {
      throw new Error('exemptions unavailable');
    });
    expect(
      (await screen.findAllByText(/exemptions unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'Exemptions' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
