import { screen, within } from '@testing-library/react';
import { checkoutDomain, financeDomain } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DomainDataProductsCard } from './DomainDataProductsCard';

describe('DomainDataProductsCard', () => {
  it("groups the domain's products by team with counts and on-call", async () => {
    await renderWithCatalog(<DomainDataProductsCard />, {
      entity: checkoutDomain,
    });
    expect(await screen.findByText('2 products')).toBeInTheDocument();
    expect(screen.getByText('tier 1: 1')).toBeInTheDocument();
    expect(screen.getByText('experimental: 1')).toBeInTheDocument();
    const team = screen
      .getByRole('link', { name: 'checkout-data' })
      .closest('tr')!;
    expect(team).toHaveTextContent('#checkout-data-oncall (pagerduty)');
    expect(
      within(team).getByRole('link', { name: 'Orders' }),
    ).toBeInTheDocument();
    expect(
      within(team).getByRole('link', { name: 'carts' }),
    ).toBeInTheDocument();
  });

  it('says when a domain has no products', async () => {
    await renderWithCatalog(<DomainDataProductsCard />, {
      entity: {
        ...financeDomain,
        metadata: { ...financeDomain.metadata, name: 'empty' },
      },
    });
    expect(
      await screen.findByText('This domain has no data products yet.'),
    ).toBeInTheDocument();
  });
});
