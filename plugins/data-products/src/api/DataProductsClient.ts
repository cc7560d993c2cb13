import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { DataProductSearchResult } from '@meshwork/plugin-data-products-common';
import { DataProductsApi } from './DataProductsApi';

/** Talks to `/api/data-products` with the signed-in user's token. */
export class DataProductsClient implements DataProductsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async search(term: string, limit: number): Promise<DataProductSearchResult> {
    const base = await this.options.discoveryApi.getBaseUrl('data-products');
    const query = new URLSearchParams({ q: term, limit: String(limit) });
    const response = await this.options.fetchApi.fetch(
      `${base}/search?${query}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
