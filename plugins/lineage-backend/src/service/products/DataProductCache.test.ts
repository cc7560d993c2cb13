import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import { DataProductCache } from './DataProductCache';

const SECOND = 1000;

const product = (name: string) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name },
    spec: {},
  } as unknown as DataProductEntityV1alpha1);

/** A catalog whose answers the test gives, one read at a time. */
function catalogReads() {
  const reads: Array<{
    resolve: (products: DataProductEntityV1alpha1[]) => void;
    reject: (error: Error) => void;
  }> = [];
  return {
    reads,
    load: () =>
      new Promise<DataProductEntityV1alpha1[]>((resolve, reject) => {
        reads.push({ resolve, reject });
      }),
  };
}

function setUp({ timeoutMs = 60 * SECOND } = {}) {
  const catalog = catalogReads();
  const logger = mockServices.logger.mock();
  let now = 1_000_000;
  const cache = new DataProductCache({
    load: catalog.load,
    logger,
    freshMs: 15 * SECOND,
    maxStaleMs: 600 * SECOND,
    timeoutMs,
    now: () => now,
  });
  return {
    catalog,
    logger,
    cache,
    /** The first read, answered with one product, `orders`. */
    readOrders: async () => {
      const first = cache.products();
      catalog.reads[0].resolve([product('orders')]);
      await first;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Lets settled reads reach the cache. */
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('DataProductCache', () => {
  it('makes one catalog read for requests that arrive together, and reuses its list while fresh', async () => {
    const { catalog, cache, advance } = setUp();
    const first = cache.products();
    const second = cache.products();
    expect(catalog.reads).toHaveLength(1);
    catalog.reads[0].resolve([product('orders')]);
    expect(await first).toEqual([product('orders')]);
    expect(await second).toEqual([product('orders')]);

    advance(15 * SECOND);
    expect(await cache.products()).toEqual([product('orders')]);
    expect(catalog.reads).toHaveLength(1);
  });

  it('serves the list it has while a newer one is read, then the newer one', async () => {
    const { catalog, readOrders, cache, advance } = setUp();
    await readOrders();

    advance(16 * SECOND);
    expect(await cache.products()).toEqual([product('orders')]);
    expect(await cache.products()).toEqual([product('orders')]);
    expect(catalog.reads).toHaveLength(2);
    catalog.reads[1].resolve([product('orders'), product('revenue')]);
    await settle();
    expect(await cache.products()).toEqual([
      product('orders'),
      product('revenue'),
    ]);
    expect(catalog.reads).toHaveLength(2);
  });

  it('keeps serving its list while the catalog fails, logging the failure once and the recovery', async () => {
    const { catalog, readOrders, cache, logger, advance } = setUp();
    await readOrders();

    for (const read of [1, 2]) {
      advance(16 * SECOND);
      expect(await cache.products()).toEqual([product('orders')]);
      catalog.reads[read].reject(new Error('connect ECONNREFUSED'));
      await settle();
    }
    // Not a read per request while the catalog is down.
    advance(14 * SECOND);
    expect(await cache.products()).toEqual([product('orders')]);
    expect(catalog.reads).toHaveLength(3);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Data products could not be read from the catalog; serving the list read at 1970-01-01T00:16:40\.000Z meanwhile: Error: connect ECONNREFUSED$/,
      ),
    );

    advance(2 * SECOND);
    expect(await cache.products()).toEqual([product('orders')]);
    catalog.reads[3].resolve([product('revenue')]);
    await settle();
    expect(await cache.products()).toEqual([product('revenue')]);
    expect(logger.info).toHaveBeenCalledWith(
      'Data products are read from the catalog again',
    );
  });

  it('serves a list up to 10 minutes old while the catalog fails, not older', async () => {
    const { catalog, readOrders, cache, logger, advance } = setUp();
    await readOrders();

    advance(599 * SECOND);
    expect(await cache.products()).toEqual([product('orders')]);
    catalog.reads[1].reject(new Error('connect ECONNREFUSED'));
    await settle();
    expect(logger.warn).toHaveBeenCalledTimes(1);

    advance(2 * SECOND);
    const tooOld = cache.products();
    expect(catalog.reads).toHaveLength(3);
    catalog.reads[2].reject(new Error('connect ECONNREFUSED'));
    await expect(tooOld).rejects.toThrow(ServiceUnavailableError);
  });

  it('does not claim to serve a list it no longer serves', async () => {
    const { catalog, readOrders, cache, logger, advance } = setUp();
    await readOrders();

    advance(601 * SECOND);
    const tooOld = cache.products();
    catalog.reads[1].reject(new Error('connect ECONNREFUSED'));
    await expect(tooOld).rejects.toThrow(ServiceUnavailableError);
    expect(logger.warn).not.toHaveBeenCalled();

    const recovered = cache.products();
    catalog.reads[2].resolve([product('revenue')]);
    expect(await recovered).toEqual([product('revenue')]);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('counts a catalog that does not answer as failed', async () => {
    const { catalog, cache } = setUp({ timeoutMs: 20 });
    const hung = cache.products();
    await expect(hung).rejects.toThrow(
      'Data products could not be loaded from the catalog: Error: the catalog did not answer within 20 ms',
    );
    const retried = cache.products();
    expect(catalog.reads).toHaveLength(2);
    catalog.reads[1].resolve([product('orders')]);
    expect(await retried).toEqual([product('orders')]);
    // The first read answering late changes nothing.
    catalog.reads[0].resolve([product('late')]);
    await settle();
    expect(await cache.products()).toEqual([product('orders')]);
  });

  it('answers 503 naming the catalog when it has no list, or one too old, and the catalog fails', async () => {
    const { catalog, cache, advance } = setUp();
    const never = cache.products();
    catalog.reads[0].reject(new Error('connect ECONNREFUSED'));
    await expect(never).rejects.toThrow(ServiceUnavailableError);
    await expect(never).rejects.toThrow(
      'Data products could not be loaded from the catalog: Error: connect ECONNREFUSED',
    );

    const retried = cache.products();
    expect(catalog.reads).toHaveLength(2);
    catalog.reads[1].resolve([product('orders')]);
    expect(await retried).toEqual([product('orders')]);

    advance(601 * SECOND);
    const tooOld = cache.products();
    expect(catalog.reads).toHaveLength(3);
    catalog.reads[2].reject(new Error('503 Service Unavailable'));
    await expect(tooOld).rejects.toThrow(ServiceUnavailableError);
  });
});
