import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { dataProduct } from '../__testUtils__/dataProduct';
import { ExemptionStore } from '../store/ExemptionStore';
import { LineageFindings } from './LineageFindings';
import { ProductScorecards } from './ProductScorecards';

describe('ProductScorecards', () => {
  const databases = createStoreTestDatabases();

  /** Scorecards over a catalog whose paged reads miss `returns`. */
  async function scorecardsMissingReturns(lineage?: LineageFindings) {
    const catalog = catalogServiceMock({
      entities: [dataProduct('orders'), dataProduct('returns')],
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
    return new ProductScorecards({
      catalog,
      auth,
      policies: [],
      exemptions: await ExemptionStore.create(
        await databases.init(databases.eachSupportedId()[0][0]),
      ),
      lineage:
        lineage ??
        new LineageFindings({
          discovery: mockServices.discovery(),
          auth,
          logger,
        }),
      logger,
    });
  }

  it('takes a product a paged catalog read missed for removed only when a read by its ref finds nothing either', async () => {
    const scorecards = await scorecardsMissingReturns();
    const { removed } = await scorecards.changedSince(
      new Map([
        ['dataproduct:default/returns', 'hash'],
        ['dataproduct:default/gone', 'hash'],
      ]),
    );
    expect(removed).toEqual(['dataproduct:default/gone']);
  });

  it('returns from a full pass a stored product a paged catalog read missed, so that the pass does not remove it', async () => {
    // Lineage, another backend, answering with no findings.
    const scorecards = await scorecardsMissingReturns({
      answering: true,
      of: async (refs: string[]) => new Map(refs.map(ref => [ref, {}])),
    } as unknown as LineageFindings);
    const { scorecards: cards, unscored } = await scorecards.evaluateAll(
      new Date(),
      ['dataproduct:default/returns', 'dataproduct:default/gone'],
    );
    expect([...cards.map(card => card.entityRef), ...unscored].sort()).toEqual([
      'dataproduct:default/orders',
      'dataproduct:default/returns',
    ]);
  });

  it('reads a product already missing by its ref only once its removal is due', async () => {
    const scorecards = await scorecardsMissingReturns({
      answering: true,
      of: async (refs: string[]) => new Map(refs.map(ref => [ref, {}])),
    } as unknown as LineageFindings);
    const returns = 'dataproduct:default/returns';
    const departed = new Set([returns]);
    const { scorecards: cards, unscored } = await scorecards.evaluateAll(
      new Date(),
      [returns],
      departed,
    );
    expect([...cards.map(card => card.entityRef), ...unscored]).toEqual([
      'dataproduct:default/orders',
    ]);
    const { removed, present } = await scorecards.changedSince(
      new Map([[returns, 'hash']]),
      new Date(),
      departed,
    );
    expect(removed).toEqual([returns]);
    expect(present).toEqual(['dataproduct:default/orders']);
  });
});
