import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import {
  checkoutDomain,
  financeDomain,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DomainDataProductsCard } from './DomainDataProductsCard';

describe('DomainDataProductsCard', () => {
  it('titles the card as a heading', async () => {
    await renderWithCatalog(<DomainDataProductsCard />, {
      entity: checkoutDomain,
    });
    expect(
      screen.getByRole('heading', { name: 'Data products by team', level: 2 }),
    ).toBeInTheDocument();
  });

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

  it("keeps each of a team's products with the comma after it", async () => {
    await renderWithCatalog(<DomainDataProductsCard />, {
      entity: checkoutDomain,
    });
    const carts = await screen.findByRole('link', { name: 'carts' });
    // Text alone: a line may break after an inline box such as the
    // catalog's name box, and the comma would then start the next line.
    expect(carts.childElementCount).toBe(0);
    expect(carts.nextSibling?.textContent).toBe(', ');
    expect(screen.getByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/orders',
    );
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

  it("never shows the last domain's teams while the next domain's are read", async () => {
    const catalog = catalogApiMock({ entities: testMesh });
    const { released: financeRead, release: readFinance } = releasable();
    await renderWithCatalog(
      <EntityPageSwitching first={checkoutDomain} next={financeDomain}>
        <DomainDataProductsCard />
      </EntityPageSwitching>,
      {
        catalogApi: {
          getEntities: async request => {
            if (JSON.stringify(request).includes('domain:default/finance')) {
              await financeRead;
            }
            return catalog.getEntities(request);
          },
        },
      },
    );
    expect(await screen.findByText('2 products')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Open next'));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('2 products')).not.toBeInTheDocument();
    expect(screen.queryByText('#checkout-data-oncall (pagerduty)')).toBeNull();
    readFinance();
    expect(await screen.findByText('1 product')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'finance-data' }).closest('tr')!,
    ).toHaveTextContent('none');
  });
});
