import { screen } from '@testing-library/react';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DomainsOverview } from './DomainsOverview';

describe('DomainsOverview', () => {
  it('lists every domain with its teams and product counts', async () => {
    await renderWithCatalog(<DomainsOverview />);
    const checkout = (
      await screen.findByRole('link', { name: 'Checkout' })
    ).closest('tr')!;
    expect(checkout).toHaveTextContent('2');
    expect(checkout).toHaveTextContent('checkout-data (2)');
    const finance = screen
      .getByRole('link', { name: 'Finance' })
      .closest('tr')!;
    expect(finance).toHaveTextContent('finance-data (1)');
  });

  it('says when there are no domains', async () => {
    await renderWithCatalog(<DomainsOverview />, { entities: [] });
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
  });
});
