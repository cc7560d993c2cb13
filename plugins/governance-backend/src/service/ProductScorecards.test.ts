import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { ExemptionStore } from '../store/ExemptionStore';
import { LineageFindings } from './LineageFindings';
import { ProductScorecards } from './ProductScorecards';

const product = (name: string) => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { namespace: 'default', name, etag: `etag-${name}` },
  spec: {},
});

describe('ProductScorecards', () => {
  const databases = createStoreTestDatabases();

  it('takes a product a paged catalog read missed for removed only when a read by its ref finds nothing either', async () => {
    const catalog = catalogServiceMock({
      entities: [product('orders'), product('returns')],
    });
    // A paged read that misses returns, as one may while entities move.
    const queryEntities = catalog.queryEntities.bind(catalog);
    jest.spyOn(catalog, 'queryEntities').mockImplementation(async (...args) => {
      const page = await queryEntities(...args);
      return {
        ...page,
        items: page.items.filter(e => e.metadata.name !== 'returns'),
      };
    });
    const auth = mockServices.auth();
    const logger = mockServices.logger.mock();
    const scorecards = new ProductScorecards({
      catalog,
      auth,
      policies: [],
      exemptions: await ExemptionStore.create(
        await databases.init(databases.eachSupportedId()[0][0]),
      ),
      lineage: new LineageFindings({
        discovery: mockServices.discovery(),
        auth,
        logger,
      }),
      logger,
    });
    const { removed } = await scorecards.changedSince(
      new Map([
        ['dataproduct:default/returns', 'hash'],
        ['dataproduct:default/gone', 'hash'],
      ]),
    );
    expect(removed).toEqual(['dataproduct:default/gone']);
  });
});
