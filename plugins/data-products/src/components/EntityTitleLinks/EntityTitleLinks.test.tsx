import { screen } from '@testing-library/react';
import { ordersProduct } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { EntityTitleLinks } from './EntityTitleLinks';

describe('EntityTitleLinks', () => {
  it('links each entity by its title as text, with the comma after it', async () => {
    await renderWithCatalog(
      <EntityTitleLinks
        entityRefs={[
          ordersProduct,
          'dataproduct:retail/carts',
          'group:default/checkout-data',
        ]}
      />,
    );
    const links = screen.getAllByRole('link');
    expect(links.map(link => link.textContent)).toEqual([
      'Orders',
      'retail/carts',
      'checkout-data',
    ]);
    expect(links.map(link => link.getAttribute('href'))).toEqual([
      '/catalog/default/dataproduct/orders',
      '/catalog/retail/dataproduct/carts',
      '/catalog/default/group/checkout-data',
    ]);
    // Text alone: a line may break after an inline box such as the
    // catalog's name box, and the comma would then start the next line.
    expect(links.map(link => link.childElementCount)).toEqual([0, 0, 0]);
    expect(links.map(link => link.nextSibling?.textContent)).toEqual([
      ', ',
      ', ',
      undefined,
    ]);
  });
});
