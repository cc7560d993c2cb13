import { screen } from '@testing-library/react';
import { cartsProduct, ordersProduct } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductPortsCard } from './DataProductPortsCard';

describe('DataProductPortsCard', () => {
  it('links input ports to the upstream products and lists consumers', async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: ordersProduct,
    });
    expect(screen.getByRole('link', { name: 'carts' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/carts',
    );
    expect(screen.getByRole('link', { name: 'revenue' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/revenue',
    );
  });

  it("links an input port without a namespace to the product's namespace", async () => {
    await renderWithCatalog(<DataProductPortsCard />, {
      entity: {
        ...ordersProduct,
        metadata: { ...ordersProduct.metadata, namespace: 'retail' },
        spec: {
          ...ordersProduct.spec,
          inputPorts: [{ name: 'carts', from: 'carts#carts' }],
        },
      },
    });
    expect(screen.getByRole('link', { name: /carts/ })).toHaveAttribute(
      'href',
      '/catalog/retail/dataproduct/carts',
    );
  });

  it('says when a product reads nothing', async () => {
    await renderWithCatalog(<DataProductPortsCard />, { entity: cartsProduct });
    expect(screen.getByText(/No input ports/)).toBeInTheDocument();
  });
});
