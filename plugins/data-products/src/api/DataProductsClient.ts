import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  DataProductListing,
  DataProductListingQuery,
  DataProductSearchResult,
} from '@meshwork/plugin-data-products-common';
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
    const query = new URLSearchParams({ q: term, limit: String(limit) });
    return this.request(`search?${query}`);
  }

  async listings(
    query: DataProductListingQuery & { q?: string; entityRefs?: string[] },
  ): Promise<{ items: DataProductListing[]; totalItems: number }> {
    return this.request('listings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(query),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('data-products');
    const response = await this.options.fetchApi.fetch(`${base}/${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
