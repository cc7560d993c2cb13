import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DataProductEntityV1alpha1,
  listedPortCount,
} from '@meshwork/plugin-data-products-common';
import { indexedSearchApi } from '../../__testUtils__/renderWithCatalog';
import { ordersProduct, testMesh } from '../../__testUtils__/testMesh';
import { readExplorerState } from './explorerQuery';
import { loadExplorerPage } from './loadExplorerPage';

/** A product of `count` ports, each with the contract of orders' port. */
const productWithPorts = (
  name: string,
  count: number,
): DataProductEntityV1alpha1 => ({
  ...ordersProduct,
  metadata: { name, namespace: 'default' },
  spec: {
    ...ordersProduct.spec,
    outputPorts: Array.from({ length: count }, (_, index) => ({
      ...ordersProduct.spec.outputPorts[0],
      name: `port-${index}`,
    })),
  },
});

describe('loadExplorerPage', () => {
  it("counts each product's ports from the catalog without their contracts", async () => {
    const entities = [
      ...testMesh,
      productWithPorts('three-ports', 3),
      productWithPorts('sixty-ports', 60),
    ];
    // The catalog's test double selects `fields` as the catalog does.
    const catalogApi = catalogApiMock({ entities });
    const page = await loadExplorerPage(
      catalogApi,
      indexedSearchApi(entities),
      readExplorerState(new URLSearchParams()),
    );
    const counts = Object.fromEntries(
      page.items.map(item => [item.metadata.name, listedPortCount(item)]),
    );
    expect(counts).toEqual({
      carts: '1',
      orders: '1',
      revenue: '1',
      'sixty-ports': '50+',
      'three-ports': '3',
    });
    for (const item of page.items) {
      for (const port of item.spec.outputPorts) {
        expect(Object.keys(port)).toEqual(['name']);
      }
    }
  });
});
