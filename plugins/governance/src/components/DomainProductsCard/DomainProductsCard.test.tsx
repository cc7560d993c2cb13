import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { rowIdWarnings } from '../../__testUtils__/rowIdWarnings';
import { DomainProductsCard } from './DomainProductsCard';

describe('DomainProductsCard', () => {
  it("asks only for the domain's products, and says when it has none", async () => {
    const asked: unknown[] = [];
    await renderWithGovernance(
      <DomainProductsCard domain="domain:default/logistics" />,
      {
        listScorecards: async filter => {
          asked.push(filter);
          return [];
        },
      },
    );
    expect(
      await screen.findByText('No product of this domain has been scored.'),
    ).toBeInTheDocument();
    expect(asked).toEqual([{ domain: 'domain:default/logistics' }]);
  });

  it('explains a level on hover', async () => {
    await renderWithGovernance(
      <DomainProductsCard domain="domain:default/sales" />,
    );
    const table = (await screen.findByText('Failing checks')).closest('table')!;
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['orders85silver1', 'leads71bronze2', 'quotes66none3']);
    await userEvent.hover(within(table).getByText('none'));
    expect(
      await screen.findByRole('tooltip', {
        name: 'none: a check of severity error fails, whatever the score',
      }),
    ).toBeInTheDocument();
  });
});

describe('DomainProductsCard rows', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
    jest.restoreAllMocks();
  });

  it('each have the id the table keeps their state by', async () => {
    const warnings = rowIdWarnings();
    await renderWithGovernance(
      <DomainProductsCard domain="domain:default/sales" />,
    );
    await screen.findByText('orders');
    expect(warnings()).toEqual([]);
  });
});
