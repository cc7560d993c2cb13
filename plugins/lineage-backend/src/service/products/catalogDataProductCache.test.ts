import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { dataProduct } from '../../__testUtils__/dataProduct';
import { catalogDataProductCache } from './catalogDataProductCache';

describe('catalogDataProductCache', () => {
  it("reads the catalog's data products, and no entity of another kind or version", async () => {
    const products = catalogDataProductCache({
      auth: mockServices.auth(),
      catalog: catalogServiceMock({
        entities: [
          dataProduct('orders'),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'orders-etl' },
          },
          { ...dataProduct('future'), apiVersion: 'meshwork.dev/v2' },
        ],
      }),
      logger: mockServices.logger.mock(),
    });
    expect((await products.products()).map(p => p.metadata.name)).toEqual([
      'orders',
    ]);
  });
});
