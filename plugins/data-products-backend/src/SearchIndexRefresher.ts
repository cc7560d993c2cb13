import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_LISTING_FIELDS,
  DataProductEntityV1alpha1,
  DataProductSearchIndex,
} from '@meshwork/plugin-data-products-common';
import { createHash } from 'crypto';

const PAGE_SIZE = 500;

/**
 * Keeps a search index of the catalog's data products. Building it blocks
 * the event loop (seconds at 10,000 products), so each refresh first reads
 * only the products' etags and rebuilds only when one of them changed.
 */
export class SearchIndexRefresher {
  private index?: DataProductSearchIndex;
  private signature?: string;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  current(): DataProductSearchIndex | undefined {
    return this.index;
  }

  async refresh(): Promise<void> {
    const versions = await this.readAll<{
      metadata: { namespace?: string; name: string; etag?: string };
    }>(['kind', 'metadata.namespace', 'metadata.name', 'metadata.etag']);
    const hash = createHash('sha256');
    for (const line of versions
      .map(
        e =>
          `${stringifyEntityRef({ kind: 'DataProduct', ...e.metadata })} ${
            e.metadata.etag
          }`,
      )
      .sort()) {
      hash.update(line).update('\n');
    }
    const signature = hash.digest('hex');
    if (this.index && signature === this.signature) {
      return;
    }
    const products = await this.readAll<DataProductEntityV1alpha1>([
      // The search index also lists the products it finds.
      ...DATA_PRODUCT_LISTING_FIELDS,
      // And finds them by their ports' tables and contracts' columns.
      'spec.outputPorts',
      // The explorer finds a product by a word of its description.
      'metadata.description',
      // And by the jobs it names in its meshwork.dev/openlineage-jobs.
      'metadata.annotations',
    ]);
    this.index = DataProductSearchIndex.build(products);
    this.signature = signature;
    this.logger.debug(`Indexed ${products.length} data products for search`);
  }

  private async readAll<T>(fields: string[]): Promise<T[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: PAGE_SIZE }
          : { filter: { kind: 'DataProduct' }, fields, limit: PAGE_SIZE },
        { credentials },
      );
      items.push(...(page.items as T[]));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return items;
  }
}
