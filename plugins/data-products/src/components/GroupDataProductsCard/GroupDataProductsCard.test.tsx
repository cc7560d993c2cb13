import { screen } from '@testing-library/react';
import { checkoutTeam } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { GroupDataProductsCard } from './GroupDataProductsCard';

describe('GroupDataProductsCard', () => {
  it('lists the products a team owns', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: checkoutTeam,
    });
    expect(
      await screen.findByRole('link', { name: 'Orders' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'carts' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Revenue' })).toBeNull();
  });

  it('says when a team owns nothing', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: {
        ...checkoutTeam,
        metadata: { name: 'idle', namespace: 'default' },
      },
    });
    expect(
      await screen.findByText('This team owns no data products.'),
    ).toBeInTheDocument();
  });
});
