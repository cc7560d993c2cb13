import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  DataProductListing,
  DataProductListingQuery,
  DataProductSearchResult,
} from '@meshwork/plugin-data-products-common';
import {
  lineageEntityPath,
  type ProductImpact,
  type ProductSlo,
  type ProductSloStatus,
  type RuntimeProductSearch,
} from '@meshwork/plugin-lineage-common';
import { DataProductsApi, RuntimeProductMatches } from './DataProductsApi';
import { ProductStatus, ProductStatuses } from './ProductStatus';

type SloStatusRow = { entityRef: string } & ProductSloStatus;
type ScorecardRow = { entityRef: string; score: number; level: string };

/** The lineage backend's path of a catalog entity, from its ref. */
function entityPath(entityRef: string): string {
  return lineageEntityPath(parseEntityRef(entityRef));
}

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

  async statuses(): Promise<ProductStatuses> {
    const [slo, scorecards] = await Promise.allSettled([
      this.request<SloStatusRow[]>('products/slo-status', undefined, 'lineage'),
      this.request<ScorecardRow[]>('scorecards', undefined, 'governance'),
    ]);
    const byRef = new Map<string, ProductStatus>();
    const statusOf = (ref: string) => {
      let status = byRef.get(ref);
      if (!status) {
        status = {};
        byRef.set(ref, status);
      }
      return status;
    };
    if (slo.status === 'fulfilled') {
      for (const {
        entityRef,
        status,
        breaching,
        unobserved,
        unjudged,
      } of slo.value) {
        statusOf(entityRef).slo = {
          status,
          breaching,
          unobserved: unobserved ?? [],
          unjudged: unjudged ?? [],
        };
      }
    }
    if (scorecards.status === 'fulfilled') {
      for (const { entityRef, score, level } of scorecards.value) {
        statusOf(entityRef).scorecard = { score, level };
      }
    }
    return {
      byRef,
      sloAvailable: slo.status === 'fulfilled',
      scorecardsAvailable: scorecards.status === 'fulfilled',
    };
  }

  async slo(entityRef: string): Promise<ProductSlo> {
    return this.request(`${entityPath(entityRef)}/slo`, undefined, 'lineage');
  }

  async impact(entityRef: string, port?: string): Promise<ProductImpact> {
    const query = port ? `?${new URLSearchParams({ port })}` : '';
    return this.request(
      `${entityPath(entityRef)}/impact${query}`,
      undefined,
      'lineage',
    );
  }

  async runtimeMatches(
    term: string,
    limit: number,
    namespace?: string,
  ): Promise<RuntimeProductMatches> {
    const query = new URLSearchParams({ q: term, limit: String(limit) });
    if (namespace) query.set('namespace', namespace);
    const { items, partial } = await this.request<RuntimeProductSearch>(
      `products/search?${query}`,
      undefined,
      'lineage',
    );
    return partial ? Object.assign(items, { partial }) : items;
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    pluginId = 'data-products',
  ): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl(pluginId);
    const response = await this.options.fetchApi.fetch(`${base}/${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
